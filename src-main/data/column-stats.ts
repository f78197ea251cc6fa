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
 */
class DistinctSet {
  private static shared: DistinctSet | null = null;
  private readonly mask: number;
  private readonly table: Float64Array;
  private readonly used: Uint8Array;
  private readonly small = new Uint8Array(SMALL_INTS);
  /** Where each value found sits (−1 − k for small integer k), to clear it afterwards. */
  private readonly slots: Int32Array;
  private readonly view = new Float64Array(1);
  private readonly bits = new Int32Array(this.view.buffer);
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

  /** Adds a non-missing value; true once `cap` distinct values have been seen. */
  add(v: number): boolean {
    const k = v | 0;
    let at: number;
    if (k === v && k >= 0 && k < SMALL_INTS) {
      if (this.small[k] !== 0) return false;
      this.small[k] = 1;
      at = -1 - k;
    } else {
      this.view[0] = v === 0 ? 0 : v; // -0 and 0 are one value
      // murmur3's finaliser: decimals differ in their low mantissa bits, which need spreading.
      let h = this.bits[0] ^ Math.imul(this.bits[1], 0x9e3779b1);
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      const mask = this.mask, used = this.used, table = this.table;
      let p = ((h ^ (h >>> 16)) >>> 0) & mask;
      while (used[p] && table[p] !== v) p = (p + 1) & mask;
      if (used[p]) return false;
      used[p] = 1;
      table[p] = v;
      at = p;
    }
    if (this.count === this.found.length) {
      const grown = new Float64Array(Math.min(this.cap, this.found.length * 4));
      grown.set(this.found);
      this.found = grown;
    }
    this.slots[this.count] = at;
    this.found[this.count++] = k === v ? k : v;
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
  let last = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === last || v !== v) continue;
    last = v;
    if (set.add(v)) return;
  }
}

function distinctInts(values: Int32Array, set: DistinctSet): void {
  let last = NaN;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === last) continue;
    last = v;
    if (set.add(v)) return;
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
    const all = new Set<number>(a.distinct);
    for (let i = 0; i < b.distinct.length && all.size < cap; i++) all.add(b.distinct[i]);
    distinct = all.size < cap ? Float64Array.from(all) : null;
  }
  return { missing: a.missing + b.missing, min: Math.min(a.min, b.min), max: Math.max(a.max, b.max), sum: a.sum + b.sum, distinct };
}

const known = new WeakMap<NumericArray, NumericStats>();

/** Records the statistics of a values array measured elsewhere (the import's helpers). */
export function rememberStats(values: NumericArray, stats: NumericStats): void {
  known.set(values, stats);
}

/** The statistics of `values`: remembered, or measured now. */
export function statsOf(values: NumericArray, cap: number): NumericStats {
  return known.get(values) ?? numericStats(values, cap);
}
