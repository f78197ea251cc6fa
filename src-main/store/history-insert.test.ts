/** Readings that can arrive twice (a broker redelivering after a reconnect) are stored once. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStorageApi, type StorageApi } from './storage-api';

const BASE = Date.UTC(2026, 10, 1);
let dir = '';
let api: StorageApi | null = null;
afterEach(() => {
  api?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('insertNewReadings', () => {
  it('stores new readings, leaves a stored (asset, time) as it was and says which rows were new', () => {
    dir = mkdtempSync(join(tmpdir(), 'twinscope-insert-'));
    api = createStorageApi(join(dir, 'db.sqlite'));
    const row = (assetId: string, t: number, v: number, probability: number | null = null) => ({ assetId, t, readings: { airTempK: v }, probability, modelVersion: null });
    expect(api.insertNewReadings({ batch: 1, rows: [row('P-1', BASE, 300), row('P-1', BASE + 1000, 301)] })).toEqual([true, true]);
    // The twin's journal later replaces the row with its prediction (appendHistory): a redelivery must not undo that.
    api.appendHistory({ batch: 2, rows: [row('P-1', BASE, 300, 0.2)] });
    expect(api.insertNewReadings({ batch: 3, rows: [row('P-1', BASE, 999), row('P-2', BASE, 302), row('P-2', BASE, 303)] })).toEqual([false, true, false]);
    expect(api.historyUsage().rawRows).toBe(3);
    const trend = api.readTrend({ assetId: 'P-1', fromMs: BASE, toMs: BASE + 2000, maxPoints: 10 });
    expect(trend.series.airTempK).toEqual([300, 301]);
    expect(trend.series.probability).toEqual([0.2, NaN]);
    expect(() => api!.insertNewReadings({ batch: 4, rows: [row('', BASE, 1)] })).toThrow(/no asset id/);
  });
});
