import { describe, expect, it } from 'vitest';
import { horizonLabels, rollingFeatures } from './timeseries';

const H = 3_600_000;

describe('time-series labels and features', () => {
  it('labels readings within the horizon before a failure of the same asset only', () => {
    // Asset 0: readings every hour, failure at hour 5. Asset 1: no failure.
    const asset = [0, 0, 0, 0, 0, 0, 1, 1, 1];
    const time = [0, 1, 2, 3, 4, 5, 3, 4, 5].map((h) => h * H);
    const failure = [0, 0, 0, 0, 0, 1, 0, 0, 0];
    expect(Array.from(horizonLabels(asset, time, failure, 2 * H))).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0]);
  });

  it('keeps each window inside its asset and matches a direct computation', () => {
    const asset = [0, 0, 0, 0, 1, 1, 1];
    const time = [0, 1, 2, 4, 0, 1, 2].map((h) => h * H);
    const v = [1, 3, 5, 11, 100, 100, 103];
    const r = rollingFeatures(asset, time, v, 3);
    expect(Array.from(r.mean)).toEqual([1, 2, 3, 19 / 3, 100, 100, 101]);
    expect(r.std[2]).toBeCloseTo(2, 12);
    expect(r.std[4]).toBe(0);
    expect(Array.from(r.delta)).toEqual([0, 2, 4, 8, 0, 0, 3]);
    // Reading 3 (hour 4) minus reading 1 (hour 1): 8 over 3 hours.
    expect(r.ratePerHour[3]).toBeCloseTo(8 / 3, 12);
    expect(r.ratePerHour[6]).toBeCloseTo(1.5, 12);
  });
});

describe('flags relative to training statistics', () => {
  it('flags readings above the training rows’ 99th percentile, with thresholds from those rows only', async () => {
    const { flagColumns, flagThresholds } = await import('./features');
    const train = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    const [t] = flagThresholds([train]);
    expect(t).toBe(991);
    const [flags] = flagColumns([Float64Array.of(5, 991, 992, 5000)], [t]);
    expect(Array.from(flags)).toEqual([0, 0, 1, 1]);
  });
});
