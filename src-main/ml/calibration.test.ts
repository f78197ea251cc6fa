import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import { applyIsotonic, crossFitCalibration, fitIsotonic, reliability } from './calibration';
import { stratifiedFolds } from './folds';
import { brier } from './metrics';

describe('isotonic calibration', () => {
  it('matches pool-adjacent-violators on a small case (as scikit-learn IsotonicRegression)', () => {
    // sklearn IsotonicRegression().fit([1,2,3,4,5],[0,1,0,1,1]).predict([1,2,3,4,5]) → [0, .5, .5, 1, 1]
    const m = fitIsotonic([1, 2, 3, 4, 5], [0, 1, 0, 1, 1]);
    expect([1, 2, 3, 4, 5].map((s) => applyIsotonic(m, s))).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(applyIsotonic(m, 0)).toBe(0);
    expect(applyIsotonic(m, 9)).toBe(1);
  });

  it('improves the Brier score of class-weighted scores, cross-fitted', () => {
    // Scores inflated for the rare class, as class weighting does: p_true = 0.05·s², score = √s.
    const r = createRng(11);
    const n = 20_000;
    const score = new Float64Array(n), y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const s = r.next();
      score[i] = Math.sqrt(s);
      y[i] = r.next() < 0.05 + 0.4 * s * s ? 1 : 0;
    }
    const folds = stratifiedFolds(y, 5, 1);
    const calibrated = crossFitCalibration(score, y, folds, 5);
    expect(brier(y, calibrated)).toBeLessThan(brier(y, score) * 0.7);
    const rel = reliability(calibrated, y);
    rel.predicted.forEach((p, k) => rel.count[k] > 500 && expect(Math.abs(p - rel.observed[k])).toBeLessThan(0.05));
  });
});
