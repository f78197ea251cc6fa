/**
 * One asset's trend history in memory: reading times and, per sensor plus "probability", values,
 * oldest first, for the twin's trend charts and the fleet's sparklines (the database keeps the
 * long history). Columns are plain arrays addressed by position — this is written on every reading
 * of every asset — and trimmed in batches rather than shifted on each reading.
 */

/** Extra readings kept before a trim: one splice per this many readings instead of one per reading. */
const TRIM_SLACK = 32;

export const PROBABILITY = 'probability';

export class TrendHistory {
  times: number[] = [];
  private columns: number[][];
  /** Per column: true for the probability, false for a sensor read from the reading's values. */
  private readonly isProbability: boolean[];

  constructor(
    readonly keys: readonly string[],
    private readonly length: number,
  ) {
    this.columns = keys.map(() => []);
    this.isProbability = keys.map((k) => k === PROBABILITY);
  }

  push(atMs: number, values: Record<string, number>, probability: number | null): void {
    this.times.push(atMs);
    const keys = this.keys, columns = this.columns;
    for (let k = 0; k < keys.length; k++) columns[k].push(this.isProbability[k] ? probability ?? NaN : values[keys[k]] ?? NaN);
    if (this.times.length > this.length + TRIM_SLACK) {
      const drop = this.times.length - this.length;
      this.times.splice(0, drop);
      for (const c of columns) c.splice(0, drop);
    }
  }

  /** The whole column of one key (oldest first; may run a few readings past the kept length). */
  column(key: string): number[] {
    const k = this.keys.indexOf(key);
    if (k < 0) throw new Error(`no series "${key}" (series: ${this.keys.join(', ')})`);
    return this.columns[k];
  }

  /** The kept readings, copied: times and each series by key. */
  window(): { times: number[]; series: Record<string, number[]> } {
    const from = Math.max(0, this.times.length - this.length);
    return { times: this.times.slice(from), series: Object.fromEntries(this.keys.map((k, i) => [k, this.columns[i].slice(from)])) };
  }

  /** The last `n` values of one series, without copying the rest. */
  recent(key: string, n: number): number[] {
    const c = this.column(key);
    return c.slice(Math.max(0, c.length - n));
  }

  /** Back to a stored window (JSON turns NaN into null; a series missing from it starts empty). */
  restore(times: readonly number[] | undefined, series: Record<string, (number | null)[]> | undefined): void {
    this.times = [...(times ?? [])];
    this.columns = this.keys.map((k) => (series?.[k] ?? []).map((v) => (v === null ? NaN : v)));
  }
}
