/**
 * Sensor history through the storage API on a real SQLite file: appending batches, trend reads
 * with downsampling, roll-up into 1-minute aggregates, pruning by age and quota. Stored rows are
 * inspected through a second, read-only connection where the API exposes no query for them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MinuteRollup } from '../twin/minute-rollup';
import type { HistoryRow } from './history-repo';
import { createStorageApi, type StorageApi } from './storage-api';

const BASE = Date.UTC(2026, 0, 1); // on a minute (and day) boundary
const MIN = 60_000, DAY = 86_400_000;
const FAR = 365 * DAY; // a keep time that prunes nothing by age
const dirs: string[] = [];
const open: StorageApi[] = [];
afterEach(() => {
  // close() throws while a statement is still busy (a failed roll-up can leave one): the temp
  // directory must go anyway.
  for (const api of open.splice(0)) {
    try {
      api.close();
    } catch {
      // nothing more to release
    }
  }
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function fresh() {
  const d = mkdtempSync(join(tmpdir(), 'twinscope-history-'));
  dirs.push(d);
  const file = join(d, 'twinscope.db');
  const api = createStorageApi(file);
  open.push(api);
  /** Runs one query on a read-only side connection (sees everything the API committed). */
  const peek = <T>(sql: string, ...params: unknown[]): T[] => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  };
  return { api, peek };
}

const row = (assetId: string, t: number, readings: Record<string, number>, probability: number | null = 0.01): HistoryRow => ({ assetId, t, readings, probability, modelVersion: 'test@1' });

/** Asset A every 10 s for `count` readings from BASE: temperatureC = i, probability 0.9 at i = 50, else (i % 6) / 100. */
function tenSecondRows(count: number): HistoryRow[] {
  return Array.from({ length: count }, (_, i) => row('A', BASE + i * 10_000, { temperatureC: i }, i === 50 ? 0.9 : (i % 6) / 100));
}

describe('appendHistory', () => {
  it('stores a batch and reports its usage', () => {
    const { api } = fresh();
    expect(api.historyUsage()).toMatchObject({ rawRows: 0, minuteRows: 0, oldestMs: null, newestMs: null });
    expect(api.appendHistory({ batch: 1, rows: [row('A', BASE, { temperatureC: 20 }), row('A', BASE + 1000, { temperatureC: 21 }), row('B', BASE + 2000, { temperatureC: 30 })] })).toBe(3);
    const usage = api.historyUsage();
    expect(usage).toMatchObject({ rawRows: 3, minuteRows: 0, oldestMs: BASE, newestMs: BASE + 2000 });
    expect(usage.bytes).toBeGreaterThan(0);
    expect(api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 5000, maxPoints: 10 }).series.temperatureC).toEqual([20, 21]);
  });

  it('replaces a reading re-appended for the same asset and time', () => {
    const { api, peek } = fresh();
    api.appendHistory({ batch: 1, rows: [row('A', BASE, { temperatureC: 20 }), row('A', BASE + 1000, { temperatureC: 21 })] });
    api.appendHistory({ batch: 2, rows: [row('A', BASE, { temperatureC: 99 }, 0.5)] });
    expect(api.historyUsage().rawRows).toBe(2);
    const trend = api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 5000, maxPoints: 10 });
    expect(trend.times).toEqual([BASE, BASE + 1000]);
    expect(trend.series.temperatureC).toEqual([99, 21]);
    expect(trend.series.probability).toEqual([0.5, 0.01]);
    expect(peek('SELECT batch FROM history_raw WHERE asset_id = ? ORDER BY t', 'A')).toEqual([{ batch: 2 }, { batch: 1 }]);
  });

  it('leaves NaN and Infinity out and reads them back as NaN', () => {
    const { api, peek } = fresh();
    api.appendHistory({ batch: 1, rows: [row('A', BASE, { a: 1, b: 5 }, 0.2), row('A', BASE + 1000, { a: NaN, b: Infinity, c: -Infinity }, NaN)] });
    expect(peek('SELECT readings, probability FROM history_raw ORDER BY t')).toEqual([{ readings: '{"a":1,"b":5}', probability: 0.2 }, { readings: '{}', probability: null }]);
    const trend = api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 5000, maxPoints: 10 });
    expect(trend.series).toEqual({ probability: [0.2, NaN], a: [1, NaN], b: [5, NaN] });
  });

  it('rejects a row without asset id or valid time, naming batch and asset, and stores none of the batch', () => {
    const { api, peek } = fresh();
    api.appendHistory({ batch: 1, rows: [row('A', BASE, { x: 1 })] });
    expect(() => api.appendHistory({ batch: 7, rows: [row('A', BASE + 1000, { x: 2 }), row('', BASE + 2000, { x: 3 })] })).toThrow('history batch 7: a reading has no asset id');
    expect(() => api.appendHistory({ batch: 8, rows: [row('B', BASE, { x: 2 }), row('C', NaN, { x: 3 })] })).toThrow('history batch 8: reading of C has no valid time');
    expect(() => api.appendHistory({ batch: 9, rows: [row('B', BASE, { x: 2 }), row('D', Infinity, { x: 3 })] })).toThrow('history batch 9: reading of D has no valid time');
    // The valid rows ahead of the bad one were in the same transaction: rolled back with it.
    expect(peek('SELECT batch, asset_id AS assetId FROM history_raw')).toEqual([{ batch: 1, assetId: 'A' }]);
    expect(api.historyUsage()).toMatchObject({ rawRows: 1, oldestMs: BASE, newestMs: BASE });
  });
});

describe('readTrend', () => {
  it('returns the raw readings, in time order, when they fit in maxPoints', () => {
    const { api } = fresh();
    const t = [3, 0, 4, 1, 2].map((s) => BASE + s * 1000);
    api.appendHistory({ batch: 1, rows: t.map((at) => row('A', at, { temperatureC: (at - BASE) / 100, vibrationMmS: 2 }, (at - BASE) / 10_000)) });
    api.appendHistory({ batch: 2, rows: [row('B', BASE + 2500, { temperatureC: 999 })] }); // another asset: not in A's trend
    const trend = api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 4000, maxPoints: 5 });
    expect(trend.source).toBe('raw');
    expect(trend.times).toEqual([0, 1, 2, 3, 4].map((s) => BASE + s * 1000));
    expect(Object.keys(trend.series).sort()).toEqual(['probability', 'temperatureC', 'vibrationMmS']);
    expect(trend.series.temperatureC).toEqual([0, 10, 20, 30, 40]);
    expect(trend.series.vibrationMmS).toEqual([2, 2, 2, 2, 2]);
    expect(trend.series.probability).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });

  it('downsamples to at most maxPoints: sensor means, probability maxima (a spike survives)', () => {
    const { api } = fresh();
    // 600 readings 1 s apart into 60 buckets of 10 s: bucket k holds temperatures 10k … 10k+9.
    api.appendHistory({ batch: 1, rows: Array.from({ length: 600 }, (_, i) => row('A', BASE + i * 1000, { temperatureC: i }, i === 317 ? 0.9 : 0.01)) });
    const trend = api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 600_000, maxPoints: 60 });
    expect(trend.times).toHaveLength(60);
    expect(trend.times[0]).toBe(BASE + 5000); // bucket centres
    expect(trend.times[59]).toBe(BASE + 595_000);
    expect(trend.series.temperatureC).toEqual(Array.from({ length: 60 }, (_, k) => 10 * k + 4.5));
    expect(trend.series.probability).toEqual(Array.from({ length: 60 }, (_, k) => (k === 31 ? 0.9 : 0.01)));
    expect(api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 600_000, maxPoints: 7 }).times.length).toBeLessThanOrEqual(7);
  });

  it('gives NaN where a sensor is missing from some readings', () => {
    const { api } = fresh();
    api.appendHistory({ batch: 1, rows: [0, 1, 2, 3].map((s) => row('A', BASE + s * 1000, s % 2 ? { temperatureC: s, oilBar: 4 + s } : { temperatureC: s })) });
    const trend = api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 3000, maxPoints: 10 });
    expect(trend.series.temperatureC).toEqual([0, 1, 2, 3]);
    expect(trend.series.oilBar).toEqual([NaN, 5, NaN, 7]);
    expect(trend.series.probability).toHaveLength(4);
  });

  it('rejects maxPoints below 2 and an empty time range', () => {
    const { api } = fresh();
    expect(() => api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 1000, maxPoints: 1 })).toThrow('trend of A: maxPoints must be at least 2 (got 1)');
    expect(() => api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 1000, maxPoints: NaN })).toThrow(/maxPoints must be at least 2/);
    expect(() => api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE, maxPoints: 10 })).toThrow('trend of A: the time range is empty');
    expect(() => api.readTrend({ assetId: 'A', fromMs: BASE + 1000, toMs: BASE, maxPoints: 10 })).toThrow('trend of A: the time range is empty');
  });
});

describe('roll-up and pruning', () => {
  /** 30 minutes of A every 10 s, pruned with 10 minutes of raw kept: minutes 0–19 rolled up. */
  function prunedHalfHour() {
    const ctx = fresh();
    ctx.api.appendHistory({ batch: 1, rows: tenSecondRows(180) });
    const pruned = ctx.api.pruneHistory({ nowMs: BASE + 30 * MIN, rawKeepMs: 10 * MIN, minuteKeepMs: FAR, quotaBytes: 1 << 30 });
    return { ...ctx, pruned };
  }
  type MinuteRow = { minute: number; n: number; probability_max: number; means: string };

  it('rolls raw readings past rawKeepMs up into minute aggregates before deleting them', () => {
    const { api, peek, pruned } = prunedHalfHour();
    expect(pruned).toEqual({ raw: 120, minute: 0 });
    const minutes = peek<MinuteRow>('SELECT minute, n, probability_max, means FROM history_minute ORDER BY minute');
    expect(minutes).toHaveLength(20);
    expect(minutes[0]).toEqual({ minute: BASE, n: 6, probability_max: 0.05, means: '{"temperatureC":2.5}' });
    expect(minutes[8]).toEqual({ minute: BASE + 8 * MIN, n: 6, probability_max: 0.9, means: '{"temperatureC":50.5}' });
    expect(minutes[19]).toEqual({ minute: BASE + 19 * MIN, n: 6, probability_max: 0.05, means: '{"temperatureC":116.5}' });
    const usage = api.historyUsage();
    expect(usage).toMatchObject({ rawRows: 60, minuteRows: 20, oldestMs: BASE, newestMs: BASE + 179 * 10_000 });
    expect(peek<{ t: number }>('SELECT MIN(t) AS t FROM history_raw')[0].t).toBe(BASE + 20 * MIN);
  });

  it('stores minute aggregates built as readings are taken (twin/minute-rollup.ts) exactly as its own roll-up makes them', () => {
    const rollup = new MinuteRollup();
    for (const r of tenSecondRows(180)) rollup.add({ ...r, assetId: 'B' });
    // Minutes 0–28 are complete (a reading of a later minute arrived); minute 29 is still open.
    const minutes = rollup.drain();
    expect(minutes).toHaveLength(29);
    const { api, peek } = prunedHalfHour();
    expect(api.appendHistory({ batch: 2, rows: [], minutes })).toBe(29);
    const stored = (asset: string) => peek<MinuteRow>('SELECT minute, n, probability_max, means FROM history_minute WHERE asset_id = ? AND minute < ? ORDER BY minute', asset, BASE + 20 * MIN);
    expect(stored('B')).toEqual(stored('A'));
    expect(stored('B')).toHaveLength(20);
    expect(api.historyUsage()).toMatchObject({ rawRows: 60, minuteRows: 49 });
    // Such an asset has no raw history: its trend is read from the minutes.
    const trend = api.readTrend({ assetId: 'B', fromMs: BASE, toMs: BASE + 30 * MIN, maxPoints: 100 });
    expect(trend.source).toBe('minute');
    expect(trend.times).toHaveLength(29);
    expect(trend.series.probability[8]).toBe(0.9);
    expect(() => api.appendHistory({ batch: 3, rows: [row('C', BASE, { x: 1 })], minutes: [{ ...minutes[0], n: 0 }] })).toThrow('history batch 3: a minute aggregate has no asset, time or count ("B" at');
    expect(peek('SELECT COUNT(*) AS n FROM history_raw WHERE asset_id = ?', 'C')).toEqual([{ n: 0 }]);
  });

  it('rolls each minute up once: pruning again does not double count', () => {
    const { api, peek } = prunedHalfHour();
    expect(api.pruneHistory({ nowMs: BASE + 30 * MIN, rawKeepMs: 10 * MIN, minuteKeepMs: FAR, quotaBytes: 1 << 30 })).toEqual({ raw: 0, minute: 0 });
    // One minute later only minute 20 is new.
    expect(api.pruneHistory({ nowMs: BASE + 31 * MIN, rawKeepMs: 10 * MIN, minuteKeepMs: FAR, quotaBytes: 1 << 30 })).toEqual({ raw: 6, minute: 0 });
    const minutes = peek<MinuteRow>('SELECT minute, n, means FROM history_minute ORDER BY minute');
    expect(minutes).toHaveLength(21);
    expect(minutes.every((m) => m.n === 6)).toBe(true);
    expect(minutes[0].means).toBe('{"temperatureC":2.5}');
    expect(minutes[20]).toEqual({ minute: BASE + 20 * MIN, n: 6, means: '{"temperatureC":122.5}' });
  });

  it('rolls up the whole minute a cutoff falls inside (no reading deleted before its roll-up)', () => {
    const { api, peek } = fresh();
    api.appendHistory({ batch: 1, rows: tenSecondRows(180) });
    // The cutoff lands at 20:30, half-way through minute 20, then a minute later.
    api.pruneHistory({ nowMs: BASE + 30.5 * MIN, rawKeepMs: 10 * MIN, minuteKeepMs: FAR, quotaBytes: 1 << 30 });
    api.pruneHistory({ nowMs: BASE + 31.5 * MIN, rawKeepMs: 10 * MIN, minuteKeepMs: FAR, quotaBytes: 1 << 30 });
    expect(peek('SELECT n, means FROM history_minute WHERE minute = ?', BASE + 20 * MIN)).toEqual([{ n: 6, means: '{"temperatureC":122.5}' }]);
  });

  it('reads spans older than the raw history from the minute aggregates', () => {
    const { api } = prunedHalfHour();
    const trend = api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 20 * MIN - 1, maxPoints: 100 });
    expect(trend.source).toBe('minute');
    expect(trend.times).toEqual(Array.from({ length: 20 }, (_, m) => BASE + m * MIN));
    expect(trend.series.temperatureC).toEqual(Array.from({ length: 20 }, (_, m) => 6 * m + 2.5));
    expect(trend.series.probability).toEqual(Array.from({ length: 20 }, (_, m) => (m === 8 ? 0.9 : 0.05)));
  });

  it('joins minute aggregates and raw readings for a span across both, losing no reading', () => {
    const { api } = prunedHalfHour();
    const trend = api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + 30 * MIN, maxPoints: 1000 });
    expect(trend.source).toBe('minute');
    expect(trend.times).toHaveLength(20 + 60);
    expect(trend.times[20]).toBe(BASE + 20 * MIN); // the oldest raw reading
    expect(trend.series.temperatureC.slice(19, 22)).toEqual([116.5, 120, 121]);
  });

  it('deletes minute aggregates older than minuteKeepMs', () => {
    const { api } = fresh();
    api.appendHistory({ batch: 1, rows: tenSecondRows(180) });
    // Minutes 0–19 are rolled up, then those before 30 − 25 = minute 5 are dropped.
    expect(api.pruneHistory({ nowMs: BASE + 30 * MIN, rawKeepMs: 10 * MIN, minuteKeepMs: 25 * MIN, quotaBytes: 1 << 30 })).toEqual({ raw: 120, minute: 5 });
    expect(api.historyUsage()).toMatchObject({ rawRows: 60, minuteRows: 15, oldestMs: BASE + 5 * MIN });
  });

  it('over the quota drops raw readings first, oldest day first and rolled up before they go, then aggregates; everything if it must', () => {
    const { api } = fresh();
    // Three days of one asset, 1,500 readings a day.
    for (let d = 0; d < 3; d++) api.appendHistory({ batch: d + 1, rows: Array.from({ length: 1500 }, (_, i) => row('A', BASE + d * DAY + i * 57_600, { temperatureC: 60 + (i % 17), vibrationMmS: 2 + (i % 5), currentA: 12 + (i % 3) })) });
    const before = api.historyUsage();
    expect(before).toMatchObject({ rawRows: 4500, oldestMs: BASE, newestMs: BASE + 2 * DAY + 1499 * 57_600 });
    const options = { nowMs: BASE + 3 * DAY, rawKeepMs: FAR, minuteKeepMs: FAR };
    const first = api.pruneHistory({ ...options, quotaBytes: before.bytes - 1 });
    expect(first.raw).toBeGreaterThanOrEqual(1500);
    const after = api.historyUsage();
    expect(after.bytes).toBeLessThanOrEqual(before.bytes - 1);
    expect(after.rawRows).toBe(4500 - first.raw);
    // The first day survives as minute aggregates (the long view), its raw readings are gone.
    expect(after.minuteRows).toBeGreaterThan(0);
    const day0 = api.readTrend({ assetId: 'A', fromMs: BASE, toMs: BASE + DAY - 1, maxPoints: 100 });
    expect(day0.source).toBe('minute');
    expect(day0.times.length).toBeGreaterThan(50);
    expect(api.pruneHistory({ ...options, quotaBytes: 1 }).raw).toBe(after.rawRows);
    expect(api.historyUsage()).toMatchObject({ rawRows: 0, minuteRows: 0, oldestMs: null, newestMs: null });
  });

  it('keeps raw readings only for the listed assets (the raw-history limit); the others keep their minute aggregates', () => {
    const { api } = fresh();
    // Two assets, one reading every 20 s for 3 hours.
    const rows = Array.from({ length: 3 * 180 }, (_, i) => ['A', 'B'].map((id) => row(id, BASE + i * 20_000, { temperatureC: 60 + (i % 7) }))).flat();
    api.appendHistory({ batch: 1, rows });
    const now = BASE + 3 * 3_600_000;
    api.pruneHistory({ nowMs: now, rawKeepMs: FAR, minuteKeepMs: FAR, quotaBytes: 1e12, rawAssets: ['A'] });
    const a = api.readTrend({ assetId: 'A', fromMs: BASE, toMs: now, maxPoints: 10_000 });
    const b = api.readTrend({ assetId: 'B', fromMs: BASE, toMs: now, maxPoints: 10_000 });
    // A: every raw reading. B: the first two hours as one point a minute, the last hour raw.
    expect(a.source).toBe('raw');
    expect(a.times.length).toBe(540);
    expect(b.source).toBe('minute');
    expect(b.times.length).toBe(120 + 180);
    expect(b.times.slice(0, 120).every((t, k) => t === BASE + k * 60_000)).toBe(true);
    // A minute's aggregate is the mean of its three readings.
    expect(b.series.temperatureC[0]).toBeCloseTo((60 + 61 + 62) / 3, 12);
  });
});
