import { describe, expect, it } from 'vitest';
import { frameStats, median, medianStats, quantile } from './ui-stats';

describe('bench:ui frame statistics', () => {
  it('takes quantiles by nearest rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(v, 0.5)).toBe(50);
    expect(quantile(v, 0.99)).toBe(99);
    expect(quantile(v, 1)).toBe(100);
    expect(quantile([], 0.5)).toBeNaN();
    expect(median([3, 1, 2])).toBe(2);
  });

  it('counts frames over 17 and 33 ms', () => {
    const s = frameStats([16.7, 16.6, 17.5, 34, 50, 16.7]);
    expect(s).toMatchObject({ frames: 6, over17: 3, over33: 2, max: 50 });
  });

  it('takes each figure as the median over runs', () => {
    const runs = [frameStats([16, 40]), frameStats([16, 16]), frameStats([16, 20])];
    expect(medianStats(runs)).toMatchObject({ over33: 0, over17: 1, max: 20 });
  });
});
