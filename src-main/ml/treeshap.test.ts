import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import { DEFAULT_FOREST, predictForest, trainForest } from './forest';
import { predictTree, type FlatTree } from './tree';
import { explainForest, treeShap } from './treeshap';

/** E[f(x) | x_S] with the cover-weighted marginalisation TreeSHAP uses. */
function conditional(t: FlatTree, x: ArrayLike<number>, S: Set<number>, j = 0): number {
  if (t.feature[j] < 0) return t.value[j];
  const d = t.feature[j];
  if (S.has(d)) return conditional(t, x, S, x[d] <= t.threshold[j] ? t.left[j] : t.right[j]);
  const l = t.left[j], r = t.right[j];
  return (t.cover[l] * conditional(t, x, S, l) + t.cover[r] * conditional(t, x, S, r)) / t.cover[j];
}

function bruteForce(t: FlatTree, x: ArrayLike<number>, M: number): number[] {
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const phi = new Array<number>(M).fill(0);
  for (let i = 0; i < M; i++) {
    const others = [...Array(M).keys()].filter((k) => k !== i);
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const S = new Set(others.filter((_, b) => mask & (1 << b)));
      const weight = (fact(S.size) * fact(M - S.size - 1)) / fact(M);
      phi[i] += weight * (conditional(t, x, new Set([...S, i])) - conditional(t, x, S));
    }
  }
  return phi;
}

function data(n: number, M: number, seed: number) {
  const r = createRng(seed);
  const cols = Array.from({ length: M }, () => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (const c of cols) c[i] = r.normal();
    y[i] = cols[0][i] * cols[1][i] + 0.5 * cols[2][i] > 0.3 ? 1 : 0;
  }
  return { cols, y };
}

describe('TreeSHAP', () => {
  it('equals brute-force Shapley values on small trees, feature for feature', () => {
    const M = 5;
    const { cols, y } = data(600, M, 3);
    const forest = trainForest(cols, y, { ...DEFAULT_FOREST, nTrees: 6, maxDepth: 5, minSamplesLeaf: 3, maxFeatures: 'all' });
    const r = createRng(4);
    for (const t of forest.trees) {
      for (let k = 0; k < 5; k++) {
        const x = Array.from({ length: M }, () => r.normal());
        const phi = new Float64Array(M);
        treeShap(t, x, phi);
        const expected = bruteForce(t, x, M);
        phi.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
      }
    }
  });

  it('is locally accurate: base value plus contributions give the prediction', () => {
    const { cols, y } = data(2000, 6, 5);
    const forest = trainForest(cols, y, { ...DEFAULT_FOREST, nTrees: 20, maxDepth: 10 });
    const x = [0.5, -1.2, 0.3, 0, 2, -0.4];
    const e = explainForest(forest, x);
    const sum = e.base + e.contributions.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(predictForest(forest, x), 10);
    expect(Math.abs(e.contributions[0]) + Math.abs(e.contributions[1])).toBeGreaterThan(Math.abs(e.contributions[5]));
    expect(predictTree(forest.trees[0], x)).toBeGreaterThanOrEqual(0);
  });
});
