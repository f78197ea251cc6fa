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

  it('is ready even when a helper fails to warm up (it is only slower at first), and tries again next time', async () => {
    const helpers = [fakeHelper(true), fakeHelper()];
    const pool = segmentPool(helpers.map((h) => h.client));
    await expect(pool.prepare!()).resolves.toBeUndefined();
    await pool.prepare!();
    expect(helpers.map((h) => h.calls)).toEqual([['warm', 'warm'], ['warm', 'warm']]);
  });

  it('sends a segment to a helper that is not warming up', async () => {
    let release!: () => void;
    const slow = { calls: [] as string[] };
    const busyHelper = {
      async call(method: string) {
        slow.calls.push(method);
        if (method === 'warm') await new Promise<void>((r) => (release = r));
        return { rows: 1 };
      },
      close: async () => undefined,
    } as unknown as RpcClient<ParseApi>;
    const free = fakeHelper();
    const pool = segmentPool([busyHelper, free.client]);
    const ready = pool.prepare!();
    // The free helper has warmed up; the other is still at it.
    await new Promise((r) => setTimeout(r, 0));
    await pool.parse({ delimiter: ',', decimalComma: false, bytesPerRow: 1, maxRecordChars: 10, columns: [] }, new Uint8Array([10]));
    expect(slow.calls).toEqual(['warm']);
    expect(free.calls).toEqual(['warm', 'parseSegment']);
    release();
    await ready;
  });
});
