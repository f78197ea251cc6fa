import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import { DEFAULT_BOOST, predictBoosted, predictBoostedBatch, trainBoosted } from './boosting';
import { confusion, precisionRecallF1 } from './metrics';

/** Two features; failure when x0 > 0.6 and x1 < 0.3, or x0 < 0.1 (an interaction a stump cannot fit). */
function data(n: number, seed: number, noise = 0) {
  const r = createRng(seed);
  const x0 = new Float64Array(n), x1 = new Float64Array(n), x2 = new Float64Array(n), y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x0[i] = r.next();
    x1[i] = r.next();
    x2[i] = r.next(); // irrelevant
    const rule = (x0[i] > 0.6 && x1[i] < 0.3) || x0[i] < 0.1;
    y[i] = (r.next() < noise ? !rule : rule) ? 1 : 0;
  }
  return { columns: [x0, x1, x2], y };
}

describe('gradient-boosted trees', () => {
  it('learns an interaction rule and predicts held-out rows', () => {
    const train = data(4000, 1), test = data(2000, 2);
    const m = trainBoosted(train.columns, train.y, { ...DEFAULT_BOOST, maxRounds: 200 });
    const p = predictBoostedBatch(m, test.columns);
    const { f1 } = precisionRecallF1(confusion(test.y, p, 0.5));
    expect(f1).toBeGreaterThan(0.97);
  });

  it('stops early on noise and keeps the round with the lowest validation loss', () => {
    const train = data(3000, 3, 0.3);
    const m = trainBoosted(train.columns, train.y, { ...DEFAULT_BOOST, maxRounds: 400, learningRate: 0.3, patience: 10 });
    expect(m.validationLoss.length).toBeLessThan(400);
    expect(m.trees).toHaveLength(m.bestRound);
    const min = Math.min(...m.validationLoss);
    expect(m.validationLoss[m.bestRound - 1]).toBe(min);
    // Training went on past the best round until patience ran out.
    expect(m.validationLoss.length).toBe(m.bestRound + 10);
  });

  it('gives probabilities near the observed rate without class weights, and the same model for the same seed', () => {
    const train = data(3000, 4, 0.1);
    const a = trainBoosted(train.columns, train.y, DEFAULT_BOOST);
    const b = trainBoosted(train.columns, train.y, DEFAULT_BOOST);
    const pa = predictBoostedBatch(a, train.columns), pb = predictBoostedBatch(b, train.columns);
    expect(Array.from(pa)).toEqual(Array.from(pb));
    const mean = pa.reduce((s, v) => s + v, 0) / pa.length;
    const rate = train.y.reduce((s, v) => s + v, 0) / train.y.length;
    expect(Math.abs(mean - rate)).toBeLessThan(0.02);
  });
});

describe('boosted trees explained', () => {
  it('TreeSHAP contributions in log-odds add up to the model score', async () => {
    const { explainBoosted } = await import('./treeshap');
    const train = data(1500, 9, 0.05);
    const m = trainBoosted(train.columns, train.y, { ...DEFAULT_BOOST, maxRounds: 40 });
    for (let i = 0; i < 20; i++) {
      const x = train.columns.map((c) => c[i]);
      const e = explainBoosted(m.trees, m.base, 3, x);
      const logit = Math.log(predictBoosted(m, x) / (1 - predictBoosted(m, x)));
      expect(e.base + e.contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(logit, 9);
    }
  });
});
