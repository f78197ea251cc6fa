import { describe, expect, it } from 'vitest';
import { niceTicks, tickInterval } from './chart';

describe('chart axes', () => {
  it('picks round ticks inside the range', () => {
    expect(niceTicks(3, 85.3, 6)).toEqual([20, 40, 60, 80]);
    expect(niceTicks(294.7, 304.6, 5)).toEqual([296, 298, 300, 302, 304]);
    expect(niceTicks(0.1, 0.7, 3)).toEqual([0.2, 0.4, 0.6]);
    expect(niceTicks(-11.7, 245.7, 5)).toEqual([0, 100, 200]);
    expect(niceTicks(1143, 1932, 5)).toEqual([1200, 1400, 1600, 1800]);
  });

  it('handles a flat or empty range', () => {
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(NaN, 1)).toEqual([]);
  });

  it('shows about the wanted number of category labels', () => {
    expect(tickInterval(40, 8)).toBe(4);
    expect(tickInterval(5, 8)).toBe(0);
  });
});
