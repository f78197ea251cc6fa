import { describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import { countDistinct, distinctValues, mergeStats, numericStats } from './column-stats';

/** The reference: a Set over the non-missing values, −0 counted as 0. */
function expected(values: ArrayLike<number>): number[] {
  const set = new Set<number>();
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) set.add(values[i] === 0 ? 0 : values[i]);
  return [...set].sort((a, b) => a - b);
}

const sorted = (a: Float64Array | null) => (a ? [...a].sort((x, y) => x - y) : null);

describe('column statistics', () => {
  it('finds the distinct values of every storage kind, whatever their size or sign', () => {
    const r = createRng(5);
    const doubles = Float64Array.from({ length: 20_000 }, () => [r.int(300) / 10 - 5, r.int(70_000), -r.int(90_000), NaN, -0, 0][r.int(6)]);
    const ints = Int32Array.from({ length: 20_000 }, () => (r.int(2) ? r.int(1 << 20) - (1 << 19) : r.int(50)));
    const bytes = Uint8Array.from({ length: 5000 }, () => r.int(200));
    for (const values of [doubles, ints, bytes]) expect(sorted(distinctValues(values, 100_000))).toEqual(expected(values));
    // The shared table is cleared between uses: a second count starts empty.
    expect(sorted(distinctValues(Float64Array.of(1.5, 2.5, 1.5), 10))).toEqual([1.5, 2.5]);
  });

  it('stops at the cap and says so with null', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => i / 3);
    expect(distinctValues(values, 1000)).toBeNull();
    expect(countDistinct(values, 1000)).toBe(1000);
    expect(countDistinct(Int32Array.from({ length: 5000 }, (_, i) => i * 100_000), 4999)).toBe(4999);
    expect(countDistinct(Int32Array.from({ length: 5000 }, (_, i) => i * 100_000), 5001)).toBe(5000);
  });

  it('merges statistics of pieces into those of the whole', () => {
    const a = Float64Array.of(1, 2.5, NaN, -3), b = Float64Array.of(2.5, 7, 100_000.25);
    const whole = numericStats(Float64Array.of(...a, ...b), 100);
    const merged = mergeStats(numericStats(a, 100), numericStats(b, 100), 100);
    expect({ ...merged, distinct: sorted(merged.distinct) }).toEqual({ ...whole, distinct: sorted(whole.distinct) });
    expect(whole).toMatchObject({ missing: 1, min: -3, max: 100_000.25, sum: 1 + 2.5 - 3 + 2.5 + 7 + 100_000.25 });
  });
});
