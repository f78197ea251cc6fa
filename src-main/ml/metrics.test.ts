import { describe, expect, it } from 'vitest';
import { averagePrecision, brier, confusion, precisionRecallF1, rocAuc } from './metrics';

const y = Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 0]);
const p = Float64Array.from([0.9, 0.8, 0.7, 0.6, 0.55, 0.3, 0.2, 0.1]);

describe('metrics', () => {
  it('confusion, precision, recall and F1 at a threshold', () => {
    const c = confusion(y, p, 0.5);
    expect(c).toEqual({ tp: 3, fp: 2, tn: 2, fn: 1 });
    const m = precisionRecallF1(c);
    expect(m.precision).toBeCloseTo(0.6, 12);
    expect(m.recall).toBeCloseTo(0.75, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
  });

  it('ROC-AUC and average precision match scikit-learn on a hand-checked case', () => {
    // Values from sklearn.metrics.roc_auc_score and average_precision_score on the same input.
    expect(rocAuc(y, p)).toBeCloseTo(0.6875, 12);
    expect(averagePrecision(y, p)).toBeCloseTo(0.7470238095238095, 12);
  });

  it('counts ties half in ROC-AUC and computes the Brier score', () => {
    expect(rocAuc(Uint8Array.from([1, 0]), Float64Array.from([0.5, 0.5]))).toBe(0.5);
    expect(brier(Uint8Array.from([1, 0]), Float64Array.from([0.75, 0.25]))).toBeCloseTo(0.0625, 12);
  });
});

describe('threshold table', () => {
  it('agrees with the confusion matrix at every threshold step', async () => {
    const { thresholdTable } = await import('./evaluate');
    const t = thresholdTable(y, p, 20);
    t.threshold.forEach((th, k) => {
      const c = confusion(y, p, th);
      expect([t.tp[k], t.fp[k], t.tn[k], t.fn[k]]).toEqual([c.tp, c.fp, c.tn, c.fn]);
    });
  });
});
