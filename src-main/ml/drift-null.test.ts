import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import { driftReferenceOf } from './model-build';
import { nullLevels, nullWindows } from './drift-null';

describe('null windows of the training data', () => {
  it('cut each window from distinct assets, consecutive rows of each', () => {
    // Three assets of 100 rows each, interleaved in the matrix (rows of an asset in time order).
    const groups = Int32Array.from({ length: 300 }, (_, i) => i % 3);
    const windows = nullWindows(300, groups, 10, 7, { assets: 2, windows: 20, groups: 10, quantile: 1 });
    expect(windows).toHaveLength(20);
    for (const w of windows) {
      expect(w).toHaveLength(20);
      const a = [...w.slice(0, 10)], b = [...w.slice(10)];
      expect(new Set(a.map((i) => groups[i])).size).toBe(1);
      expect(new Set(b.map((i) => groups[i])).size).toBe(1);
      expect(groups[a[0]]).not.toBe(groups[b[0]]);
      // Consecutive readings of the asset: 3 rows apart in this matrix.
      for (let k = 1; k < 10; k++) expect(a[k] - a[k - 1]).toBe(3);
    }
  });

  it('without assets, cut runs of consecutive rows', () => {
    for (const w of nullWindows(1000, null, 50, 3, { assets: 3, windows: 5, groups: 10, quantile: 1 })) {
      expect(w).toHaveLength(150);
      for (let r = 0; r < 3; r++) for (let k = 1; k < 50; k++) expect(w[r * 50 + k] - w[r * 50 + k - 1]).toBe(1);
    }
  });

  it('measure a wandering signal far from its whole-history reference, an independent one close to it', () => {
    const rng = createRng(11);
    const n = 20_000;
    const iid = Float64Array.from({ length: n }, () => rng.next());
    let walk = 0;
    const wander = Float64Array.from({ length: n }, () => (walk += rng.next() - 0.5));
    const windows = nullWindows(n, null, 300, 5);
    const ref = driftReferenceOf(['iid', 'wander'], [iid, wander], iid, windows);
    const [a, b] = ref.features;
    expect(a.jsNull!).toBeLessThan(0.05);
    expect(b.jsNull!).toBeGreaterThan(0.3);
    expect(b.psiNull!).toBeGreaterThan(a.psiNull!);
    // The levels are those of the windows themselves.
    expect(nullLevels(b, wander, windows)).toEqual({ jsNull: b.jsNull, psiNull: b.psiNull });
    // The predictions (here the independent values again, on [0, 1]) get their levels too.
    expect(ref.prediction.jsNull!).toBeLessThan(0.05);
  });
});
