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
