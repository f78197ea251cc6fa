/**
 * Seeded pseudo-random source (sfc32, seeded through splitmix32).
 * Every core takes an Rng instead of calling Math.random, so simulations, training and
 * tests replay exactly from a seed, and a twin's generator state can be persisted.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box–Muller, both values used). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Serialisable state; `restoreRng(state)` continues the same sequence. */
  state(): RngState;
}

export interface RngState {
  s: [number, number, number, number];
  spare: number | null;
}

function splitmix32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

export function createRng(seed: number): Rng {
  const mix = splitmix32(seed);
  return restoreRng({ s: [mix(), mix(), mix(), mix()], spare: null });
}

export function restoreRng(initial: RngState): Rng {
  // State in an Int32Array keeps every operation on 32-bit integers (plain `let` numbers drift
  // into heap doubles and make each draw about ten times slower).
  const st = Int32Array.from(initial.s);
  let spare = initial.spare;
  const nextU32 = (): number => {
    const a = st[0], b = st[1], c = st[2], d = st[3];
    const d1 = (d + 1) | 0;
    const t = (((a + b) | 0) + d1) | 0;
    st[3] = d1;
    st[0] = b ^ (b >>> 9);
    st[1] = (c + (c << 3)) | 0;
    st[2] = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  };
  const next = (): number => nextU32() / 4294967296;
  return {
    next,
    normal() {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n) {
      return Math.floor(next() * n);
    },
    state() {
      return { s: [st[0] >>> 0, st[1] >>> 0, st[2] >>> 0, st[3] >>> 0], spare };
    },
  };
}

/** Derives an independent seed for a named sub-stream (asset, fold, tree…). */
export function deriveSeed(seed: number, salt: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < salt.length; i++) {
    h ^= salt.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return splitmix32(h)();
}
