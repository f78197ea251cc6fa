import { describe, expect, it } from 'vitest';
import { chooseThreshold } from './cost';

const table = {
  threshold: [0, 0.25, 0.5, 0.75, 1],
  tp: [10, 9, 8, 5, 0],
  fp: [90, 30, 5, 1, 0],
  tn: [0, 60, 85, 89, 90],
  fn: [0, 1, 2, 5, 10],
};

describe('cost-chosen threshold', () => {
  it('minimises missed-failure plus false-alarm cost', () => {
    expect(chooseThreshold(table, 1000, 30)).toMatchObject({ threshold: 0.25, cost: 1 * 1000 + 30 * 30 });
    expect(chooseThreshold(table, 1000, 10)).toMatchObject({ threshold: 0, cost: 90 * 10 });
    expect(chooseThreshold(table, 100, 100)).toMatchObject({ threshold: 0.75, cost: 5 * 100 + 1 * 100 });
    // Missing a failure costs nothing: never raise an alarm.
    expect(chooseThreshold(table, 0, 10).threshold).toBe(1);
  });
});
