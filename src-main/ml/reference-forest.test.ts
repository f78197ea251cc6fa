import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import { predictForestBatch } from './forest';
import { flattenCartTree, trainReferenceForest } from './reference-forest';

describe('ml-random-forest as a reference engine', () => {
  it('converts ml-cart trees exactly: x < v goes left there, x ≤ below(v) here', () => {
    const root = { splitColumn: 0, splitValue: 2, left: { distribution: [[0.9, 0.1]] }, right: { splitColumn: 1, splitValue: -1, left: { distribution: [[0.2, 0.8]] }, right: { distribution: [[1, 0]] } } };
    const x = [Float64Array.of(1, 2, 2, 3), Float64Array.of(0, -2, 5, -1)];
    // Local column 0 is forest feature 1 and local 1 is feature 0: the index map is applied.
    const t = flattenCartTree(root, [1, 0], [x[1], x[0]]);
    expect(t.feature[0]).toBe(1);
    const p = predictForestBatch({ trees: [t], nFeatures: 2 }, x);
    // Row 0: x1 = 0 < 2 → 0.1. Row 1: x1 = −2 < 2 → 0.1. Row 2: x1 = 5 ≥ 2, x0 = 2 ≥ −1 → 0. Row 3: x1 = −1 < 2 → 0.1.
    expect(Array.from(p)).toEqual([0.1, 0.1, 0, 0.1]);
    expect(t.cover[0]).toBe(4);
  });

  it('trains through the library and predicts with our flat trees', () => {
    const r = createRng(1);
    const n = 300;
    const a = Float64Array.from({ length: n }, () => r.next()), b = Float64Array.from({ length: n }, () => r.next());
    const y = Uint8Array.from(a, (v, i) => (v + b[i] > 1.2 ? 1 : 0));
    const f = trainReferenceForest([a, b], y, { nTrees: 10, maxDepth: 6, maxFeatures: 1, seed: 3 });
    expect(f.trees).toHaveLength(10);
    const p = predictForestBatch(f, [a, b]);
    let correct = 0;
    for (let i = 0; i < n; i++) if ((p[i] >= 0.5 ? 1 : 0) === y[i]) correct++;
    expect(correct / n).toBeGreaterThan(0.85);
  });
});
