import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import { COMPILED_FROM, DEFAULT_FOREST, predictForest, predictForestMany, trainForest, type Forest } from './forest';
import { compileTreeBlock, MAX_COMPILED_NODES } from './forest-codegen';
import type { FlatTree } from './tree';

function data(n: number, seed: number) {
  const r = createRng(seed);
  const columns = [0, 1, 2, 3].map(() => new Float64Array(n));
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (const c of columns) c[i] = r.normal() * 100;
    y[i] = columns[0][i] + 0.5 * columns[1][i] > 60 || columns[2][i] < -150 ? 1 : 0;
  }
  return { columns, y };
}

const rowsOf = (columns: Float64Array[]) => Array.from({ length: columns[0].length }, (_, i) => Float64Array.from(columns, (c) => c[i]));

/** A hand-made tree: split on feature 0 at `threshold`, leaves `low` and `high`. */
function stump(threshold: number, low: number, high: number): FlatTree {
  return {
    feature: Int32Array.from([0, -1, -1]), threshold: Float64Array.from([threshold, 0, 0]), left: Int32Array.from([1, -1, -1]), right: Int32Array.from([2, -1, -1]),
    value: Float64Array.from([0, low, high]), gain: new Float64Array(3), cover: new Float64Array(3),
  };
}

describe('trees compiled to code', () => {
  it('score many rows bit for bit like the array walk, NaN inputs included', () => {
    const train = data(4000, 1), test = data(700, 2);
    const forest = trainForest(train.columns, train.y, { ...DEFAULT_FOREST, nTrees: 40, maxFeatures: 'sqrt' });
    const rows = rowsOf(test.columns);
    for (let i = 0; i < rows.length; i += 7) rows[i][i % 4] = NaN;
    expect(rows.length).toBeGreaterThanOrEqual(COMPILED_FROM);
    expect(forest.trees.every((t) => compileTreeBlock(t) !== null)).toBe(true);
    const out = new Float64Array(rows.length);
    predictForestMany(forest, rows, out);
    for (let i = 0; i < rows.length; i++) expect(Object.is(out[i], predictForest(forest, rows[i])), `row ${i}`).toBe(true);
    // A small batch (the array walk) gives the same numbers.
    const few = new Float64Array(10);
    predictForestMany(forest, rows.slice(0, 10), few);
    expect(Array.from(few)).toEqual(Array.from(out.subarray(0, 10)));
  });

  it('keep thresholds and leaf values exact, as written in the model (no decimal rounding)', () => {
    const block = compileTreeBlock(stump(0.1 + 0.2, 1 / 3, 2 / 3))!;
    // 0.1 + 0.2 is one step above 0.3: the threshold itself and 0.3 go left, the next double up and NaN go right.
    const xs = [[0.1 + 0.2], [0.1 + 0.2 + 2 ** -54], [0.3], [NaN]];
    expect(xs[1][0]).toBeGreaterThan(xs[0][0]);
    const out = new Float64Array(4);
    block(xs, 0, 4, out);
    expect(Array.from(out)).toEqual([1 / 3, 2 / 3, 1 / 3, 2 / 3]);
  });

  it('leave trees too large to compile well on the array walk, with the same sums', () => {
    const n = MAX_COMPILED_NODES + 2;
    // A left-leaning chain: node k splits at k and sends larger rows on down the chain.
    const t: FlatTree = {
      feature: new Int32Array(n).fill(-1), threshold: new Float64Array(n), left: new Int32Array(n).fill(-1), right: new Int32Array(n).fill(-1),
      value: Float64Array.from({ length: n }, (_, k) => k / n), gain: new Float64Array(n), cover: new Float64Array(n),
    };
    for (let k = 0, node = 0; node + 2 < n; k++, node += 2) {
      t.feature[node] = 0;
      t.threshold[node] = k;
      t.left[node] = node + 1;
      t.right[node] = node + 2;
    }
    expect(compileTreeBlock(t)).toBeNull();
    const forest: Forest = { trees: [stump(3, 0.25, 0.75), t, stump(10, 0.1, 0.9)], nFeatures: 1 };
    const rows = Array.from({ length: COMPILED_FROM }, (_, i) => Float64Array.of([-1, 0.5, 3, 9.5, 40, 5000][i % 6] * (1 + i / 1000)));
    const out = new Float64Array(rows.length);
    predictForestMany(forest, rows, out);
    rows.forEach((x, i) => expect(out[i]).toBe(predictForest(forest, x)));
  });
});
