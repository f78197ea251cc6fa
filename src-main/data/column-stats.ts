/**
 * Per-column statistics of numeric storage — missing count, min, max, sum and distinct values up
 * to a cap — computable on pieces and merged. The import computes them per segment in its helper
 * workers and merges them, so the summary of a million-row file costs the main thread nothing;
 * they are remembered by the values array they describe, and any other array (a column the
 * mapping rewrote) is measured afresh.
 */
import type { NumericArray } from './table';

export interface NumericStats {
  missing: number;
  min: number;
  max: number;
  sum: number;
  /** The distinct non-missing values (−0 counted as 0), or null when there are `cap` or more. */
  distinct: Float64Array | null;
}

/** Small non-negative integers (flags, counts, codes) are marked in a bitmap, not hashed. */
const SMALL_INTS = 1 << 16;

/**
 * The distinct values seen so far, up to a cap: an open-addressing table of doubles (a Set<number>
 * would box each one), with small non-negative integers marked in a bitmap instead. Its storage is
 * kept between uses: the import counts every numeric column of every segment, and allocating and
 * zeroing ~0.4 MB each time cost more than the count. Only the entries a use touched are cleared.
 * The loops below probe it inline (no call per value): a call per value ran interpreted for the
 * first segments a fresh helper read, and cost it more than the rest of its statistics.
 */
class DistinctSet {
  private static shared: DistinctSet | null = null;
  readonly mask: number;
  readonly table: Float64Array;
  readonly used: Uint8Array;
  readonly small = new Uint8Array(SMALL_INTS);
  /** Where each value found sits (−1 − k for small integer k), to clear it afterwards. */
  private readonly slots: Int32Array;
  readonly view = new Float64Array(1);
  readonly bits = new Int32Array(this.view.buffer);
  private found = new Float64Array(256);
  count = 0;

  private constructor(readonly size: number, readonly cap: number) {
    this.mask = size - 1;
    this.table = new Float64Array(size);
    this.used = new Uint8Array(size);
    this.slots = new Int32Array(cap);
  }

  static take(cap: number): DistinctSet {
    let size = 1;
    while (size < cap * 2) size <<= 1;
    const s = DistinctSet.shared;
    if (s && s.size === size && s.cap === cap) {
      s.count = 0;
      return s;
    }
    return (DistinctSet.shared = new DistinctSet(size, cap));
  }

  /** Records a new value `v` marked at `at` (see slots); true once `cap` distinct values have been seen. */
  record(v: number, at: number): boolean {
    if (this.count === this.found.length) {
      const grown = new Float64Array(Math.min(this.cap, this.found.length * 4));
      grown.set(this.found);
      this.found = grown;
    }
    this.slots[this.count] = at;
    this.found[this.count++] = v;
    return this.count >= this.cap;
  }

  /** The values found (null when the cap was reached); clears what this use touched. */
  finish(): Float64Array | null {
    for (let k = 0; k < this.count; k++) {
      const at = this.slots[k];
      if (at < 0) this.small[-1 - at] = 0;
      else this.used[at] = 0;
    }
    const out = this.count >= this.cap ? null : this.found.slice(0, this.count);
    if (this.found.length > 256) this.found = new Float64Array(256);
    return out;
  }
}

// One loop per storage kind, so each reads a single array type: a loop over several kinds
// deoptimised again and again in the import's helpers (--trace-deopt), re-compiling each time.
function distinctDoubles(values: Float64Array, set: DistinctSet): void {
  const { small, table, used, mask, view, bits } = set;
  let last = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === last || v !== v) continue;
    last = v;
    const k = v | 0;
    if (k === v && k >= 0 && k < SMALL_INTS) {
      if (small[k] !== 0) continue;
      small[k] = 1;
      if (set.record(k, -1 - k)) return;
      continue;
    }
    view[0] = v === 0 ? 0 : v; // -0 and 0 are one value
    // murmur3's finaliser: decimals differ in their low mantissa bits, which need spreading.
    let h = bits[0] ^ Math.imul(bits[1], 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    let p = ((h ^ (h >>> 16)) >>> 0) & mask;
    while (used[p] !== 0 && table[p] !== v) p = (p + 1) & mask;
    if (used[p] !== 0) continue;
    used[p] = 1;
    table[p] = v;
    if (set.record(k === v ? k : v, p)) return;
  }
}

function distinctInts(values: Int32Array, set: DistinctSet): void {
  const { small, table, used, mask } = set;
  let last = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === last) continue;
    last = v;
    if (v >= 0 && v < SMALL_INTS) {
      if (small[v] !== 0) continue;
      small[v] = 1;
      if (set.record(v, -1 - v)) return;
      continue;
    }
    // Integers hash by themselves (the table is cleared after each use, so no other loop's hash
    // needs to agree with this one).
    let h = Math.imul(v, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    let p = ((h ^ (h >>> 13)) >>> 0) & mask;
    while (used[p] !== 0 && table[p] !== v) p = (p + 1) & mask;
    if (used[p] !== 0) continue;
    used[p] = 1;
    table[p] = v;
    if (set.record(v, p)) return;
  }
}

function distinctBytes(values: Uint8Array, cap: number): Float64Array | null {
  // Byte storage: a 256-entry table, no hashing.
  const seen = new Uint8Array(256), found: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (seen[values[i]]) continue;
    seen[values[i]] = 1;
    found.push(values[i]);
    if (found.length >= cap) return null;
  }
  return Float64Array.from(found);
}

/** Distinct non-missing values, or null once there are `cap` of them (beyond it the exact number says nothing useful). */
export function distinctValues(values: NumericArray, cap: number): Float64Array | null {
  if (values instanceof Uint8Array) return distinctBytes(values, cap);
  const set = DistinctSet.take(cap);
  if (values instanceof Float64Array) distinctDoubles(values, set);
  else distinctInts(values, set);
  return set.finish();
}

export function countDistinct(values: NumericArray, cap: number): number {
  return distinctValues(values, cap)?.length ?? cap;
}

// Two loops, one per storage kind, so each reads a single array type (one loop over all three
// kinds was measured 5× slower on a million rows: its element loads could not be specialised).
function doubleStats(values: Float64Array) {
  let missing = 0, min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      missing++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { missing, min, max, sum };
}

/** Narrow storage holds no missing values (a missing cell widens a column to doubles). */
function intStats(values: Int32Array) {
  let min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { missing: 0, min, max, sum };
}

function byteStats(values: Uint8Array) {
  let min = Infinity, max = -Infinity, sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { missing: 0, min, max, sum };
}

export function numericStats(values: NumericArray, cap: number): NumericStats {
  const s = values instanceof Float64Array ? doubleStats(values) : values instanceof Int32Array ? intStats(values) : byteStats(values);
  return { ...s, distinct: distinctValues(values, cap) };
}

export function mergeStats(a: NumericStats, b: NumericStats, cap: number): NumericStats {
  let distinct: Float64Array | null = null;
  if (a.distinct && b.distinct) {
    // Both lists through the typed set, in order (a Set<number> boxed every value: the import
    // merges the statistics of every segment).
    const both = new Float64Array(a.distinct.length + b.distinct.length);
    both.set(a.distinct);
    both.set(b.distinct, a.distinct.length);
    distinct = distinctValues(both, cap);
  }
  return { missing: a.missing + b.missing, min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), sum: a.sum + b.sum, distinct };
}

const known = new WeakMap<NumericArray, NumericStats>();

/** Records the statistics of a values array measured elsewhere (the import's helpers). */
export function rememberStats(values: NumericArray, stats: NumericStats): void {
  known.set(values, stats);
}

/**
 * Values equal to 1 in a column: the sum of a column known to hold only 0 and 1 (the import
 * measured it), else counted in a loop of the column's own storage type.
 */
export function countOnes(values: NumericArray): number {
  const stats = known.get(values);
  if (stats?.distinct && stats.distinct.every((v) => v === 0 || v === 1)) return stats.sum;
  let count = 0;
  // One loop per storage type (see numericStats).
  if (values instanceof Uint8Array) for (let i = 0; i < values.length; i++) count += values[i] === 1 ? 1 : 0;
  else if (values instanceof Int32Array) for (let i = 0; i < values.length; i++) count += values[i] === 1 ? 1 : 0;
  else for (let i = 0; i < values.length; i++) count += values[i] === 1 ? 1 : 0;
  return count;
}

/** Sets out[i] = 1 where values[i] is 1 (one loop per storage type, see numericStats). */
export function markOnes(values: NumericArray, out: Uint8Array): void {
  if (values instanceof Uint8Array) for (let i = 0; i < values.length; i++) out[i] |= values[i] === 1 ? 1 : 0;
  else if (values instanceof Int32Array) for (let i = 0; i < values.length; i++) out[i] |= values[i] === 1 ? 1 : 0;
  else for (let i = 0; i < values.length; i++) out[i] |= values[i] === 1 ? 1 : 0;
}

/** The statistics of `values`: remembered, or measured now. */
export function statsOf(values: NumericArray, cap: number): NumericStats {
  return known.get(values) ?? numericStats(values, cap);
}
