import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newSimAsset, stepAsset } from './asset-sim';
import { DEFAULT_COSTS, type AssetConfig } from './assets';
import { evaluatePoint, findOperatingPoint, operatingSearch } from './operating-point';
import { gridSearch } from './optimiser';
import { liveModel } from './scoring';
import { millingModel } from './test-models';

describe('the operating-point search', () => {
  const live = liveModel('run-1', millingModel(new Uint8Array(readFileSync(join(__dirname, '../../datasets/milling-ai4i.csv')))), null);
  const config: AssetConfig = { id: 'MILL-01', name: 'Mill', kind: 'milling', modelRunId: 'run-1', limits: {}, ...DEFAULT_COSTS.milling };

  it('finds setpoints within 2 % of an exhaustive grid search over the same model and costs', () => {
    for (const seed of [1, 2, 3]) {
      // A worn tool (strain near the overstrain limit) at the current job's power.
      let sim = newSimAsset('milling', seed);
      sim = { ...sim, sim: { ...sim.sim, state: { ...(sim.sim.state as object), toolWear: 160 + 20 * seed } } as typeof sim.sim };
      const step = stepAsset(sim, 'MILL-01', 0);
      const opts = { horizonHours: 1, requiredPowerW: 5000 };
      const found = findOperatingPoint(config, live, [step.row], step.values, step.asset, opts);
      const search = operatingSearch(config, step.asset, step.values, opts);
      const grid = gridSearch(search.variables, (x) => evaluatePoint(config, live, [step.row], step.values, search, x), 121);
      expect(grid.best).not.toBeNull();
      expect(found.best.expectedCostPerHour).toBeLessThanOrEqual(grid.best!.cost * 1.02);
      expect(found.evaluations).toBeLessThanOrEqual(400);
      // The best point keeps the required power, and costs no more than running as it is.
      const { speedRpm, torqueNm } = found.best.setpoint;
      expect((torqueNm * speedRpm * 2 * Math.PI) / 60).toBeGreaterThanOrEqual(5000);
      expect(found.best.expectedCostPerHour).toBeLessThanOrEqual(found.current.expectedCostPerHour + 1e-9);
      // The trade-off curve: energy up, risk down.
      for (let k = 1; k < found.frontier.length; k++) {
        expect(found.frontier[k].energyCostPerHour).toBeGreaterThanOrEqual(found.frontier[k - 1].energyCostPerHour);
        expect(found.frontier[k].risk).toBeLessThan(found.frontier[k - 1].risk);
      }
    }
  });

  it('says when no setpoint within the bounds meets the required power', () => {
    const step = stepAsset(newSimAsset('milling', 9), 'MILL-01', 0);
    expect(() => findOperatingPoint(config, live, [step.row], step.values, step.asset, { horizonHours: 1, requiredPowerW: 9000, bounds: { speedRpm: { min: 1200, max: 1300 }, torqueNm: { min: 5, max: 10 } } }))
      .toThrow('no setpoint within these bounds meets the required power');
  });
});
