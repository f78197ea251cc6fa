/**
 * One distribution's window inside a drift monitor (./drift-monitor.ts): a ring of bin codes,
 * the live counts per bin, the readings outside the training range, and the recent readings'
 * values and sum. Each reading costs one bin lookup and two counter updates.
 */
import { binOf, equalMassGroups, type DriftHistogram } from './drift';

/** One distribution's window: a ring of bin codes, the counts per bin, and the recent readings outside the range. */
export class BinnedWindow {
  readonly counts: Int32Array;
  readonly groups: Int32Array;
  below = 0;
  above = 0;
  /** The reference's mean and standard deviation (from its bin centres). */
  readonly mean: number;
  readonly sd: number;
  /** The recent readings' values (a smaller ring) and their sum. */
  recentSum = 0;
  private readonly recent: Float64Array;
  private readonly codes: Uint8Array;
  private readonly bins: number;

  constructor(readonly ref: DriftHistogram, capacity: number, groups: number, recentCapacity: number) {
    this.bins = ref.counts.length;
    if (this.bins < 1 || this.bins > 120 || ref.edges.length !== this.bins + 1) throw new Error(`a drift reference needs 1–120 bins and one more edge (got ${this.bins} counts, ${ref.edges.length} edges)`);
    this.counts = new Int32Array(this.bins);
    this.groups = equalMassGroups(ref.counts, groups);
    this.codes = new Uint8Array(capacity);
    this.recent = new Float64Array(recentCapacity);
    let n = 0, sum = 0, sq = 0;
    ref.counts.forEach((c, i) => {
      const x = (ref.edges[i] + ref.edges[i + 1]) / 2;
      n += c;
      sum += c * x;
      sq += c * x * x;
    });
    this.mean = n > 0 ? sum / n : 0;
    // A constant feature's spread is its bin width: a shift by a whole range still counts.
    this.sd = Math.max(Math.sqrt(Math.max(0, sq / Math.max(1, n) - this.mean ** 2)), (ref.edges[this.bins] - ref.edges[0]) / this.bins);
  }

  /** Codes: a bin, or bins + 1 / bins + 2 for values below / above the range (counted in the end bins). */
  put(slot: number, recentSlot: number, v: number): void {
    const e = this.ref.edges, bins = this.bins;
    const code = v < e[0] ? bins + 1 : v > e[bins] ? bins + 2 : binOf(e, v);
    this.codes[slot] = code;
    this.add(code, 1);
    this.recent[recentSlot] = v;
    this.recentSum += v;
  }

  drop(slot: number): void {
    this.add(this.codes[slot], -1);
  }

  /** The reading leaves the recent window. */
  age(recentSlot: number): void {
    this.recentSum -= this.recent[recentSlot];
  }

  /** For a stored state: a reading's bin code and recent value, and putting them back (./drift-state.ts). */
  codeAt = (slot: number): number => this.codes[slot];
  recentAt = (recentSlot: number): number => this.recent[recentSlot];
  get maxCode(): number {
    return this.bins + 2;
  }
  load(slot: number, code: number, recentSlot: number | null, v: number): void {
    this.codes[slot] = code;
    this.add(code, 1);
    if (recentSlot !== null) this.recent[recentSlot] = v;
  }

  private add(code: number, by: number): void {
    const bins = this.bins;
    if (code === bins + 1) {
      this.below += by;
      this.counts[0] += by;
    } else if (code === bins + 2) {
      this.above += by;
      this.counts[bins - 1] += by;
    } else this.counts[code] += by;
  }
}
