/** Classification metrics for a failure model: at a threshold, and threshold-free (ROC-AUC, PR-AUC, Brier). */
export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function confusion(y: Uint8Array, p: Float64Array, threshold: number): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < y.length; i++) {
    const hit = p[i] >= threshold;
    if (y[i] && hit) c.tp++;
    else if (y[i]) c.fn++;
    else if (hit) c.fp++;
    else c.tn++;
  }
  return c;
}

export function precisionRecallF1(c: Confusion): { precision: number; recall: number; f1: number; accuracy: number } {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, accuracy: (c.tp + c.tn) / (c.tp + c.tn + c.fp + c.fn) };
}

/** Indices sorted by descending score. */
function byScore(p: Float64Array): Int32Array {
  return Int32Array.from({ length: p.length }, (_, i) => i).sort((a, b) => p[b] - p[a]);
}

/** ROC-AUC with ties counted half (the Mann–Whitney statistic, as scikit-learn). */
export function rocAuc(y: Uint8Array, p: Float64Array): number {
  const idx = byScore(p);
  let pos = 0, neg = 0;
  for (const v of y) {
    if (v) pos++;
    else neg++;
  }
  if (!pos || !neg) return NaN;
  let auc = 0, tp = 0, fp = 0, prevTp = 0, prevFp = 0;
  for (let k = 0; k < idx.length; k++) {
    if (y[idx[k]]) tp++;
    else fp++;
    if (k === idx.length - 1 || p[idx[k + 1]] !== p[idx[k]]) {
      auc += ((fp - prevFp) * (tp + prevTp)) / 2;
      prevTp = tp;
      prevFp = fp;
    }
  }
  return auc / (pos * neg);
}

/** Average precision (scikit-learn's PR-AUC): Σ (R_k − R_{k−1}) · P_k over distinct thresholds. */
export function averagePrecision(y: Uint8Array, p: Float64Array): number {
  const idx = byScore(p);
  let pos = 0;
  for (const v of y) pos += v;
  if (!pos) return NaN;
  let ap = 0, tp = 0, seen = 0, prevRecall = 0;
  for (let k = 0; k < idx.length; k++) {
    tp += y[idx[k]];
    seen++;
    if (k === idx.length - 1 || p[idx[k + 1]] !== p[idx[k]]) {
      const recall = tp / pos;
      ap += (recall - prevRecall) * (tp / seen);
      prevRecall = recall;
    }
  }
  return ap;
}

export function brier(y: Uint8Array, p: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (p[i] - y[i]) ** 2;
  return s / y.length;
}
