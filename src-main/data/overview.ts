/**
 * Dataset overview and per-class histograms: the numbers the Data view shows first.
 */
import { DISTINCT_CAP, type ClassHistogram, type ColumnSummary, type DatasetOverview } from '../shared/contract';
import { countOnes, statsOf } from './column-stats';
import type { DetectedSchema } from './schema';
import { getColumn, numericColumn, type Column, type Table } from './table';

function summarise(col: Column, schema: DetectedSchema): ColumnSummary {
  const role = schema.roles[col.name];
  if (col.kind === 'categorical') {
    let missing = 0;
    const codes = col.codes;
    for (let i = 0; i < codes.length; i++) if (codes[i] < 0) missing++;
    return { name: col.name, kind: col.kind, role, missing, distinct: col.dictionary.length, min: NaN, max: NaN, mean: NaN };
  }
  const values = col.values;
  const { missing, min, max, sum, distinct } = statsOf(values, DISTINCT_CAP);
  const n = values.length - missing;
  return { name: col.name, kind: col.kind, role, missing, distinct: distinct?.length ?? DISTINCT_CAP, min: n ? min : NaN, max: n ? max : NaN, mean: n ? sum / n : NaN };
}

/** 1 where the label says failure, 0 otherwise (missing labels count as no failure). */
export function failureMask(table: Table, schema: DetectedSchema): Uint8Array {
  const mask = new Uint8Array(table.rowCount);
  if (!schema.labelColumn) return mask;
  const label = numericColumn(table, schema.labelColumn);
  for (let i = 0; i < mask.length; i++) mask[i] = label[i] === 1 ? 1 : 0;
  return mask;
}

function failuresByMode(table: Table, schema: DetectedSchema) {
  const out: { mode: string; count: number }[] = [];
  for (const name of schema.modeFlagColumns) out.push({ mode: name, count: countOnes(numericColumn(table, name)) });
  if (schema.modeTextColumn) {
    const col = getColumn(table, schema.modeTextColumn);
    if (col.kind === 'categorical') {
      const mask = failureMask(table, schema);
      const counts = new Array<number>(col.dictionary.length).fill(0);
      for (let i = 0; i < col.codes.length; i++) if (mask[i] && col.codes[i] >= 0) counts[col.codes[i]]++;
      col.dictionary.forEach((mode, i) => out.push({ mode, count: counts[i] }));
    }
  }
  return out;
}

export function computeOverview(datasetId: string, title: string, table: Table, schema: DetectedSchema): DatasetOverview {
  // Labels are 0, 1 or missing (validated on import): failures are the ones.
  const failures = schema.labelColumn ? countOnes(numericColumn(table, schema.labelColumn)) : 0;
  const asset = schema.assetColumn ? getColumn(table, schema.assetColumn) : null;
  return {
    datasetId,
    title,
    schema: schema.kind,
    rows: table.rowCount,
    columns: table.columns.map((c) => summarise(c, schema)),
    labelColumn: schema.labelColumn,
    failures,
    failuresByMode: failuresByMode(table, schema),
    assets: asset ? (asset.kind === 'categorical' ? asset.dictionary.length : new Set(asset.values).size) : 1,
    sensorColumns: table.columns.filter((c) => c.kind === 'numeric' && schema.roles[c.name] === 'numeric-feature').map((c) => c.name),
  };
}

/** Equal-width histogram of one numeric column, counted separately for normal and failure rows. */
export function classHistogram(table: Table, schema: DetectedSchema, column: string, bins: number): ClassHistogram {
  const values = numericColumn(table, column);
  const mask = failureMask(table, schema);
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) throw new Error(`column "${column}" has no values`);
  if (hi === lo) hi = lo + 1;
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  const normal = new Array<number>(bins).fill(0), failure = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    const b = Math.min(bins - 1, Math.floor((v - lo) / width));
    if (mask[i]) failure[b]++;
    else normal[b]++;
  }
  return { column, edges, normal, failure };
}
