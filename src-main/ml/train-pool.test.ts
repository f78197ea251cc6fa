import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import { inProcessClient } from '../workers/rpc';
import { DEFAULT_FOREST, trainForest } from './forest';
import { createTrainApi } from './train-api';
import { TrainPool } from './train-pool';

function data(n: number) {
  const r = createRng(9);
  const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (const c of cols) c[i] = r.normal();
    y[i] = cols[0][i] + 0.5 * cols[1][i] > 1 ? 1 : 0;
  }
  return { cols, y };
}

const pool = (size: number) => new TrainPool(Array.from({ length: size }, () => inProcessClient(createTrainApi())));

describe('training pool', () => {
  it('grows identical forests with 1, 2 or 4 workers, and the same as training in one place', async () => {
    const { cols, y } = data(1500);
    const opts = { ...DEFAULT_FOREST, nTrees: 13 };
    const reference = trainForest(cols, y, opts);
    for (const size of [1, 2, 4]) expect(await pool(size).trainForest(cols, y, opts)).toEqual(reference);
  });

  it('reports progress per tree and cancels between trees', async () => {
    const { cols, y } = data(1500);
    const controller = new AbortController();
    const seen: number[] = [];
    const p = pool(2).trainForest(cols, y, { ...DEFAULT_FOREST, nTrees: 200 }, {
      signal: controller.signal,
      onProgress: ({ treesDone }) => {
        seen.push(treesDone);
        if (treesDone === 10) controller.abort();
      },
    });
    await expect(p).rejects.toMatchObject({ name: 'CancelledError' });
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.length).toBeLessThan(30);
  });
});
