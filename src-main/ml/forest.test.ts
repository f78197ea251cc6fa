import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import { binFeature, binOf } from './binning';
import { DEFAULT_FOREST, growForestTree, predictForestBatch, prepareTraining, trainForest } from './forest';
import { predictTree } from './tree';

function data(n: number, seed: number) {
  const r = createRng(seed);
  const a = new Float64Array(n), b = new Float64Array(n), noise = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = r.next() * 10;
    b[i] = r.next() * 10;
    noise[i] = r.normal();
    // A rule like the milling process's: failure when a is low and b is high.
    y[i] = a[i] < 3 && b[i] > 6 ? 1 : 0;
  }
  return { columns: [a, b, noise], y };
}

describe('binning', () => {
  it('keeps every distinct value when there are few, and puts each value in its bin', () => {
    const f = binFeature(Float64Array.from([3, 1, 2, 2, 1]));
    expect(Array.from(f.edges)).toEqual([1, 2, 3]);
    expect(Array.from(f.bins)).toEqual([2, 0, 1, 1, 0]);
    expect(Array.from(f.thresholds)).toEqual([1.5, 2.5, Infinity]);
  });
  it('uses at most 255 bins and keeps order', () => {
    const v = Float64Array.from({ length: 10_000 }, (_, i) => Math.sin(i) * 1000);
    const f = binFeature(v);
    expect(f.edges.length).toBeLessThanOrEqual(255);
    for (let i = 0; i < v.length; i++) expect(binOf(f.edges, v[i])).toBe(f.bins[i]);
  });
});

describe('random forest', () => {
  it('learns a two-feature rule and generalises to new rows', () => {
    const train = data(3000, 1), test = data(1000, 2);
    const forest = trainForest(train.columns, train.y, { ...DEFAULT_FOREST, nTrees: 30, maxFeatures: 'all' });
    const p = predictForestBatch(forest, test.columns);
    let errors = 0;
    for (let i = 0; i < p.length; i++) if ((p[i] >= 0.5 ? 1 : 0) !== test.y[i]) errors++;
    expect(errors / p.length).toBeLessThan(0.02);
  });

  it('is deterministic per tree index, whatever order trees are grown in', () => {
    const { columns, y } = data(800, 3);
    const prepared = prepareTraining(columns, y, 'balanced');
    const opts = { ...DEFAULT_FOREST, nTrees: 6 };
    const forwards = [0, 1, 2, 3, 4, 5].map((t) => growForestTree(prepared, opts, t));
    const backwards = [5, 4, 3, 2, 1, 0].map((t) => growForestTree(prepared, opts, t)).reverse();
    expect(backwards).toEqual(forwards);
    expect(forwards[0]).not.toEqual(forwards[1]);
  });

  it('respects max depth and minimum leaf size', () => {
    const { columns, y } = data(2000, 4);
    const prepared = prepareTraining(columns, y, 'none');
    const tree = growForestTree(prepared, { ...DEFAULT_FOREST, maxDepth: 2, minSamplesLeaf: 1, bootstrap: false, maxFeatures: 'all' }, 0);
    const depth = (n: number): number => (tree.feature[n] < 0 ? 0 : 1 + Math.max(depth(tree.left[n]), depth(tree.right[n])));
    expect(depth(0)).toBeLessThanOrEqual(2);
    expect(predictTree(tree, [1, 9, 0])).toBeGreaterThan(0.5);
  });
});

describe('rule boundaries in binning', () => {
  it('keeps a split point just below a rule boundary, within the bin budget', () => {
    const r = createRng(8);
    const v = Float64Array.from({ length: 20_000 }, () => r.normal() * 1000 + 3000);
    const plain = binFeature(v, 255);
    const anchored = binFeature(v, 255, [0]);
    expect(anchored.edges.length).toBeLessThanOrEqual(255);
    // Values below 0 and at/above 0 fall in different bins: a split can separate them exactly.
    const below = Math.max(...Array.from(v).filter((x) => x < 0));
    const above = Math.min(...Array.from(v).filter((x) => x >= 0));
    expect(binOf(anchored.edges, below)).toBeLessThan(binOf(anchored.edges, above));
    expect(anchored.thresholds[binOf(anchored.edges, below)]).toBeLessThan(above);
    expect(anchored.thresholds[binOf(anchored.edges, below)]).toBeGreaterThan(below);
    expect(plain.edges.length).toBeLessThanOrEqual(255);
  });
});
