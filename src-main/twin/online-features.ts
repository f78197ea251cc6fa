/**
 * A model's features computed live, one reading at a time, by the very function training used:
 * each asset keeps its last readings (as many as the pipeline's longest window looks back) and
 * the pipeline runs over that small table; the last row's features are the live ones. So the
 * twin can never feed a model zeros or a differently computed feature (the workshop's bug), and
 * the parity test compares this with the batch computation over whole datasets.
 */
import type { DetectedSchema } from '../data/schema';
import type { Column, Table } from '../data/table';
import { lastRowPlan, type FeaturePipeline } from '../ml/features';
import type { ModelRow } from './asset-sim';

const ASSET = '__asset', TIME = '__time';
const IDENTITY = new Int32Array(0);

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
  private order: Int32Array | null = null;
  private plan: ReturnType<typeof lastRowPlan> | null = null;
  private scratch: Float64Array | null = null;

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
    const w = this.createWindow();
    for (const r of recent) w.push(r);
    // A fresh window's buffer: the caller may keep it.
    return w.features();
  }

  /** A window of one asset's recent readings, kept column by column (the live loop's fast path). */
  createWindow(): FeatureWindow {
    return new FeatureWindow(this);
  }

  /**
   * @internal The features of a window's table (its last row), in the model's order, written into
   * `out` (the window's own buffer: allocating a typed array per reading costs about a microsecond).
   */
  featuresOf(table: Table, out: Float64Array): Float64Array {
    // Windows all share one column layout, so the plan made for the first serves every asset.
    const plan = (this.plan ??= lastRowPlan(table, this.schema, this.pipeline));
    if (!this.order) {
      const order = Int32Array.from(this.names, (n) => {
        const k = plan.names.indexOf(n);
        if (k < 0) throw new Error(`the model needs feature "${n}", which its pipeline does not produce (it produces ${plan.names.join(', ')})`);
        return k;
      });
      this.order = order.length === plan.names.length && order.every((k, i) => k === i) ? IDENTITY : order;
    }
    // Models Twinscope trains take the pipeline's order as it is: no reordering copy then.
    if (this.order === IDENTITY) return plan.compute(table, out);
    const values = plan.compute(table, (this.scratch ??= new Float64Array(plan.names.length))), order = this.order;
    for (let k = 0; k < out.length; k++) out[k] = values[order[k]];
    return out;
  }

  /** @internal The window's inputs: categorical, numeric, then the series keys. */
  get inputs(): { categorical: FeaturePipeline['categorical']; numeric: string[]; asset: boolean; time: string | null } {
    return { categorical: this.pipeline.categorical, numeric: this.pipeline.numeric, asset: this.schema.assetColumn !== null, time: this.schema.assetColumn ? this.timeColumn : null };
  }
}

/** Rows a window's buffers hold per readings it keeps: the shift back to the start is paid once per this many readings. */
const SLACK = 4;

/**
 * One asset's last readings as typed columns, updated in place as readings arrive: the pipeline
 * reads them as a table without copying. The columns are buffers of a few windows' length, the
 * table's rows run up to the newest reading, and the last window is moved back to the start only
 * when a buffer is full — not a shift of every column on every reading.
 */
export class FeatureWindow {
  /** Readings in the window (up to the pipeline's lookback). */
  private count = 0;
  private readonly codes: Int32Array[];
  private readonly numbers: Float64Array[];
  private readonly time: Float64Array | null;
  private readonly table: Table;
  private readonly out: Float64Array;

  /** Every column, to move them all when the buffers are full. */
  private readonly arrays: (Int32Array | Float64Array)[];
  private readonly inputs: OnlineFeatures['inputs'];

  constructor(private readonly online: OnlineFeatures) {
    const w = online.window, inputs = online.inputs, capacity = SLACK * w;
    if (inputs.asset && !inputs.time) throw new Error('a time-series pipeline needs the time of each reading');
    this.inputs = inputs;
    this.codes = inputs.categorical.map(() => new Int32Array(capacity));
    this.numbers = inputs.numeric.map(() => new Float64Array(capacity));
    this.time = inputs.asset ? new Float64Array(capacity) : null;
    this.arrays = [...this.codes, ...this.numbers, ...(this.time ? [this.time] : [])];
    const columns: Column[] = [
      ...inputs.categorical.map((c, k): Column => ({ name: c.column, kind: 'categorical', codes: this.codes[k], dictionary: c.categories })),
      ...inputs.numeric.map((name, k): Column => ({ name, kind: 'numeric', values: this.numbers[k] })),
    ];
    if (this.time) columns.push({ name: ASSET, kind: 'numeric', values: new Float64Array(capacity) }, { name: TIME, kind: 'numeric', values: this.time });
    // rowCount is the end of the written rows; the pipeline looks back at most one window from it.
    this.table = { rowCount: 0, columns };
    this.out = new Float64Array(online.names.length);
  }

  get size(): number {
    return this.count;
  }

  push(row: ModelRow): void {
    const w = this.online.window, inputs = this.inputs, table = this.table;
    if (table.rowCount === SLACK * w) {
      // Full: the last window but one moves to the start, the new reading goes after it.
      for (const a of this.arrays) a.copyWithin(0, table.rowCount - (w - 1), table.rowCount);
      table.rowCount = w - 1;
    }
    const at = table.rowCount;
    for (let k = 0; k < inputs.categorical.length; k++) {
      const c = inputs.categorical[k];
      this.codes[k][at] = c.categories.indexOf(String(row[c.column] ?? ''));
    }
    for (let k = 0; k < inputs.numeric.length; k++) this.numbers[k][at] = numberOf(row, inputs.numeric[k]);
    if (this.time) this.time[at] = numberOf(row, inputs.time!);
    table.rowCount = at + 1;
    if (this.count < w) this.count++;
  }

  /** The newest reading's features — in the window's own buffer, overwritten by the next call. */
  features(): Float64Array {
    if (this.count === 0) throw new Error('no reading to compute features from');
    return this.online.featuresOf(this.table, this.out);
  }
}

function numberOf(r: ModelRow, name: string): number {
  const v = r[name];
  if (typeof v === 'number') return v;
  throw new Error(`reading has no numeric value for "${name}"`);
}
