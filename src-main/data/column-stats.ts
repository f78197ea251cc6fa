/**
 * Per-column statistics of numeric storage — missing count, min, max, sum and distinct values up
 * to a cap — computable on pieces and merged. The import computes them per segment in its helper
 * workers and merges them, so the summary of a million-row file costs the main thread nothing;
 * they are remembered by the values array they describe, and any other array (a column the
 * mapping rewrote) is measured afresh.
 */
import type { NumericArray } from './table';

export interface NumericStats {
  missing: number;
  min: number;
  max: number;
  sum: number;
  /** The distinct non-missing values (−0 counted as 0), or null when there are `cap` or more. */
  distinct: Float64Array | null;
}

/** Small non-negative integers (flags, counts, codes) are marked in a bitmap, not hashed. */
const SMALL_INTS = 1 << 16;

/**
 * The hash table of distinctValues, kept between calls: the import calls it for every numeric
 * column of every segment, and allocating and zeroing ~0.4 MB each time cost more than the count.
 * Only the entries a call touched are cleared after it.
 */
let scratch: { size: number; table: Float64Array; used: Uint8Array; small: Uint8Array; slots: Int32Array } | null = null;

function scratchFor(size: number, cap: number) {
  if (!scratch || scratch.size !== size || scratch.slots.length < cap) {
    scratch = { size, table: new Float64Array(size), used: new Uint8Array(size), small: new Uint8Array(SMALL_INTS), slots: new Int32Array(cap) };
  }
  return scratch;
}

/**
 * Distinct non-missing values, or null once there are `cap` of them (beyond it the exact number
 * says nothing useful). An open-addressing table of doubles: a Set<number> would box each one.
 */
export function distinctValues(values: NumericArray, cap: number): Float64Array | null {
  if (values instanceof Uint8Array) {
    // Byte storage: a 256-entry table, no hashing.
    const seen = new Uint8Array(256), found: number[] = [];
    for (let i = 0; i < values.length; i++) {
      if (seen[values[i]]) continue;
      seen[values[i]] = 1;
      found.push(values[i]);
      if (found.length >= cap) return null;
    }
    return Float64Array.from(found);
  }
  let size = 1;
  while (size < cap * 2) size <<= 1;
  const mask = size - 1;
  const { table, used, small, slots } = scratchFor(size, cap);
  const view = new Float64Array(1), bits = new Int32Array(view.buffer);
  // Each value found is in `found`; `slots` holds where it sits (−1 − k for small integer k).
  let found = new Float64Array(Math.min(cap, 256)), count = 0, last = NaN;
  const clear = () => {
    for (let k = 0; k < count; k++) {
      const at = slots[k];
      if (at < 0) small[-1 - at] = 0;
      else used[at] = 0;
    }
  };
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === last || v !== v) continue;
    last = v;
    const k = v | 0;
    let at: number;
    if (k === v && k >= 0 && k < SMALL_INTS) {
      if (small[k] !== 0) continue;
      small[k] = 1;
      at = -1 - k;
    } else {
      view[0] = v === 0 ? 0 : v; // -0 and 0 are one value
      // murmur3's finaliser: decimals differ in their low mantissa bits, which need spreading.
      let h = bits[0] ^ Math.imul(bits[1], 0x9e3779b1);
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      let p = ((h ^ (h >>> 16)) >>> 0) & mask;
      while (used[p] && table[p] !== v) p = (p + 1) & mask;
      if (used[p]) continue;
      used[p] = 1;
      table[p] = v;
      at = p;
    }
    if (count === found.length) {
      const grown = new Float64Array(Math.min(cap, found.length * 4));
      grown.set(found);
      found = grown;
    }
    slots[count] = at;
    found[count++] = k === v ? k : v;
    if (count >= cap) {
      clear();
      return null;
    }
  }
  clear();
  return found.slice(0, count);
}

export function countDistinct(values: NumericArray, cap: number): number {
  return distinctValues(values, cap)?.length ?? cap;
}

// Two loops, one per storage kind, so each reads a single array type (one loop over all three
// kinds was measured 5× slower on a million rows: its element loads could not be specialised).
function doubleStats(values: Float64Array) {
  let missing = 0, min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      missing++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { missing, min, max, sum };
}

/** Narrow storage holds no missing values (a missing cell widens a column to doubles). */
function integerStats(values: Uint8Array | Int32Array) {
  let min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { missing: 0, min, max, sum };
}

export function numericStats(values: NumericArray, cap: number): NumericStats {
  const s = values instanceof Float64Array ? doubleStats(values) : integerStats(values);
  return { ...s, distinct: distinctValues(values, cap) };
}

export function mergeStats(a: NumericStats, b: NumericStats, cap: number): NumericStats {
  let distinct: Float64Array | null = null;
  if (a.distinct && b.distinct) {
    const all = new Set<number>(a.distinct);
    for (let i = 0; i < b.distinct.length && all.size < cap; i++) all.add(b.distinct[i]);
    distinct = all.size < cap ? Float64Array.from(all) : null;
  }
  return { missing: a.missing + b.missing, min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), sum: a.sum + b.sum, distinct };
}

const known = new WeakMap<NumericArray, NumericStats>();

/** Records the statistics of a values array measured elsewhere (the import's helpers). */
export function rememberStats(values: NumericArray, stats: NumericStats): void {
  known.set(values, stats);
}

/** The statistics of `values`: remembered, or measured now. */
export function statsOf(values: NumericArray, cap: number): NumericStats {
  return known.get(values) ?? numericStats(values, cap);
}
