import { describe, expect, it } from 'vitest';
import type { ParseApi } from '../services/parse-api';
import type { RpcClient } from './rpc';
import { segmentPool } from './segment-pool';

/** A helper that records its calls; `failWarm` makes its warm-up fail. */
function fakeHelper(failWarm = false) {
  const calls: string[] = [];
  const client = {
    async call(method: string) {
      calls.push(method);
      if (method === 'warm' && failWarm) throw new Error('warm-up failed');
      return { rows: 1 };
    },
    close: async () => undefined,
  } as unknown as RpcClient<ParseApi>;
  return { client, calls };
}

describe('segment pool', () => {
  it('prepares by warming every helper once, however often it is asked', async () => {
    const helpers = [fakeHelper(), fakeHelper()];
    const pool = segmentPool(helpers.map((h) => h.client));
    await Promise.all([pool.prepare!(), pool.prepare!()]);
    await pool.prepare!();
    expect(helpers.map((h) => h.calls)).toEqual([['warm'], ['warm']]);
  });

  it('is ready even when a helper fails to warm up (it is only slower at first)', async () => {
    const helpers = [fakeHelper(true), fakeHelper()];
    const pool = segmentPool(helpers.map((h) => h.client));
    await expect(pool.prepare!()).resolves.toBeUndefined();
  });
});
