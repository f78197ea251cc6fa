/**
 * A model's features computed live, one reading at a time, by the very function training used:
 * each asset keeps its last readings (as many as the pipeline's longest window looks back) and
 * the pipeline runs over that small table; the last row's features are the live ones. So the
 * twin can never feed a model zeros or a differently computed feature (the workshop's bug), and
 * the parity test compares this with the batch computation over whole datasets.
 */
import type { DetectedSchema } from '../data/schema';
import type { Column, Table } from '../data/table';
import { computeFeatures, type FeaturePipeline } from '../ml/features';
import type { ModelRow } from './asset-sim';

const ASSET = '__asset', TIME = '__time';

/** Readings a pipeline looks back over (1: each reading stands alone). */
export function lookback(p: FeaturePipeline): number {
  return p.kind === 'fleet-timeseries' ? Math.max(p.series?.longWindow ?? 1, p.series?.shortWindow ?? 1) : 1;
}

/** The schema a live window is read under: inputs by role, plus the series keys. */
function windowSchema(p: FeaturePipeline): DetectedSchema {
  const roles: DetectedSchema['roles'] = {};
  for (const n of p.numeric) roles[n] = 'numeric-feature';
  for (const c of p.categorical) roles[c.column] = 'categorical-feature';
  const series = p.kind === 'fleet-timeseries';
  if (series) {
    roles[ASSET] = 'asset-id';
    roles[TIME] = 'timestamp';
  }
  return {
    kind: p.kind === 'milling-physics' ? 'ai4i' : 'unknown', roles, labelColumn: null, modeFlagColumns: [], modeTextColumn: null,
    assetColumn: series ? ASSET : null, timestampColumn: series ? TIME : null,
  };
}

export class OnlineFeatures {
  readonly window: number;
  private readonly schema: DetectedSchema;
  /** Maps the pipeline's feature order onto the model's (they are equal for models Twinscope trains). */
  private order: number[] | null = null;

  constructor(
    private readonly pipeline: FeaturePipeline,
    /** The model's feature names, in its input order. */
    readonly names: string[],
    /** The column holding each row's time (ms) for time-series pipelines. */
    private readonly timeColumn: string | null = null,
  ) {
    this.window = lookback(pipeline);
    this.schema = windowSchema(pipeline);
  }

  /** Features of the last row of `rows` (oldest first, one asset), in the model's order. */
  compute(rows: readonly ModelRow[]): Float64Array {
    const recent = rows.length > this.window ? rows.slice(rows.length - this.window) : rows;
    if (recent.length === 0) throw new Error('no reading to compute features from');
    const m = computeFeatures(this.table(recent), this.schema, this.pipeline);
    if (!this.order) {
      this.order = this.names.map((n) => {
        const k = m.names.indexOf(n);
        if (k < 0) throw new Error(`the model needs feature "${n}", which its pipeline does not produce (it produces ${m.names.join(', ')})`);
        return k;
      });
    }
    const last = recent.length - 1;
    return Float64Array.from(this.order, (k) => m.columns[k][last]);
  }

  private table(rows: readonly ModelRow[]): Table {
    const n = rows.length;
    const columns: Column[] = [];
    for (const c of this.pipeline.categorical) {
      const codes = Int32Array.from(rows, (r) => c.categories.indexOf(String(r[c.column] ?? '')));
      columns.push({ name: c.column, kind: 'categorical', codes, dictionary: c.categories });
    }
    for (const name of this.pipeline.numeric) {
      columns.push({ name, kind: 'numeric', values: Float64Array.from(rows, (r) => numberOf(r, name)) });
    }
    if (this.schema.assetColumn) {
      const timeKey = this.timeColumn;
      if (!timeKey) throw new Error('a time-series pipeline needs the time of each reading');
      columns.push({ name: ASSET, kind: 'numeric', values: new Float64Array(n) });
      columns.push({ name: TIME, kind: 'numeric', values: Float64Array.from(rows, (r) => numberOf(r, timeKey)) });
    }
    return { rowCount: n, columns };
  }
}

function numberOf(r: ModelRow, name: string): number {
  const v = r[name];
  if (typeof v === 'number') return v;
  throw new Error(`reading has no numeric value for "${name}"`);
}
