/**
 * The feature pipeline: which columns feed a model and which derived features are computed from
 * them. It is data (stored in the model file) so training and the live twin compute exactly the
 * same features. For the milling process the twin knows its own physics: temperature difference,
 * mechanical power, wear × torque, and each failure rule's margin.
 */
import { MILLING_LIMITS } from '../twin/sim/milling';
import type { DetectedSchema } from '../data/schema';
import { asFloat64, getColumn, numericColumn, type Table } from '../data/table';
import { rollingFeatures } from './timeseries';

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
  return columns.map((c, k) => Float64Array.from(c, (v) => (v > thresholds[k] ? 1 : 0)));
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

export function computeFeatures(table: Table, schema: DetectedSchema, p: FeaturePipeline): FeatureMatrix {
  const names: string[] = [], columns: Float64Array[] = [];
  for (const c of p.categorical) {
    const col = getColumn(table, c.column);
    if (col.kind !== 'categorical') throw new Error(`feature "${c.column}" must be categorical`);
    const remap = col.dictionary.map((d) => c.categories.indexOf(d));
    names.push(c.column);
    columns.push(Float64Array.from(col.codes, (code) => (code < 0 ? NaN : remap[code] < 0 ? NaN : remap[code])));
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
    const L = MILLING_LIMITS;
    for (let i = 0; i < n; i++) {
      diff[i] = proc[i] - air[i];
      power[i] = (tq[i] * rpm[i] * 2 * Math.PI) / 60;
      strain[i] = wear[i] * tq[i];
      // A failure rule is violated where its margin is negative.
      hdfMargin[i] = Math.max(diff[i] - L.heatDissipationDeltaK, rpm[i] - L.heatDissipationSpeedRpm);
      pwfMargin[i] = Math.min(power[i] - L.powerMinW, L.powerMaxW - power[i]);
      const limit = quality ? [L.overstrainMinNm.L, L.overstrainMinNm.M, L.overstrainMinNm.H][quality[i]] ?? L.overstrainMinNm.L : L.overstrainMinNm.L;
      osfMargin[i] = limit - strain[i];
    }
    names.push('process − air temperature [K]', 'mechanical power [W]', 'tool wear × torque [min·Nm]', 'heat-dissipation margin', 'power-band margin', 'overstrain margin [min·Nm]');
    columns.push(diff, power, strain, hdfMargin, pwfMargin, osfMargin);
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
      const long = rollingFeatures(asset, time, v, series.longWindow);
      const short = rollingFeatures(asset, time, v, series.shortWindow);
      // The reading against its own recent behaviour: how many spreads it sits from the window's mean.
      const z = Float64Array.from(v, (x, i) => (long.std[i] > 0 ? (x - long.mean[i]) / long.std[i] : 0));
      names.push(`${n} · mean ${series.longWindow}`, `${n} · std ${series.longWindow}`, `${n} · change ${series.shortWindow}`, `${n} · rate/h ${series.shortWindow}`, `${n} · z in ${series.longWindow}`);
      columns.push(long.mean, long.std, short.delta, short.ratePerHour, z);
    }
    if (series.flagThresholds) {
      names.push(...sensors.map(({ n }) => flagName(n)));
      columns.push(...flagColumns(sensors.map(({ v }) => v), series.flagThresholds));
    }
  }
  return { names, columns, boundaries: names.map(() => []) };
}

/** The asset of each row (as a number) and its time: what windows and horizons are taken over. */
export function seriesKeys(table: Table, schema: DetectedSchema): { asset: Float64Array; time: Float64Array } {
  if (!schema.assetColumn || !schema.timestampColumn) throw new Error('time-series features need an asset id column and a timestamp column');
  const a = getColumn(table, schema.assetColumn);
  const asset = a.kind === 'categorical' ? Float64Array.from(a.codes) : asFloat64(a.values);
  return { asset, time: asFloat64(numericColumn(table, schema.timestampColumn)) };
}
