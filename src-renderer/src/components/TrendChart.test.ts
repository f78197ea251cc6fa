import { describe, expect, it } from 'vitest';
import { toPlotData, trendSummary, yRangeFor, type TrendSeries } from './TrendChart';

const T0 = 1_700_000_000_000;

function series(label: string, n: number, stepMs: number, f: (i: number) => number, offsetMs = 0): TrendSeries {
  return {
    label,
    color: 'var(--accent)',
    x: Float64Array.from({ length: n }, (_, i) => T0 + offsetMs + i * stepMs),
    y: Float64Array.from({ length: n }, (_, i) => f(i)),
  };
}

describe('toPlotData', () => {
  it('gives uPlot no more x values than pixels, one column per series', () => {
    const day = series('temp', 86_400, 1000, (i) => Math.sin(i / 3000));
    const data = toPlotData([day], 640);
    expect(data).toHaveLength(2);
    expect(data[0].length).toBeLessThanOrEqual(640);
    expect(data[0][0]).toBe(T0);
    expect(data[0][data[0].length - 1]).toBe(T0 + 86_399_000);
  });

  it('merges series with different x onto one sorted axis within the budget', () => {
    const a = series('a', 10_000, 1000, (i) => i % 7);
    const b = series('b', 7_000, 1500, (i) => i % 5, 500);
    const data = toPlotData([a, b], 600);
    const xs = Array.from(data[0]);
    expect(xs.length).toBeLessThanOrEqual(600);
    expect(xs).toEqual([...xs].sort((p, q) => p - q));
    expect(new Set(xs).size).toBe(xs.length);
    // Each column holds values only at its own series' x; the others are undefined (spanned).
    const colA = Array.from(data[1]);
    expect(colA.filter((v) => v !== undefined).length).toBeLessThanOrEqual(300);
    expect(colA.some((v) => v === undefined)).toBe(true);
  });

  it('shares x values when the series do', () => {
    const a = series('a', 100, 1000, (i) => i);
    const b = series('b', 100, 1000, (i) => -i);
    const data = toPlotData([a, b], 1000);
    expect(data[0].length).toBe(100);
    expect(data[2][99]).toBe(-99);
  });

  it('turns NaN gaps into null, which uPlot draws as a break', () => {
    const s = series('a', 5, 1000, (i) => (i === 2 ? NaN : i));
    const data = toPlotData([s], 100);
    expect(Array.from(data[1])).toEqual([0, 1, null, 3, 4]);
  });

  it('handles no series and empty series', () => {
    expect(toPlotData([], 500)).toEqual([new Float64Array(0)]);
    const data = toPlotData([series('a', 0, 1000, () => 0)], 500);
    expect(data[0].length).toBe(0);
  });
});

describe('yRangeFor', () => {
  it('uses a fixed range as given', () => {
    expect(yRangeFor(10, 20, 95, [0, 100])).toEqual([0, 100]);
  });

  it('pads the data range and stretches it to include the threshold', () => {
    const [lo, hi] = yRangeFor(40, 60, null, null);
    expect(lo).toBeLessThan(40);
    expect(hi).toBeGreaterThan(60);
    const [, withLimit] = yRangeFor(40, 60, 90, null);
    expect(withLimit).toBeGreaterThanOrEqual(90);
  });

  it('falls back when there is no data', () => {
    expect(yRangeFor(null, null, null, null)).toEqual([0, 1]);
    const [lo, hi] = yRangeFor(null, null, 80, null);
    expect(lo).toBeLessThanOrEqual(80);
    expect(hi).toBeGreaterThanOrEqual(80);
    expect(yRangeFor(1, 2, null, [5, 5])[0]).toBeLessThan(1);
  });
});

describe('trendSummary', () => {
  it('reads the latest finite value of each series and the threshold', () => {
    const a = series('Motor A', 3, 1000, (i) => [70, 71.25, NaN][i]);
    const b = series('Motor B', 0, 1000, () => 0);
    expect(trendSummary('Bearing temperature', '°C', [a, b], { value: 80, label: 'Alarm', color: 'var(--bad)' })).toBe(
      'Bearing temperature: latest Motor A 71.25 °C, Motor B no data; Alarm at 80 °C',
    );
    expect(trendSummary('Vibration', '', [])).toBe('Vibration: no data');
  });
});
