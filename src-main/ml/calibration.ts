/**
 * Probabilities people can multiply by money. Tree ensembles — and class weighting even more —
 * give scores, not probabilities; isotonic regression fitted on out-of-fold predictions maps
 * scores to observed failure rates. Evaluating it is cross-fitted: each fold's scores are
 * calibrated by a map fitted on the other folds only.
 */
export interface IsotonicMap {
  /** Increasing scores and the calibrated probability at each (linear in between, clipped outside). */
  x: Float64Array;
  y: Float64Array;
}

/** Pool-adjacent-violators on (score, label) pairs. */
export function fitIsotonic(scores: ArrayLike<number>, labels: ArrayLike<number>): IsotonicMap {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  // Blocks of equal score first (ties must share one value), then merge violators.
  const bx: number[] = [], by: number[] = [], bw: number[] = [];
  for (const i of idx) {
    const s = scores[i];
    if (bx.length && bx[bx.length - 1] === s) {
      const k = bx.length - 1;
      by[k] = (by[k] * bw[k] + labels[i]) / (bw[k] + 1);
      bw[k]++;
    } else {
      bx.push(s);
      by.push(labels[i]);
      bw.push(1);
    }
  }
  const vx: number[][] = [], vy: number[] = [], vw: number[] = [];
  for (let k = 0; k < bx.length; k++) {
    vx.push([bx[k]]);
    vy.push(by[k]);
    vw.push(bw[k]);
    while (vy.length > 1 && vy[vy.length - 2] > vy[vy.length - 1]) {
      const w = vw[vw.length - 2] + vw[vw.length - 1];
      const y = (vy[vy.length - 2] * vw[vw.length - 2] + vy[vy.length - 1] * vw[vw.length - 1]) / w;
      const xs = [...vx[vx.length - 2], ...vx[vx.length - 1]];
      vx.splice(-2, 2, xs);
      vy.splice(-2, 2, y);
      vw.splice(-2, 2, w);
    }
  }
  // Each block contributes its lowest and highest score at its value (a step, as scikit-learn keeps).
  const x: number[] = [], y: number[] = [];
  vx.forEach((xs, k) => {
    x.push(xs[0]);
    y.push(vy[k]);
    if (xs.length > 1) {
      x.push(xs[xs.length - 1]);
      y.push(vy[k]);
    }
  });
  return { x: Float64Array.from(x), y: Float64Array.from(y) };
}

export function applyIsotonic(m: IsotonicMap, s: number): number {
  const { x, y } = m;
  if (x.length === 0) return s;
  if (s <= x[0]) return y[0];
  if (s >= x[x.length - 1]) return y[y.length - 1];
  let lo = 0, hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= s) lo = mid;
    else hi = mid;
  }
  const t = x[hi] === x[lo] ? 0 : (s - x[lo]) / (x[hi] - x[lo]);
  return y[lo] + t * (y[hi] - y[lo]);
}

/** Calibrated out-of-fold probabilities: fold k mapped by the isotonic fit on the other folds. */
export function crossFitCalibration(scores: Float64Array, labels: Uint8Array, folds: Int32Array, k: number): Float64Array {
  const out = new Float64Array(scores.length);
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    for (let i = 0; i < scores.length; i++) if (folds[i] !== f) train.push(i);
    const m = fitIsotonic(train.map((i) => scores[i]), train.map((i) => labels[i]));
    for (let i = 0; i < scores.length; i++) if (folds[i] === f) out[i] = applyIsotonic(m, scores[i]);
  }
  return out;
}

/** Reliability diagram: mean predicted probability vs observed failure rate in probability bins. */
export function reliability(p: Float64Array, y: Uint8Array, bins = 10): { predicted: number[]; observed: number[]; count: number[] } {
  const sp = new Array<number>(bins).fill(0), sy = new Array<number>(bins).fill(0), n = new Array<number>(bins).fill(0);
  for (let i = 0; i < p.length; i++) {
    const b = Math.min(bins - 1, Math.floor(p[i] * bins));
    sp[b] += p[i];
    sy[b] += y[i];
    n[b]++;
  }
  const keep = n.map((c, b) => (c > 0 ? b : -1)).filter((b) => b >= 0);
  return { predicted: keep.map((b) => sp[b] / n[b]), observed: keep.map((b) => sy[b] / n[b]), count: keep.map((b) => n[b]) };
}
