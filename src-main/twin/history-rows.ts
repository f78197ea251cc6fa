/**
 * The fleet's history as training rows. A reading is stored with its sensor values (what trend
 * charts draw) and the model inputs the sensors do not carry (a milling job's product quality, a
 * motor's power, operating hours and vibration bands): together they are the row the model scored,
 * in the schema of the dataset it was trained on (./asset-sim.ts maps one way, ./replay.ts the
 * other). Rows are labelled by the recorded failures: the reading at (or just before) a failure is
 * its event — for a milling model that is the label ("this process"), for a fleet model the label
 * looks ahead from it ("within 24 h", computed by the training pipeline as for the bundled fleet).
 */
import type { ExtraRows } from '../data/append-rows';
import type { FeaturePipeline } from '../ml/features';
import { horizonLabels } from '../ml/timeseries';
import { ROW_COLUMN, type ModelRow } from './asset-sim';
import { ASSET_KINDS, type AssetKind } from './assets';
import type { FleetEvent } from './fleet-types';

/** A simulated motor row's asset id and time columns: the history keeps both as its own keys. */
const KEY_COLUMNS = new Set(['timestamp', 'machine_id']);
/** A failure is matched to the asset's last reading at most this long before it (ms). */
const FAILURE_MATCH_MS = 3_600_000;
/** Added rows' asset ids: the dataset's own assets may have the same names (the demo fleet's MTR-02). */
export const HISTORY_ASSET_SUFFIX = ' (fleet history)';

/** Per kind, the sensor key of each row column a sensor fills. */
const SENSOR_OF = Object.fromEntries(ASSET_KINDS.map((k) => [k, Object.fromEntries(Object.entries(ROW_COLUMN[k]).map(([key, column]) => [column, key]))])) as Record<AssetKind, Record<string, string>>;

/**
 * The model inputs of a reading that its sensor values do not give (null when there are none):
 * stored with the reading, so the history can be turned back into the row the model scored.
 */
export function historyInputs(kind: AssetKind, values: Record<string, number>, row: ModelRow): ModelRow | null {
  let out: ModelRow | null = null;
  for (const column in row) {
    if (KEY_COLUMNS.has(column)) continue;
    const key = SENSOR_OF[kind][column];
    if (key !== undefined && values[key] === row[column]) continue;
    (out ??= {})[column] = row[column];
  }
  return out;
}

/** One stored reading the model scored (history-repo's raw readings). */
export interface ScoredReading {
  assetId: string;
  t: number;
  readings: Record<string, number>;
  inputs: ModelRow | null;
}

export interface HistoryRows {
  extra: ExtraRows;
  assets: number;
  /** Recorded failures matched to a reading, and the rows labelled failure under the horizon. */
  failures: number;
  positives: number;
  /** Readings left out because an input was not recorded, and the first such input. */
  skipped: number;
  missing: string | null;
}

/** The asset kind whose columns the model takes (null: none of the simulated kinds'). */
export function kindOfModel(pipeline: Pick<FeaturePipeline, 'numeric'>): AssetKind | null {
  let best: AssetKind | null = null, bestCount = 0;
  for (const k of ASSET_KINDS) {
    const count = Object.values(ROW_COLUMN[k]).filter((c) => pipeline.numeric.includes(c)).length;
    if (count > bestCount) [best, bestCount] = [k, count];
  }
  return best;
}

/**
 * Rows in the model's input columns from `readings` (ordered by asset, then time), labelled by
 * `failures` (fleet events of kind 'failure'). With `timeSeries` every row carries its asset id
 * (suffixed, see HISTORY_ASSET_SUFFIX) and time, and a failure labels the `horizonMs` before it.
 */
export function historyRows(
  readings: readonly ScoredReading[],
  failures: readonly FleetEvent[],
  pipeline: Pick<FeaturePipeline, 'numeric' | 'categorical'>,
  opts: { timeSeries: boolean; horizonMs: number },
): HistoryRows {
  const kind = kindOfModel(pipeline);
  if (!kind) throw new Error(`the model's inputs (${pipeline.numeric.join(', ')}) are not a simulated asset's columns: its history cannot become training rows`);
  const numericCols = pipeline.numeric, textCols = pipeline.categorical.map((c) => c.column);
  const rows: ModelRow[] = [], assetOf: string[] = [], times: number[] = [];
  let skipped = 0, missing: string | null = null;
  for (const r of readings) {
    const row = rowOf(kind, r);
    const absent = numericCols.find((c) => typeof row[c] !== 'number' || !Number.isFinite(row[c])) ?? textCols.find((c) => typeof row[c] !== 'string' || row[c] === '');
    if (absent !== undefined) {
      skipped++;
      missing ??= absent;
      continue;
    }
    if (assetOf.length && assetOf[assetOf.length - 1] === r.assetId && r.t <= times[times.length - 1]) throw new Error(`history of ${r.assetId}: readings are not in time order at ${r.t}`);
    rows.push(row);
    assetOf.push(r.assetId);
    times.push(r.t);
  }
  const n = rows.length;
  const event = new Uint8Array(n), mode: string[] = new Array<string>(n).fill('');
  const matched = matchFailures(assetOf, times, failures, event, mode);
  const columns: ExtraRows['columns'] = {};
  for (const c of numericCols) columns[c] = Float64Array.from(rows, (row) => row[c] as number);
  for (const c of textCols) columns[c] = rows.map((row) => row[c] as string);
  let positives = matched;
  if (opts.timeSeries && opts.horizonMs > 0) {
    const codes = new Float64Array(n);
    for (let i = 1; i < n; i++) codes[i] = assetOf[i] === assetOf[i - 1] ? codes[i - 1] : codes[i - 1] + 1;
    positives = horizonLabels(codes, times, event, opts.horizonMs).reduce((a, b) => a + b, 0);
  }
  return {
    extra: {
      rowCount: n, columns, event, mode,
      asset: opts.timeSeries ? assetOf.map((a) => a + HISTORY_ASSET_SUFFIX) : null,
      time: opts.timeSeries ? Float64Array.from(times) : null,
    },
    assets: new Set(assetOf).size, failures: matched, positives, skipped, missing,
  };
}

/** The row the model scored: sensor values in their columns, then the recorded inputs. */
function rowOf(kind: AssetKind, r: ScoredReading): ModelRow {
  const row: ModelRow = {};
  for (const [key, column] of Object.entries(ROW_COLUMN[kind])) if (key in r.readings) row[column] = r.readings[key];
  if (r.inputs) Object.assign(row, r.inputs);
  return row;
}

/**
 * Marks each failure's reading: the asset's last reading at or before it (within
 * FAILURE_MATCH_MS). Returns how many failures found their reading.
 */
function matchFailures(assetOf: readonly string[], times: readonly number[], failures: readonly FleetEvent[], event: Uint8Array, mode: string[]): number {
  const spans = new Map<string, [number, number]>();
  for (let i = 0; i < assetOf.length; i++) {
    const s = spans.get(assetOf[i]);
    if (s) s[1] = i + 1;
    else spans.set(assetOf[i], [i, i + 1]);
  }
  let matched = 0;
  for (const f of failures) {
    if (f.kind !== 'failure') continue;
    const span = spans.get(f.assetId);
    if (!span) continue;
    // Binary search: the last reading at or before the failure.
    let lo = span[0], hi = span[1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] <= f.atMs) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < span[0] || f.atMs - times[i] > FAILURE_MATCH_MS || event[i] === 1) continue;
    event[i] = 1;
    mode[i] = /^failure:\s*(.+)$/.exec(f.detail)?.[1].trim() ?? '';
    matched++;
  }
  return matched;
}
