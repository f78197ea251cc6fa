/**
 * Replaying a dataset through the live twin: each asset's rows, in time order, become its
 * readings — the same rows the models were trained on, seen as they would have arrived. Motor
 * fleets replay per machine at their own timestamps; an AI4I-schema file (no asset, no time) is
 * one milling centre whose rows are consecutive processes, one every three minutes.
 */
import type { DetectedSchema } from '../data/schema';
import { getColumn, type Table } from '../data/table';
import { MOTOR_RATING } from './sim/motor';
import { ROW_COLUMN, type ModelRow } from './asset-sim';
import { READING_INTERVAL_S, type AssetKind } from './assets';

export interface ReplayAsset {
  /** The asset id in the file. */
  id: string;
  /** Reading times (ms), ascending, as in the file (milling: one process interval apart). */
  times: number[];
  rows: ModelRow[];
  /** Sensor values by SENSORS key, for gauges, trends and sensor alert rules. */
  values: Record<string, number>[];
}

export interface ReplaySource {
  kind: AssetKind;
  assets: ReplayAsset[];
}

/** Rated torque of the simulated motors: a replayed motor's load is its torque against it. */
const RATED_TORQUE_NM = MOTOR_RATING.powerW / ((MOTOR_RATING.speedRpm * 2 * Math.PI) / 60);

export function replaySource(table: Table, schema: DetectedSchema): ReplaySource {
  const kind: AssetKind | null = schema.kind === 'ai4i' ? 'milling' : schema.kind === 'motor-fleet' ? 'motor' : null;
  if (!kind) throw new Error('replay needs a dataset in a schema the twin simulates (AI4I milling, or the motor-fleet layout)');
  if (table.rowCount === 0) throw new Error('the dataset has no rows to replay');
  const sensorOf = Object.fromEntries(Object.entries(ROW_COLUMN[kind]).map(([key, column]) => [column, key]));
  const numeric = table.columns.filter((c) => c.kind === 'numeric' && (schema.roles[c.name] === 'numeric-feature' || c.name === schema.timestampColumn));
  const categorical = table.columns.filter((c) => c.kind === 'categorical' && schema.roles[c.name] === 'categorical-feature');
  const rowAt = (i: number): { row: ModelRow; values: Record<string, number> } => {
    const row: ModelRow = {}, values: Record<string, number> = {};
    for (const c of categorical) if (c.kind === 'categorical') row[c.name] = c.codes[i] < 0 ? '' : c.dictionary[c.codes[i]];
    for (const c of numeric) {
      if (c.kind !== 'numeric') continue;
      row[c.name] = c.values[i];
      if (sensorOf[c.name]) values[sensorOf[c.name]] = c.values[i];
    }
    if (kind === 'motor' && Number.isFinite(values.torqueNm)) values.load = values.torqueNm / RATED_TORQUE_NM;
    return { row, values };
  };

  if (kind === 'milling') {
    const asset: ReplayAsset = { id: 'MILL-REPLAY', times: [], rows: [], values: [] };
    for (let i = 0; i < table.rowCount; i++) {
      const r = rowAt(i);
      asset.times.push(i * READING_INTERVAL_S.milling * 1000);
      asset.rows.push(r.row);
      asset.values.push(r.values);
    }
    return { kind, assets: [asset] };
  }
  if (!schema.assetColumn || !schema.timestampColumn) throw new Error('replaying a fleet needs its asset id and timestamp columns');
  const ids = getColumn(table, schema.assetColumn), time = getColumn(table, schema.timestampColumn);
  if (time.kind !== 'numeric') throw new Error(`the timestamp column "${schema.timestampColumn}" must hold times`);
  const byAsset = new Map<string, ReplayAsset>();
  // Rows are sorted by asset and time by the import; the replay keeps that order per asset.
  for (let i = 0; i < table.rowCount; i++) {
    const id = ids.kind === 'categorical' ? ids.dictionary[ids.codes[i]] ?? '' : String(ids.values[i]);
    const t = time.values[i];
    if (!id || !Number.isFinite(t)) continue;
    let a = byAsset.get(id);
    if (!a) byAsset.set(id, (a = { id, times: [], rows: [], values: [] }));
    const r = rowAt(i);
    r.row[schema.assetColumn] = id;
    a.times.push(t);
    a.rows.push(r.row);
    a.values.push(r.values);
  }
  return { kind, assets: [...byAsset.values()] };
}
