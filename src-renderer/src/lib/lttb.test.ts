import { describe, expect, it } from 'vitest';
import { lttb } from './lttb';

/** A seeded generator, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function noisySine(n: number, seed = 1): { x: Float64Array; y: Float64Array } {
  const rnd = random(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = 1_700_000_000_000 + i * 1000;
    y[i] = 50 + 10 * Math.sin(i / 2000) + rnd();
  }
  return { x, y };
}

function isNonDecreasing(a: Float64Array): boolean {
  for (let i = 1; i < a.length; i++) if (!(a[i] >= a[i - 1])) return false;
  return true;
}

describe('lttb', () => {
  it('returns at most threshold points and keeps both ends', () => {
    const { x, y } = noisySine(100_000);
    for (const threshold of [2, 3, 10, 500, 1999]) {
      const out = lttb(x, y, threshold);
      expect(out.x.length).toBeLessThanOrEqual(threshold);
      expect(out.x.length).toBe(out.y.length);
      expect(out.x[0]).toBe(x[0]);
      expect(out.y[0]).toBe(y[0]);
      expect(out.x[out.x.length - 1]).toBe(x[x.length - 1]);
      expect(out.y[out.y.length - 1]).toBe(y[y.length - 1]);
    }
    expect(lttb(x, y, 500).x.length).toBe(500);
  });

  it('keeps a single spike in 100k points when reducing to 500', () => {
    const { x, y } = noisySine(100_000, 7);
    y[61_234] = 400;
    const out = lttb(x, y, 500);
    expect(Math.max(...out.y)).toBe(400);
    expect(out.x).toContain(x[61_234]);
  });

  it('keeps x in order and only picks input points', () => {
    const { x, y } = noisySine(50_000, 3);
    const out = lttb(x, y, 700);
    expect(isNonDecreasing(out.x)).toBe(true);
    const index = new Map(Array.from(x, (v, i) => [v, i]));
    for (let i = 0; i < out.x.length; i++) expect(y[index.get(out.x[i])!]).toBe(out.y[i]);
  });

  it('passes small inputs through unchanged, as copies', () => {
    const x = [1, 2, 3, 4];
    const y = [5, NaN, 7, 8];
    const out = lttb(x, y, 4);
    expect(Array.from(out.x)).toEqual(x);
    expect(Array.from(out.y)).toEqual(y);
    const typed = new Float64Array([1, 2]);
    expect(lttb(typed, typed, 10).x).not.toBe(typed);
    expect(lttb([], [], 10).x.length).toBe(0);
  });

  it('reads x and y up to the shorter length and treats thresholds below 2 as 2', () => {
    expect(lttb([1, 2, 3], [1, 2], 5).x.length).toBe(2);
    const out = lttb([1, 2, 3, 4], [1, 5, 2, 3], 0);
    expect(Array.from(out.x)).toEqual([1, 4]);
  });

  it('keeps a NaN gap as one NaN marker between downsampled runs', () => {
    const { x, y } = noisySine(20_000, 5);
    for (let i = 8000; i < 9000; i++) y[i] = NaN;
    const out = lttb(x, y, 300);
    expect(out.x.length).toBeLessThanOrEqual(300);
    const gaps = Array.from(out.y).flatMap((v, i) => (Number.isNaN(v) ? [i] : []));
    expect(gaps).toHaveLength(1);
    const g = gaps[0];
    expect(out.x[g]).toBe(x[8000]);
    expect(out.x[g - 1]).toBe(x[7999]);
    expect(out.x[g + 1]).toBe(x[9000]);
    expect(isNonDecreasing(out.x)).toBe(true);
  });

  it('marks leading and trailing gaps at the first and last x', () => {
    const { x, y } = noisySine(10_000, 9);
    y.fill(NaN, 0, 100);
    y.fill(NaN, 9_900);
    const out = lttb(x, y, 100);
    expect(out.x[0]).toBe(x[0]);
    expect(out.y[0]).toBeNaN();
    expect(out.x[1]).toBe(x[100]);
    expect(out.x[out.x.length - 1]).toBe(x[9_999]);
    expect(out.y[out.y.length - 1]).toBeNaN();
  });

  it('bridges the narrowest gaps first when there are too many to mark', () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50));
    for (let i = 10; i < n; i += 20) y[i] = NaN; // ~500 one-point gaps
    for (let i = 5000; i < 5200; i++) y[i] = NaN; // one wide gap
    const out = lttb(x, y, 60);
    expect(out.x.length).toBeLessThanOrEqual(60);
    expect(isNonDecreasing(out.x)).toBe(true);
    const gapXs = Array.from(out.y).flatMap((v, i) => (Number.isNaN(v) ? [out.x[i]] : []));
    expect(gapXs).toContain(5000);
  });

  it('returns the two end markers for data with no finite point', () => {
    const out = lttb([1, 2, 3, 4, 5], [NaN, NaN, NaN, NaN, NaN], 3);
    expect(Array.from(out.x)).toEqual([1, 5]);
    expect(out.y.every(Number.isNaN)).toBe(true);
  });
});
