/**
 * The feature pipeline: which columns feed a model and which derived features are computed from
 * them. It is data (stored in the model file) so training and the live twin compute exactly the
 * same features. For the milling process the twin knows its own physics: temperature difference,
 * mechanical power, wear × torque, and each failure rule's margin.
 */
import { MILLING_LIMITS } from '../twin/sim/milling';
import type { DetectedSchema } from '../data/schema';
import { asFloat64, getColumn, numericColumn, type CategoricalColumn, type NumericColumn, type Table } from '../data/table';
import { rollingFeatures, windowStats, type WindowStats } from './timeseries';

export type PipelineKind = 'raw' | 'milling-physics' | 'fleet-timeseries';

export interface FeaturePipeline {
  kind: PipelineKind;
  /** Numeric input columns, in order. */
  numeric: string[];
  /** Categorical inputs, one-hot or ordinal encoded with this dictionary order. */
  categorical: { column: string; categories: string[] }[];
  /** For fleets over time: windows (readings) of the backward-looking features, and the label's horizon. */
  series?: TimeSeriesSettings;
}

export interface TimeSeriesSettings {
  /** Readings in the window of the rolling mean and standard deviation. */
  longWindow: number;
  /** Readings over which change and rate of change are taken. */
  shortWindow: number;
  /** The label is "fails within this many hours". */
  horizonHours: number;
  /**
   * Per numeric input, the 99th percentile of the rows a model was trained on: a reading above it is
   * flagged. Set by training (fold by fold, from training rows only), stored with the model.
   */
  flagThresholds?: number[];
}

/** Share of training readings a flag threshold sits above. */
const FLAG_QUANTILE = 0.99;

export const flagName = (sensor: string) => `${sensor} · above training p99`;

/** The training rows' 99th percentile of each column (NaN-free columns, as training requires). */
export function flagThresholds(columns: Float64Array[]): number[] {
  return columns.map((c) => {
    if (c.length === 0) return Infinity;
    const sorted = Float64Array.from(c).sort();
    return sorted[Math.min(sorted.length - 1, Math.floor(FLAG_QUANTILE * sorted.length))];
  });
}

/** 1 where a reading is above its threshold. */
export function flagColumns(columns: Float64Array[], thresholds: number[]): Float64Array[] {
  return columns.map((c, k) => {
    const out = new Float64Array(c.length), t = thresholds[k];
    for (let i = 0; i < c.length; i++) out[i] = c[i] > t ? 1 : 0;
    return out;
  });
}

export const DEFAULT_SERIES: TimeSeriesSettings = { longWindow: 36, shortWindow: 6, horizonHours: 24 };

export interface FeatureMatrix {
  names: string[];
  columns: Float64Array[];
  /** Per feature, values where a physical rule changes (a margin's 0): binning keeps them as split points. */
  boundaries: number[][];
}

const QUALITY_ORDER = ['L', 'M', 'H'];

/** The milling columns, found by role and header (any AI4I variant). */
function millingColumns(table: Table, schema: DetectedSchema) {
  const find = (re: RegExp) => table.columns.find((c) => c.kind === 'numeric' && schema.roles[c.name] === 'numeric-feature' && re.test(c.name.toLowerCase()))?.name;
  return {
    air: find(/air/), process: find(/process/), speed: find(/speed|rpm/), torque: find(/torque/), wear: find(/wear/),
    type: table.columns.find((c) => c.kind === 'categorical' && schema.roles[c.name] === 'categorical-feature')?.name,
  };
}

/** The pipeline a dataset gets by default: milling physics for AI4I, time series for fleets over time. */
export function defaultPipelineKind(schema: DetectedSchema): PipelineKind {
  if (schema.kind === 'ai4i') return 'milling-physics';
  return schema.assetColumn && schema.timestampColumn ? 'fleet-timeseries' : 'raw';
}

export function defaultPipeline(table: Table, schema: DetectedSchema, kind: PipelineKind = defaultPipelineKind(schema)): FeaturePipeline {
  const numeric = table.columns.filter((c) => c.kind === 'numeric' && schema.roles[c.name] === 'numeric-feature').map((c) => c.name);
  const categorical = table.columns
    .filter((c) => c.kind === 'categorical' && schema.roles[c.name] === 'categorical-feature')
    .map((c) => ({ column: c.name, categories: c.kind === 'categorical' ? orderCategories(c.dictionary) : [] }));
  return { kind, numeric, categorical, ...(kind === 'fleet-timeseries' ? { series: DEFAULT_SERIES } : {}) };
}

/** Product qualities keep their natural order; other categories sort alphabetically. */
function orderCategories(dict: string[]): string[] {
  if (dict.every((d) => QUALITY_ORDER.includes(d))) return QUALITY_ORDER.filter((q) => dict.includes(q));
  return [...dict].sort();
}

/**
 * The pipeline's features for every row. `fromRow`: rows before it may be left uncomputed (0) —
 * the live twin passes its window of recent readings and needs only the last row.
 */
export function computeFeatures(table: Table, schema: DetectedSchema, p: FeaturePipeline, fromRow = 0): FeatureMatrix {
  const names: string[] = [], columns: Float64Array[] = [];
  for (const c of p.categorical) {
    const col = getColumn(table, c.column);
    if (col.kind !== 'categorical') throw new Error(`feature "${c.column}" must be categorical`);
    const remap = col.dictionary.map((d) => c.categories.indexOf(d));
    names.push(c.column);
    const encoded = new Float64Array(col.codes.length);
    for (let i = 0; i < encoded.length; i++) {
      const code = col.codes[i];
      encoded[i] = code < 0 || remap[code] < 0 ? NaN : remap[code];
    }
    columns.push(encoded);
  }
  for (const n of p.numeric) {
    names.push(n);
    columns.push(asFloat64(numericColumn(table, n)));
  }
  if (p.kind === 'milling-physics') {
    const m = millingColumns(table, schema);
    if (!m.air || !m.process || !m.speed || !m.torque || !m.wear) throw new Error('the milling physics features need air and process temperature, speed, torque and tool wear columns');
    const air = numericColumn(table, m.air), proc = numericColumn(table, m.process), rpm = numericColumn(table, m.speed);
    const tq = numericColumn(table, m.torque), wear = numericColumn(table, m.wear);
    const quality = m.type ? columns[names.indexOf(m.type)] : null;
    const n = table.rowCount;
    const diff = new Float64Array(n), power = new Float64Array(n), strain = new Float64Array(n);
    const hdfMargin = new Float64Array(n), pwfMargin = new Float64Array(n), osfMargin = new Float64Array(n);
    const out = new Float64Array(6);
    for (let i = fromRow; i < n; i++) {
      millingPhysics(air[i], proc[i], rpm[i], tq[i], wear[i], quality ? quality[i] : NaN, out, 0);
      diff[i] = out[0];
      power[i] = out[1];
      strain[i] = out[2];
      hdfMargin[i] = out[3];
      pwfMargin[i] = out[4];
      osfMargin[i] = out[5];
    }
    names.push(...MILLING_PHYSICS_NAMES);
    columns.push(diff, power, strain, hdfMargin, pwfMargin, osfMargin);
    const L = MILLING_LIMITS;
    const rules: Record<string, number[]> = {
      'process − air temperature [K]': [L.heatDissipationDeltaK], 'mechanical power [W]': [L.powerMinW, L.powerMaxW],
      'heat-dissipation margin': [0], 'power-band margin': [0], 'overstrain margin [min·Nm]': [0],
    };
    if (m.speed) rules[m.speed] = [L.heatDissipationSpeedRpm];
    return { names, columns, boundaries: names.map((n) => rules[n] ?? []) };
  }
  if (p.kind === 'fleet-timeseries') {
    const { asset, time } = seriesKeys(table, schema);
    const series = p.series ?? DEFAULT_SERIES;
    const sensors = p.numeric.map((n) => ({ n, v: columns[names.indexOf(n)] }));
    for (const { n, v } of sensors) {
      const long = rollingFeatures(asset, time, v, series.longWindow, fromRow);
      const short = rollingFeatures(asset, time, v, series.shortWindow, fromRow);
      const z = new Float64Array(v.length);
      for (let i = fromRow; i < v.length; i++) z[i] = zScore(v[i], long.mean[i], long.std[i]);
      names.push(...seriesNames(n, series));
      columns.push(long.mean, long.std, short.delta, short.ratePerHour, z);
    }
    if (series.flagThresholds) {
      names.push(...sensors.map(({ n }) => flagName(n)));
      columns.push(...flagColumns(sensors.map(({ v }) => v), series.flagThresholds));
    }
  }
  return { names, columns, boundaries: names.map(() => []) };
}

const MILLING_PHYSICS_NAMES = ['process − air temperature [K]', 'mechanical power [W]', 'tool wear × torque [min·Nm]', 'heat-dissipation margin', 'power-band margin', 'overstrain margin [min·Nm]'];

/** The six physics features of one milling reading, written to out[at…at+5]. */
/** Overstrain limits by quality code (L, M, H), made once: this runs for every live reading. */
const OVERSTRAIN_BY_QUALITY = [MILLING_LIMITS.overstrainMinNm.L, MILLING_LIMITS.overstrainMinNm.M, MILLING_LIMITS.overstrainMinNm.H];

function millingPhysics(air: number, proc: number, rpm: number, tq: number, wear: number, quality: number, out: Float64Array, at: number): void {
  const L = MILLING_LIMITS;
  const diff = proc - air, power = (tq * rpm * 2 * Math.PI) / 60, strain = wear * tq;
  out[at] = diff;
  out[at + 1] = power;
  out[at + 2] = strain;
  // A failure rule is violated where its margin is negative.
  out[at + 3] = Math.max(diff - L.heatDissipationDeltaK, rpm - L.heatDissipationSpeedRpm);
  out[at + 4] = Math.min(power - L.powerMinW, L.powerMaxW - power);
  const limit = Number.isNaN(quality) ? L.overstrainMinNm.L : OVERSTRAIN_BY_QUALITY[quality] ?? L.overstrainMinNm.L;
  out[at + 5] = limit - strain;
}

function seriesNames(n: string, series: TimeSeriesSettings): string[] {
  return [`${n} · mean ${series.longWindow}`, `${n} · std ${series.longWindow}`, `${n} · change ${series.shortWindow}`, `${n} · rate/h ${series.shortWindow}`, `${n} · z in ${series.longWindow}`];
}

/** The reading against its own recent behaviour: how many spreads it sits from the window's mean. */
function zScore(v: number, mean: number, std: number): number {
  return std > 0 ? (v - mean) / std : 0;
}

/**
 * The features of the LAST row of a table (one asset's recent readings, oldest first), in
 * computeFeatures' order, through the same kernels — so the live twin gets exactly the batch
 * numbers without computing the rows before it. Planned once per table layout (column lookups,
 * names), then `compute` runs per reading with no searching and one allocation.
 */
export function lastRowPlan(layout: Table, schema: DetectedSchema, p: FeaturePipeline): { names: string[]; compute(table: Table, out?: Float64Array): Float64Array } {
  const at = (name: string) => {
    const k = layout.columns.findIndex((c) => c.name === name);
    if (k < 0) throw new Error(`column "${name}" is not in the table (columns: ${layout.columns.map((c) => c.name).join(', ')})`);
    return k;
  };
  const categorical = p.categorical.map((c) => {
    const col = layout.columns[at(c.column)];
    if (col.kind !== 'categorical') throw new Error(`feature "${c.column}" must be categorical`);
    return { k: at(c.column), remap: Int32Array.from(col.dictionary, (d) => c.categories.indexOf(d)) };
  });
  const numeric = Int32Array.from(p.numeric, at);
  const names = [...p.categorical.map((c) => c.column), ...p.numeric];
  const physics = p.kind === 'milling-physics' ? millingColumns(layout, schema) : null;
  if (physics && (!physics.air || !physics.process || !physics.speed || !physics.torque || !physics.wear)) throw new Error('the milling physics features need air and process temperature, speed, torque and tool wear columns');
  // Positions of the physics inputs among the values computed so far.
  const slot = (name: string | undefined) => (name === undefined ? -1 : names.indexOf(name));
  const m = physics ? { air: slot(physics.air), process: slot(physics.process), speed: slot(physics.speed), torque: slot(physics.torque), wear: slot(physics.wear), type: slot(physics.type) } : null;
  const series = p.kind === 'fleet-timeseries' ? p.series ?? DEFAULT_SERIES : null;
  const time = series ? at(schema.timestampColumn ?? '') : -1;
  if (m) names.push(...MILLING_PHYSICS_NAMES);
  if (series) {
    for (const n of p.numeric) names.push(...seriesNames(n, series));
    if (series.flagThresholds) names.push(...p.numeric.map(flagName));
  }
  const flags = series?.flagThresholds ? Float64Array.from(series.flagThresholds) : null;
  const long: WindowStats = { mean: 0, std: 0, delta: 0, ratePerHour: 0 }, short: WindowStats = { ...long };
  // Index loops and typed lookups only: this runs for every reading of every live asset.
  return {
    names,
    compute(table: Table, out = new Float64Array(names.length)): Float64Array {
      const last = table.rowCount - 1, columns = table.columns;
      let o = 0;
      for (let j = 0; j < categorical.length; j++) {
        const c = categorical[j], code = (columns[c.k] as CategoricalColumn).codes[last];
        const mapped = code < 0 || code >= c.remap.length ? -1 : c.remap[code];
        out[o++] = mapped < 0 ? NaN : mapped;
      }
      for (let j = 0; j < numeric.length; j++) out[o++] = (columns[numeric[j]] as NumericColumn).values[last];
      if (m) {
        millingPhysics(out[m.air], out[m.process], out[m.speed], out[m.torque], out[m.wear], m.type >= 0 ? out[m.type] : NaN, out, o);
        o += 6;
      }
      if (series) {
        const t = (columns[time] as NumericColumn).values;
        const longFrom = Math.max(0, last - series.longWindow + 1), shortFrom = Math.max(0, last - series.shortWindow + 1);
        // The window never reaches into another asset: the table holds one asset's readings.
        for (let j = 0; j < numeric.length; j++) {
          const v = (columns[numeric[j]] as NumericColumn).values;
          windowStats(t, v, longFrom, last, long);
          windowStats(t, v, shortFrom, last, short);
          out[o++] = long.mean;
          out[o++] = long.std;
          out[o++] = short.delta;
          out[o++] = short.ratePerHour;
          out[o++] = zScore(v[last], long.mean, long.std);
        }
        if (flags) for (let j = 0; j < numeric.length; j++) out[o++] = (columns[numeric[j]] as NumericColumn).values[last] > flags[j] ? 1 : 0;
      }
      return out;
    },
  };
}

/** The asset of each row (as a number) and its time: what windows and horizons are taken over. */
export function seriesKeys(table: Table, schema: DetectedSchema): { asset: Float64Array; time: Float64Array } {
  if (!schema.assetColumn || !schema.timestampColumn) throw new Error('time-series features need an asset id column and a timestamp column');
  const a = getColumn(table, schema.assetColumn);
  const asset = a.kind === 'categorical' ? Float64Array.from(a.codes) : asFloat64(a.values);
  return { asset, time: asFloat64(numericColumn(table, schema.timestampColumn)) };
}
