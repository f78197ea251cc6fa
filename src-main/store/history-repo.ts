/**
 * Sensor history: raw readings per asset (with the prediction made on each and its model
 * version), rolled up into 1-minute aggregates that are kept much longer, pruned by age and by a
 * disk quota, and read back for trend charts through downsampling queries (never more points than
 * the chart has pixels). Times are simulated time in ms.
 */
import type { MinuteRow } from '../twin/minute-rollup';
import type { Db } from './database';

export interface HistoryRow {
  assetId: string;
  t: number;
  readings: Record<string, number>;
  probability: number | null;
  modelVersion: string | null;
  /** Model inputs the sensor values do not give (a product quality, vibration bands), kept for retraining. */
  inputs?: Record<string, number | string> | null;
}

export interface Trend {
  times: number[];
  /** Per sensor key plus "probability": values aligned with `times` (NaN where missing). */
  series: Record<string, number[]>;
  /** Raw readings, or 1-minute aggregates for spans the raw history no longer covers. */
  source: 'raw' | 'minute';
}

export interface HistoryUsage {
  bytes: number;
  rawRows: number;
  minuteRows: number;
  oldestMs: number | null;
  newestMs: number | null;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** A stored reading (or minute aggregate): its time, probability and JSON values. */
interface StoredRow {
  t: number;
  probability: number | null;
  readings: string;
}

interface Bucket {
  n: number;
  probabilityMax: number | null;
  means: Record<string, number>;
}

/**
 * Aggregates runs of consecutive rows with the same key — count, highest probability (a risk spike
 * is not averaged away), mean of each sensor — and hands each run to `emit` with its first row.
 */
function eachBucket<R extends StoredRow>(rows: readonly R[], keyOf: (r: R) => string | number, emit: (first: R, b: Bucket) => void): void {
  let first: R | null = null, key: string | number = NaN, n = 0, pMax: number | null = null;
  let sums: Record<string, number> = {}, counts: Record<string, number> = {};
  const flush = () => {
    if (!first) return;
    const means: Record<string, number> = {};
    for (const k in sums) means[k] = sums[k] / counts[k];
    emit(first, { n, probabilityMax: pMax, means });
  };
  for (const r of rows) {
    const k = keyOf(r);
    if (first === null || k !== key) {
      flush();
      first = r;
      key = k;
      n = 0;
      pMax = null;
      sums = {};
      counts = {};
    }
    n++;
    if (r.probability !== null) pMax = pMax === null ? r.probability : Math.max(pMax, r.probability);
    const values = JSON.parse(r.readings) as Record<string, unknown>;
    for (const s in values) {
      // Sensor values are averaged; the model inputs kept beside them (INPUTS_KEY) are not.
      const v = values[s];
      if (typeof v !== 'number') continue;
      sums[s] = (sums[s] ?? 0) + v;
      counts[s] = (counts[s] ?? 0) + 1;
    }
  }
  flush();
}
const ROLLED_UP_TO = 'rolledUpTo';

/**
 * Appends one batch of readings — raw rows, and minute aggregates of the assets whose raw readings
 * are not kept (twin/minute-rollup.ts) — in one transaction (synchronous=NORMAL: history may lose
 * its last moments in a power cut, never its consistency). A reading already stored for the same
 * asset and time — a fleet resuming from state saved a few seconds before a crash steps it again —
 * is replaced; so is a minute.
 */
export function appendHistory(db: Db, batch: number, rows: readonly HistoryRow[], minutes: readonly MinuteRow[] = []): number {
  const put = db.prepare('INSERT OR REPLACE INTO history_raw (asset_id, t, batch, probability, model_version, readings) VALUES (?, ?, ?, ?, ?, ?)');
  const putMinute = minuteStatement(db);
  db.transaction(() => {
    for (const r of rows) {
      if (!r.assetId) throw new Error(`history batch ${batch}: a reading has no asset id`);
      if (!Number.isFinite(r.t)) throw new Error(`history batch ${batch}: reading of ${r.assetId} has no valid time`);
      put.run(r.assetId, Math.round(r.t), batch, r.probability !== null && Number.isFinite(r.probability) ? r.probability : null, r.modelVersion, readingsJson(r));
    }
    for (const m of minutes) {
      if (!m.assetId || !Number.isFinite(m.minute) || !(m.n > 0)) throw new Error(`history batch ${batch}: a minute aggregate has no asset, time or count (${JSON.stringify(m.assetId)} at ${m.minute})`);
      putMinute.run(m.assetId, m.minute, m.n, m.probabilityMax, JSON.stringify(m.means));
    }
  })();
  return rows.length + minutes.length;
}

/** Writes (or replaces) one asset's minute aggregate. */
function minuteStatement(db: Db) {
  return db.prepare(`INSERT INTO history_minute (asset_id, minute, n, probability_max, means) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(asset_id, minute) DO UPDATE SET n = excluded.n, probability_max = excluded.probability_max, means = excluded.means`);
}

const insertStatements = new WeakMap<Db, { run(...params: unknown[]): { changes: number } }>();

/**
 * Stores readings from outside (a broker) that may arrive more than once: a reading already stored
 * for the same asset and time is left as it is (INSERT OR IGNORE on the (asset_id, t) key), so a
 * redelivered message is absorbed. Returns, per row, whether it was new.
 */
export function insertNewReadings(db: Db, batch: number, rows: readonly HistoryRow[]): boolean[] {
  // Prepared once per connection: a broker's batches are small and come hundreds of times a second.
  let put = insertStatements.get(db);
  if (!put) insertStatements.set(db, (put = db.prepare('INSERT OR IGNORE INTO history_raw (asset_id, t, batch, probability, model_version, readings) VALUES (?, ?, ?, ?, ?, ?)')));
  const fresh: boolean[] = new Array(rows.length);
  db.transaction(() => {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!r.assetId) throw new Error(`history batch ${batch}: a reading has no asset id`);
      if (!Number.isFinite(r.t)) throw new Error(`history batch ${batch}: reading of ${r.assetId} has no valid time`);
      fresh[i] = put.run(r.assetId, Math.round(r.t), batch, r.probability !== null && Number.isFinite(r.probability) ? r.probability : null, r.modelVersion, readingsJson(r)).changes === 1;
    }
  })();
  return fresh;
}

/** Where a reading's model inputs are kept in its readings JSON (no sensor key starts with "@"). */
const INPUTS_KEY = '@inputs';

function readingsJson(r: HistoryRow): string {
  const values: Record<string, unknown> = finiteOnly(r.readings);
  if (r.inputs) values[INPUTS_KEY] = r.inputs;
  return JSON.stringify(values);
}

/**
 * The newest `limit` raw readings scored by any version of a model (its versions are
 * "<runId>@<created>"), ordered by asset and time, with their model inputs: a retrain's history.
 */
export function readScoredReadings(db: Db, runId: string, limit: number): { assetId: string; t: number; readings: Record<string, number>; inputs: Record<string, number | string> | null }[] {
  const prefix = `${runId}@`;
  const rows = db.prepare(`SELECT asset_id AS assetId, t, readings FROM (
      SELECT asset_id, t, readings FROM history_raw WHERE substr(model_version, 1, ?) = ? ORDER BY t DESC LIMIT ?
    ) ORDER BY asset_id, t`).all(prefix.length, prefix, limit) as { assetId: string; t: number; readings: string }[];
  return rows.map((r) => {
    const { [INPUTS_KEY]: inputs, ...readings } = JSON.parse(r.readings) as Record<string, number> & { [INPUTS_KEY]?: Record<string, number | string> };
    return { assetId: r.assetId, t: r.t, readings, inputs: inputs ?? null };
  });
}

/** JSON has no NaN or Infinity: such values are left out (read back as missing). */
function finiteOnly(values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k in values) if (Number.isFinite(values[k])) out[k] = values[k];
  return out;
}

/** Averages raw readings of whole minutes before `beforeMs` into history_minute (each minute once). */
export function rollUpMinutes(db: Db, beforeMs: number): number {
  const end = Math.floor(beforeMs / MINUTE) * MINUTE;
  const done = (db.prepare('SELECT value FROM history_meta WHERE key = ?').get(ROLLED_UP_TO) as { value: number } | undefined)?.value;
  const oldest = (db.prepare('SELECT MIN(t) AS t FROM history_raw').get() as { t: number | null }).t;
  let from = done ?? (oldest === null ? end : Math.floor(oldest / MINUTE) * MINUTE);
  if (end <= from) return 0;
  const read = db.prepare('SELECT asset_id AS assetId, t, probability, readings FROM history_raw WHERE t >= ? AND t < ? ORDER BY asset_id, t');
  const put = minuteStatement(db);
  const mark = db.prepare('INSERT INTO history_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  let written = 0;
  // An hour at a time, each in its own transaction: memory stays flat and the store answers trend
  // queries in between. Rows are read in full before writing (better-sqlite3 refuses writes while
  // a statement is still iterating).
  for (; from < end; from = Math.min(end, from + HOUR)) {
    const to = Math.min(end, from + HOUR);
    const rows = read.all(from, to) as (StoredRow & { assetId: string })[];
    db.transaction(() => {
      eachBucket(rows, (r) => `${r.assetId}\u0000${Math.floor(r.t / MINUTE)}`, (first, b) => {
        put.run(first.assetId, Math.floor(first.t / MINUTE) * MINUTE, b.n, b.probabilityMax, JSON.stringify(b.means));
        written++;
      });
      mark.run(ROLLED_UP_TO, to);
    })();
  }
  return written;
}

export interface PruneOptions {
  /** The newest simulated time: ages are measured back from it. */
  nowMs: number;
  rawKeepMs: number;
  minuteKeepMs: number;
  /** Database size at which the oldest history goes first. */
  quotaBytes: number;
  /** Assets whose raw readings are kept `rawKeepMs`; the others' go after an hour (their minute aggregates stay). All when absent. */
  rawAssets?: string[];
}

/** Raw readings of assets beyond the raw-history limit are kept this long, until rolled up. */
const UNLISTED_RAW_MS = HOUR;

/** Rolls up, then drops raw readings and aggregates past their age, then the oldest history while over the quota. */
export function pruneHistory(db: Db, o: PruneOptions): { raw: number; minute: number } {
  // Whole minutes only: raw readings go only once their minute has been rolled up.
  const cutoff = Math.floor((o.nowMs - o.rawKeepMs) / MINUTE) * MINUTE;
  rollUpMinutes(db, cutoff);
  let raw = db.prepare('DELETE FROM history_raw WHERE t < ?').run(cutoff).changes;
  if (o.rawAssets) {
    const unlisted = Math.floor((o.nowMs - UNLISTED_RAW_MS) / MINUTE) * MINUTE;
    rollUpMinutes(db, unlisted);
    raw += db.prepare('DELETE FROM history_raw WHERE t < ? AND asset_id NOT IN (SELECT value FROM json_each(?))').run(unlisted, JSON.stringify(o.rawAssets)).changes;
  }
  let minute = db.prepare('DELETE FROM history_minute WHERE minute < ?').run(o.nowMs - o.minuteKeepMs).changes;
  // Over the quota, raw readings go first, the oldest day at a time — rolled up into minute
  // aggregates before they go, so the long view survives — down to the last day of them; then the
  // oldest aggregates. Free pages are reused by new rows: the file stops growing, not shrinks.
  for (let guard = 0; guard < 10_000 && usedBytes(db) > o.quotaBytes; guard++) {
    const r = db.prepare('SELECT MIN(t) AS lo, MAX(t) AS hi FROM history_raw').get() as { lo: number | null; hi: number | null };
    const oldestMinute = (db.prepare('SELECT MIN(minute) AS t FROM history_minute').get() as { t: number | null }).t;
    if (r.lo !== null && (r.hi! - r.lo > DAY || oldestMinute === null)) {
      const cut = Math.floor((r.lo + DAY) / MINUTE) * MINUTE;
      rollUpMinutes(db, cut);
      raw += db.prepare('DELETE FROM history_raw WHERE t < ?').run(cut).changes;
    } else if (oldestMinute !== null) {
      minute += db.prepare('DELETE FROM history_minute WHERE minute < ?').run(oldestMinute + DAY).changes;
    } else break;
  }
  return { raw, minute };
}

/** Bytes in use: pages holding data (free pages excluded). */
function usedBytes(db: Db): number {
  const pages = db.pragma('page_count', { simple: true }) as number, free = db.pragma('freelist_count', { simple: true }) as number, size = db.pragma('page_size', { simple: true }) as number;
  return (pages - free) * size;
}

export function historyUsage(db: Db): HistoryUsage {
  const raw = db.prepare('SELECT COUNT(*) AS n, MIN(t) AS lo, MAX(t) AS hi FROM history_raw').get() as { n: number; lo: number | null; hi: number | null };
  const minute = db.prepare('SELECT COUNT(*) AS n, MIN(minute) AS lo FROM history_minute').get() as { n: number; lo: number | null };
  const lo = [raw.lo, minute.lo].filter((v): v is number => v !== null);
  return { bytes: usedBytes(db), rawRows: raw.n, minuteRows: minute.n, oldestMs: lo.length ? Math.min(...lo) : null, newestMs: raw.hi };
}

/**
 * One asset's trend over [fromMs, toMs] in at most `maxPoints` points: raw readings when they fit,
 * otherwise per time bucket the mean of each sensor and the highest probability (a risk spike must
 * not be averaged away). Spans older than the raw history come from the 1-minute aggregates.
 */
export function readTrend(db: Db, assetId: string, fromMs: number, toMs: number, maxPoints: number): Trend {
  if (!(maxPoints >= 2)) throw new Error(`trend of ${assetId}: maxPoints must be at least 2 (got ${maxPoints})`);
  if (!(toMs > fromMs)) throw new Error(`trend of ${assetId}: the time range is empty`);
  const oldestRaw = (db.prepare('SELECT MIN(t) AS t FROM history_raw WHERE asset_id = ?').get(assetId) as { t: number | null }).t;
  const source: Trend['source'] = oldestRaw !== null && oldestRaw <= fromMs + MINUTE ? 'raw' : 'minute';
  const rows = (source === 'raw'
    ? db.prepare('SELECT t, probability, readings FROM history_raw WHERE asset_id = ? AND t BETWEEN ? AND ? ORDER BY t')
    : db.prepare(`SELECT minute AS t, probability_max AS probability, means AS readings FROM history_minute WHERE asset_id = ? AND minute BETWEEN ? AND ? AND minute < ?
        UNION ALL SELECT t, probability, readings FROM history_raw WHERE asset_id = ? AND t >= ? AND t <= ? ORDER BY t`)
  ).all(...(source === 'raw' ? [assetId, fromMs, toMs] : [assetId, fromMs, toMs, oldestRaw ?? Infinity, assetId, oldestRaw ?? toMs, toMs])) as StoredRow[];
  const width = rows.length > maxPoints ? (toMs - fromMs) / maxPoints : 0;
  const times: number[] = [], series: Record<string, number[]> = { probability: [] };
  const bucketOf = (r: { t: number }) => (width ? Math.min(maxPoints - 1, Math.floor((r.t - fromMs) / width)) : r.t);
  eachBucket(rows, bucketOf, (first, b) => {
    const at = times.length;
    times.push(width ? fromMs + (bucketOf(first) + 0.5) * width : first.t);
    series.probability.push(b.probabilityMax ?? NaN);
    for (const k in b.means) (series[k] ??= Array(at).fill(NaN)).push(b.means[k]);
    for (const k in series) if (series[k].length < at + 1) series[k].push(NaN);
  });
  return { times, series, source };
}
