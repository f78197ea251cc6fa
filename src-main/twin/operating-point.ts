/**
 * What the optimiser searches for one asset: setpoints within bounds that minimise expected cost
 * per hour = failures per hour × downtime cost per failure + energy cost per hour. Each candidate
 * is scored by the asset's own model through a what-if of its latest readings (the live asset is
 * never touched).
 *  - Milling: spindle speed and torque, at no less than the required cutting power (the power the
 *    job needs; by default the current one). One reading is one process, so failures per hour =
 *    P(failure per process) × processes per hour.
 *  - Motor: the load limit, by default no lower than 80 % of the load it carries now (its output). Its readings follow the motor's physics at that load (torque and power
 *    ∝ load, winding temperature from the thermal model with its cooling state, slip), and
 *    P(failure within the horizon) is spread over the horizon's hours.
 */
import { MILLING_LIMITS, WEAR_PER_PROCESS, mechanicalPowerW, type ProductQuality } from './sim/milling';
import { AMBIENT_C, MOTOR_RATING, steadyWindingC } from './sim/motor';
import type { ModelRow, SimAsset } from './asset-sim';
import { REPAIR_HOURS, type AssetConfig } from './assets';
import { assess, overridden, type LiveModel } from './scoring';
import { optimise, type Evaluation, type Variable } from './optimiser';


export interface OperatingPoint {
  setpoint: Record<string, number>;
  risk: number;
  energyCostPerHour: number;
  expectedCostPerHour: number;
}

export interface OperatingSearch {
  variables: Variable[];
  /** The what-if overrides of a setpoint, and whether it meets the constraint. */
  overridesOf(x: number[]): { overrides: Record<string, number>; feasible: boolean; powerW: number; failuresPerHourPerP: number };
}

export function operatingSearch(config: AssetConfig, sim: SimAsset, values: Record<string, number>, opts: { bounds?: Record<string, { min: number; max: number }>; requiredPowerW?: number; horizonHours: number }): OperatingSearch {
  const b = (name: string, min: number, max: number) => ({ min: Math.max(min, opts.bounds?.[name]?.min ?? min), max: Math.min(max, opts.bounds?.[name]?.max ?? max) });
  if (sim.sim.kind === 'milling') {
    const required = opts.requiredPowerW ?? mechanicalPowerW(values.speedRpm, values.torqueNm);
    const quality = (sim.sim.setpoint.quality ?? 'M') as ProductQuality;
    const perHour = 60 / WEAR_PER_PROCESS[quality];
    return {
      variables: [{ name: 'speedRpm', ...b('speedRpm', 1200, 2800), step: 10 }, { name: 'torqueNm', ...b('torqueNm', 5, 75), step: 0.5 }],
      overridesOf: ([speed, torque]) => {
        const powerW = mechanicalPowerW(speed, torque);
        return { overrides: { speedRpm: speed, torqueNm: torque }, feasible: powerW >= required && powerW <= MILLING_LIMITS.powerMaxW * 1.2, powerW, failuresPerHourPerP: perHour };
      },
    };
  }
  const s = sim.sim.state;
  return {
    // A pump's load is its output: by default it keeps at least 80 % of what it delivers now.
    variables: [{ name: 'loadLimit', ...b('loadLimit', Math.max(0.4, Math.round(80 * (Number.isFinite(values.load) ? values.load : 1)) / 100), 1.2), step: 0.01 }],
    overridesOf: ([load]) => {
      const speedRpm = MOTOR_RATING.syncRpm - (MOTOR_RATING.syncRpm - MOTOR_RATING.speedRpm) * load;
      const mechW = load * MOTOR_RATING.powerW;
      const powerW = mechW / MOTOR_RATING.efficiency;
      return {
        overrides: { speedRpm, torqueNm: mechW / ((speedRpm * 2 * Math.PI) / 60), powerW, temperatureC: steadyWindingC(AMBIENT_C, load, s.cooling) },
        feasible: true, powerW, failuresPerHourPerP: 1 / opts.horizonHours,
      };
    },
  };
}

/** Cost of one candidate, scored through the model. */
export function evaluatePoint(config: AssetConfig, live: LiveModel, rows: readonly ModelRow[], values: Record<string, number>, search: OperatingSearch, x: number[]): Evaluation {
  const o = search.overridesOf(x);
  const w = overridden(config.kind, rows, values, o.overrides);
  const risk = assess(config, live, w.rows, w.values, 'NORMAL').probability ?? 0;
  const energyCost = (o.powerW / 1000) * config.energyPricePerKWh;
  const failureCost = risk * o.failuresPerHourPerP * config.downtimeCostPerHour * REPAIR_HOURS[config.kind];
  return { x, risk, energyCost, wearCost: 0, cost: failureCost + energyCost, feasible: o.feasible };
}

export function findOperatingPoint(config: AssetConfig, live: LiveModel, rows: readonly ModelRow[], values: Record<string, number>, sim: SimAsset, opts: { bounds?: Record<string, { min: number; max: number }>; requiredPowerW?: number; horizonHours: number }) {
  const search = operatingSearch(config, sim, values, opts);
  const evaluate = (x: number[]) => evaluatePoint(config, live, rows, values, search, x);
  const point = (e: Evaluation): OperatingPoint => ({ setpoint: Object.fromEntries(search.variables.map((v, k) => [v.name, e.x[k]])), risk: e.risk, energyCostPerHour: e.energyCost, expectedCostPerHour: e.cost });
  // Where the asset runs now: its measured speed and torque, or the load it actually carries.
  const currentX = sim.sim.kind === 'milling' ? [values.speedRpm, values.torqueNm] : [Number.isFinite(values.load) ? values.load : sim.sim.state.loadLimit];
  const now = evaluate(currentX);
  // 400 scorings in all: the current point and 399 for the search.
  const result = optimise(search.variables, evaluate, { budget: 399, seed: 1 });
  // The search works on the step lattice; the current point may lie between its points and be
  // cheaper still — then staying is the advice.
  const best = now.feasible && (!result.best || now.cost <= result.best.cost) ? now : result.best;
  if (!best) throw new Error('no setpoint within these bounds meets the required power: widen the bounds or lower the power');
  return { current: point(now), best: point(best), frontier: result.frontier.map(point), evaluations: result.evaluations + 1, variables: search.variables.map(({ name, min, max }) => ({ name, min, max })) };
}
