import { describe, expect, it } from 'vitest';
import type { FleetEvent, TrainingResult } from '@shared/contract';
import { lastEvents, operatingRates, topImportance, trendPath, zoneOf } from './report-data';

describe('zoneOf', () => {
  const high = { warn: 7.1, alarm: 11 };
  const low = { warn: 20, alarm: 10, low: true };
  it('places a reading as the twin does, low sensors mirrored', () => {
    expect(zoneOf(high, 2)).toBe('normal');
    expect(zoneOf(high, 7.1)).toBe('warning');
    expect(zoneOf(high, 11)).toBe('alarm');
    expect(zoneOf(low, 30)).toBe('normal');
    expect(zoneOf(low, 20)).toBe('warning');
    expect(zoneOf(low, 5)).toBe('alarm');
    expect(zoneOf(high, undefined)).toBeNull();
    expect(zoneOf(high, NaN)).toBeNull();
  });
});

describe('trendPath', () => {
  it('maps the data into the box, y downwards', () => {
    const p = trendPath([0, 10], [0, 1], 100, 50, { range: [0, 1] });
    expect(p.d).toBe('M0.0 50.0L100.0 0.0');
    expect(p.points).toBe(2);
    expect(p.xRange).toEqual([0, 10]);
    expect(p.yOf(0.5)).toBe(25);
    expect(p.yOf(2)).toBeNull();
  });

  it('breaks the line at gaps, and draws a lone point as a short dash', () => {
    const p = trendPath([0, 1, 2, 3], [1, NaN, 2, 3], 100, 10, { range: [0, 4] });
    expect(p.d).toBe('M0.0 7.5h3M66.7 5.0L100.0 2.5');
    // A lone point at the right edge dashes inwards.
    expect(trendPath([0, 1, 2], [NaN, NaN, 1], 100, 10, { range: [0, 2] }).d).toBe('M100.0 5.0h-3');
    expect(p.points).toBe(3);
  });

  it('pads the data range and widens it to include a level', () => {
    const p = trendPath([0, 1], [10, 20], 10, 10, { include: [30] });
    expect(p.yRange[0]).toBeCloseTo(9);
    expect(p.yRange[1]).toBeCloseTo(31);
    expect(p.yOf(30)).not.toBeNull();
  });

  it('downsamples a long history to the width', () => {
    const n = 5000;
    const x = Float64Array.from({ length: n }, (_, i) => i);
    const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50));
    const p = trendPath(x, y, 200, 40);
    expect(p.points).toBeLessThanOrEqual(200);
    expect(p.points).toBeGreaterThan(100);
  });

  it('draws nothing for no data, with a usable range', () => {
    const p = trendPath([], [], 100, 40);
    expect(p.d).toBe('');
    expect(p.xRange).toBeNull();
    expect(p.yRange).toEqual([0, 1]);
  });

  it('centres a single point and gives a flat line a range', () => {
    const p = trendPath([5], [3], 100, 40);
    expect(p.d).toMatch(/^M50\.0 [\d.]+h3$/);
    expect(p.yRange[1]).toBeGreaterThan(p.yRange[0]);
  });
});

describe('lastEvents', () => {
  it('gives the newest first, later-logged first on equal times', () => {
    const ev = (atMs: number, detail: string): FleetEvent => ({ atMs, assetId: 'A', kind: 'maintenance', detail });
    expect(lastEvents([ev(1, 'a'), ev(3, 'b'), ev(3, 'c'), ev(2, 'd')], 3).map((e) => e.detail)).toEqual(['c', 'b', 'd']);
  });
});

describe('operatingRates', () => {
  it('gives shares, precision, recall, false-alarm rate and accuracy', () => {
    const r = operatingRates({ tp: 80, fp: 20, tn: 880, fn: 20 });
    expect(r.total).toBe(1000);
    expect(r.share).toEqual({ tp: 0.08, fp: 0.02, tn: 0.88, fn: 0.02 });
    expect(r.precision).toBe(0.8);
    expect(r.recall).toBe(0.8);
    expect(r.falseAlarmRate).toBeCloseTo(20 / 900);
    expect(r.accuracy).toBe(0.96);
  });

  it('has no rate without a denominator', () => {
    const r = operatingRates({ tp: 0, fp: 0, tn: 10, fn: 0 });
    expect(r.precision).toBeNaN();
    expect(r.recall).toBeNaN();
    expect(r.accuracy).toBe(1);
  });
});

describe('topImportance', () => {
  it('ranks by permutation importance, then impurity', () => {
    const imp: TrainingResult['importance'] = [
      { feature: 'a', impurity: 0.5, permutation: 0.01 },
      { feature: 'b', impurity: 0.1, permutation: 0.2 },
      { feature: 'c', impurity: 0.3, permutation: 0.01 },
    ];
    expect(topImportance(imp, 2).map((i) => i.feature)).toEqual(['b', 'a']);
    expect(imp[0].feature).toBe('a');
  });
});
