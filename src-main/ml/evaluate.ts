/**
 * Out-of-fold evaluation summaries: the curves a planner reads (ROC, precision–recall) with at
 * most a chart's worth of points, and impurity importance of a forest.
 */
import type { Forest } from './forest';

const MAX_CURVE_POINTS = 200;

function thin(x: number[], y: number[]): { x: number[]; y: number[] } {
  if (x.length <= MAX_CURVE_POINTS) return { x, y };
  const step = (x.length - 1) / (MAX_CURVE_POINTS - 1);
  const idx = Array.from({ length: MAX_CURVE_POINTS }, (_, i) => Math.round(i * step));
  return { x: idx.map((i) => x[i]), y: idx.map((i) => y[i]) };
}

/** ROC (false-positive rate → true-positive rate) and PR (recall → precision) curves over distinct scores. */
export function curves(y: Uint8Array, p: Float64Array): { roc: { x: number[]; y: number[] }; pr: { x: number[]; y: number[] } } {
  const idx = Int32Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b] - p[a]);
  let pos = 0;
  for (const v of y) pos += v;
  const neg = y.length - pos;
  const fpr = [0], tpr = [0], rec = [0], prec = [1];
  let tp = 0, fp = 0;
  for (let k = 0; k < idx.length; k++) {
    if (y[idx[k]]) tp++;
    else fp++;
    if (k === idx.length - 1 || p[idx[k + 1]] !== p[idx[k]]) {
      fpr.push(neg ? fp / neg : 0);
      tpr.push(pos ? tp / pos : 0);
      rec.push(pos ? tp / pos : 0);
      prec.push(tp / (tp + fp));
    }
  }
  return { roc: thin(fpr, tpr), pr: thin(rec, prec) };
}

/** Mean decrease in impurity per feature, normalised to sum to 1 (scikit-learn's feature_importances_). */
export function impurityImportance(f: Forest): number[] {
  const total = new Array<number>(f.nFeatures).fill(0);
  for (const t of f.trees) {
    const perTree = new Array<number>(f.nFeatures).fill(0);
    let sum = 0;
    for (let n = 0; n < t.feature.length; n++) {
      if (t.feature[n] < 0) continue;
      perTree[t.feature[n]] += t.gain[n];
      sum += t.gain[n];
    }
    if (sum > 0) for (let k = 0; k < f.nFeatures; k++) total[k] += perTree[k] / sum;
  }
  const s = total.reduce((a, b) => a + b, 0);
  return total.map((v) => (s > 0 ? v / s : 0));
}

/** Confusion counts at evenly spaced thresholds (predicted failure when p ≥ threshold). */
export function thresholdTable(y: Uint8Array, p: Float64Array, steps = 200) {
  const threshold = Array.from({ length: steps + 1 }, (_, k) => k / steps);
  // Count rows per threshold bucket once, then accumulate from the top.
  const posAt = new Array<number>(steps + 2).fill(0), negAt = new Array<number>(steps + 2).fill(0);
  let pos = 0, neg = 0;
  for (let i = 0; i < y.length; i++) {
    const b = Math.min(steps, Math.floor(p[i] * steps + 1e-9));
    if (y[i]) { posAt[b]++; pos++; } else { negAt[b]++; neg++; }
  }
  const tp: number[] = [], fp: number[] = [], tn: number[] = [], fn: number[] = [];
  let cp = 0, cn = 0;
  const above: [number, number][] = new Array(steps + 1);
  for (let k = steps; k >= 0; k--) {
    cp += posAt[k];
    cn += negAt[k];
    above[k] = [cp, cn];
  }
  for (let k = 0; k <= steps; k++) {
    tp.push(above[k][0]);
    fp.push(above[k][1]);
    fn.push(pos - above[k][0]);
    tn.push(neg - above[k][1]);
  }
  return { threshold, tp, fp, tn, fn };
}

/**
 * Failures of one mode caught at each threshold of `thresholdTable` (same buckets): rows where
 * `member` and the label are both 1 and the probability reaches the threshold.
 */
export function caughtByThreshold(y: Uint8Array, p: Float64Array, member: Uint8Array, steps = 200): { failures: number; caught: number[] } {
  const at = new Array<number>(steps + 2).fill(0);
  let failures = 0;
  for (let i = 0; i < y.length; i++) {
    if (!y[i] || !member[i]) continue;
    at[Math.min(steps, Math.floor(p[i] * steps + 1e-9))]++;
    failures++;
  }
  const caught = new Array<number>(steps + 1);
  for (let k = steps, c = 0; k >= 0; k--) caught[k] = c += at[k];
  return { failures, caught };
}
