/**
 * Bad training input is refused with a clear error before any worker starts: the pool here
 * fails the test if it is ever called.
 */
import { describe, expect, it } from 'vitest';
import type { RpcClient } from '../workers/rpc';
import type { TrainPool } from '../ml/train-pool';
import type { DataApi } from './data-api';
import { EventHub } from './events';
import { ModelService } from './model-service';

function serviceWith(matrix: { names: string[]; columns: Float64Array[]; label: Uint8Array } | Error) {
  const data = {
    call: async (method: string) => {
      if (method !== 'trainingMatrix') throw new Error(`unexpected ${method}`);
      if (matrix instanceof Error) throw matrix;
      return { ...matrix, pipeline: { kind: 'raw', numeric: matrix.names, categorical: [] }, labelColumn: 'failure', modes: [], title: 't' };
    },
    close: async () => {},
  } as unknown as RpcClient<DataApi>;
  const pool = new Proxy({}, { get: () => { throw new Error('a worker was started'); } }) as unknown as TrainPool;
  return new ModelService(data, pool, new EventHub(), { call: async () => { throw new Error('storage used'); }, close: async () => {} } as never);
}

const forest = { nTrees: 5, maxDepth: 3, minSamplesSplit: 2, minSamplesLeaf: 1, criterion: 'gini' as const, classWeight: 'none' as const, maxFeatures: 'all' as const };
const req = { runId: 'r', datasetId: 'd', pipeline: 'raw' as const, folds: 3, seed: 1, forest };
const label = (n: number, pos: number) => Uint8Array.from({ length: n }, (_, i) => (i < pos ? 1 : 0));
const col = (n: number) => Float64Array.from({ length: n }, (_, i) => i);

describe('bad training input', () => {
  it('refuses fewer than 20 rows', async () => {
    await expect(serviceWith({ names: ['a'], columns: [col(12)], label: label(12, 6) }).train(req)).rejects.toThrow('12 rows are too few to train on (at least 20)');
  });
  it('refuses a single class', async () => {
    await expect(serviceWith({ names: ['a'], columns: [col(50)], label: label(50, 0) }).train(req)).rejects.toThrow(/one class only/);
  });
  it('refuses fewer than 5 failures', async () => {
    await expect(serviceWith({ names: ['a'], columns: [col(50)], label: label(50, 4) }).train(req)).rejects.toThrow('only 4 failure(s): at least 5 are needed');
  });
  it('passes on the data service refusals: missing or infinite values, no features', async () => {
    await expect(serviceWith(new Error('feature "a" has a missing or infinite value at row 7')).train(req)).rejects.toThrow(/row 7/);
    await expect(serviceWith(new Error('no feature columns: give at least one column a feature role')).train(req)).rejects.toThrow(/no feature columns/);
  });
});
