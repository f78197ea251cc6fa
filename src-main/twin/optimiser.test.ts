import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../common/random';
import { gridSearch, optimise, paretoFrontier, type Evaluate, type Evaluation, type Variable } from './optimiser';

// Synthetic assets: P(failure) from a random forest "fitted" to a smooth hazard (each leaf holds the
// hazard at a random point of its box plus noise, as a leaf averages the samples that reach it),
// so the risk is piecewise constant with plateaus and jumps like a real ensemble's; energy and wear
// are smooth and pull towards other setpoints, so the optimum sits on a plateau's edge.
type Tree = number | { axis: number; threshold: number; left: Tree; right: Tree };

function predict(tree: Tree, x: number[]): number {
  let t = tree;
  while (typeof t !== 'number') t = x[t.axis] <= t.threshold ? t.left : t.right;
  return t;
}

function growTree(rng: Rng, depth: number, lo: number[], hi: number[], hazard: (x: number[]) => number): Tree {
  if (depth === 0) {
    const at = lo.map((l, i) => l + rng.next() * (hi[i] - l));
    return Math.min(1, Math.max(0, hazard(at) + 0.03 * rng.normal()));
  }
  const axis = rng.int(lo.length);
  const threshold = lo[axis] + rng.next() * (hi[axis] - lo[axis]);
  const leftHi = hi.slice(), rightLo = lo.slice();
  leftHi[axis] = threshold;
  rightLo[axis] = threshold;
  return { axis, threshold, left: growTree(rng, depth - 1, lo, leftHi, hazard), right: growTree(rng, depth - 1, rightLo, hi, hazard) };
}

const DOWNTIME_COST = 1000;

/** Expected cost of a synthetic asset over `variables`: 40 trees of depth 4, smooth energy and wear. */
function forestAsset(seed: number, variables: Variable[], nTrees = 40, depth = 4): Evaluate {
  const rng = createRng(seed);
  const unit = (x: number[]): number[] => x.map((v, i) => (v - variables[i].min) / (variables[i].max - variables[i].min));
  // Risk has a sweet spot on the first variable and rises or falls along the others.
  const sweet = rng.next(), slopes = variables.map(() => 6 * rng.next() - 3);
  const hazard = (x: number[]): number => {
    const u = unit(x);
    const z = -2 + 8 * (u[0] - sweet) ** 2 + u.slice(1).reduce((s, v, i) => s + slopes[i + 1] * (v - 0.5), 0);
    return 1 / (1 + Math.exp(-z));
  };
  const lo = variables.map((v) => v.min), hi = variables.map((v) => v.max);
  const forest = Array.from({ length: nTrees }, () => growTree(rng, depth, lo, hi, hazard));
  const efficient = variables.map(() => rng.next());
  return (x) => {
    const u = unit(x);
    const risk = forest.reduce<number>((s, t) => s + predict(t, x), 0) / nTrees;
    const energyCost = 300 * u.reduce((s, v, i) => s + (v - efficient[i]) ** 2, 0);
    const wearCost = 50 * u[0] * u[0];
    return { x, risk, energyCost, wearCost, cost: risk * DOWNTIME_COST + energyCost + wearCost, feasible: true };
  };
}

/** 200 × 200 lattice: speed in rpm, torque in Nm with a 0.1 step (not exact in binary). */
const SPEED: Variable = { name: 'speed', min: 1000, max: 2990, step: 10 };
const TORQUE: Variable = { name: 'torque', min: 5, max: 24.9, step: 0.1 };
const PLANE = [SPEED, TORQUE];

function recording(evaluate: Evaluate): { evaluate: Evaluate; calls: Evaluation[] } {
  const calls: Evaluation[] = [];
  return {
    calls,
    evaluate: (x) => {
      const e = evaluate(x);
      calls.push(e);
      return e;
    },
  };
}

function onLattice(v: Variable, value: number): boolean {
  const k = (value - v.min) / v.step;
  return value >= v.min && value <= v.max && Math.abs(k - Math.round(k)) < 1e-9;
}

describe('optimise', () => {
  // The 2 % bounds are empirical, not guaranteed: a cell one lattice step wide can hold the optimum
  // and no 400-point search reliably finds it. On seeds 1–200 of this family the worst ratio was
  // 1.024 in 2-D (one surface above 2 %) and 1.016 in 1-D; seeds 1–10 here are not hand-picked.
  it('gets within 2 % of the exhaustive lattice optimum on 10 forest surfaces with 400 evaluations', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const asset = forestAsset(seed, PLANE);
      const exact = gridSearch(PLANE, asset, 200);
      expect(exact.evaluations).toBe(40_000);
      const run = optimise(PLANE, asset, { seed });
      expect(run.evaluations).toBeLessThanOrEqual(400);
      expect(run.best!.cost / exact.best!.cost, `surface ${seed}`).toBeLessThanOrEqual(1.02);
      expect(run.best!.cost).toBeGreaterThanOrEqual(exact.best!.cost);
    }
  });

  it('gets within 2 % on one variable with 100 evaluations of a 2000-point lattice', () => {
    const axis: Variable = { name: 'torque', min: 0, max: 199.9, step: 0.1 };
    for (let seed = 1; seed <= 10; seed++) {
      const asset = forestAsset(seed, [axis]);
      const exact = gridSearch([axis], asset, 2000);
      expect(exact.evaluations).toBe(2000);
      const run = optimise([axis], asset, { seed, budget: 100 });
      expect(run.evaluations).toBeLessThanOrEqual(100);
      expect(run.best!.cost / exact.best!.cost, `surface ${seed}`).toBeLessThanOrEqual(1.02);
    }
  });

  it('evaluates only distinct points inside the bounds and on the step lattice', () => {
    const odd: Variable[] = [{ name: 'speed', min: 1003, max: 2999, step: 7 }, TORQUE, { name: 'feed', min: -1, max: 1, step: 0.05 }];
    const rec = recording(forestAsset(3, odd));
    const run = optimise(odd, rec.evaluate, { seed: 3, budget: 300 });
    expect(run.evaluations).toBe(300);
    expect(rec.calls).toHaveLength(300);
    for (const { x } of rec.calls) {
      expect(x).toHaveLength(3);
      x.forEach((v, i) => expect(onLattice(odd[i], v), `${odd[i].name}=${v}`).toBe(true));
    }
    // The cache means no point is evaluated twice.
    expect(new Set(rec.calls.map((c) => c.x.join(','))).size).toBe(300);
    // 2999 is off the 7-rpm lattice from 1003: the top lattice value is 2998.
    expect(Math.max(...rec.calls.map((c) => c.x[0]))).toBeLessThanOrEqual(2998);
  });

  it('never returns an infeasible point and finds the constrained optimum', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const asset = forestAsset(seed, PLANE);
      // Make the unconstrained optimum infeasible: forbid speed + 100·torque above 95 % of its value.
      const free = gridSearch(PLANE, asset, 200).best!;
      const limit = 0.95 * (free.x[0] + 100 * free.x[1]);
      const constrained: Evaluate = (x) => ({ ...asset(x), feasible: x[0] + 100 * x[1] <= limit });
      const exact = gridSearch(PLANE, constrained, 200).best!;
      const rec = recording(constrained);
      const run = optimise(PLANE, rec.evaluate, { seed });
      expect(rec.calls.some((c) => !c.feasible)).toBe(true);
      expect(run.best!.feasible).toBe(true);
      expect(run.best!.x[0] + 100 * run.best!.x[1]).toBeLessThanOrEqual(limit);
      expect(run.best!.cost / exact.cost, `surface ${seed}`).toBeLessThanOrEqual(1.02);
      expect(run.frontier.every((p) => p.feasible)).toBe(true);
    }
  });

  it('returns no best when nothing is feasible, and treats a NaN cost as infeasible', () => {
    const asset = forestAsset(1, PLANE);
    expect(optimise(PLANE, (x) => ({ ...asset(x), feasible: false }), { budget: 50 })).toEqual({ best: null, evaluations: 50, frontier: [] });
    const nan = optimise(PLANE, (x) => ({ ...asset(x), cost: x[0] < 2000 ? NaN : asset(x).cost }), { budget: 200 });
    expect(nan.best!.x[0]).toBeGreaterThanOrEqual(2000);
  });

  it('returns the risk-vs-energy Pareto front of the feasible points evaluated', () => {
    const asset = forestAsset(4, PLANE);
    const rec = recording((x) => ({ ...asset(x), feasible: x[1] < 20 }));
    const { frontier } = optimise(PLANE, rec.evaluate, { seed: 4 });
    const feasible = rec.calls.filter((c) => c.feasible);
    expect(frontier.length).toBeGreaterThan(3);
    for (let i = 1; i < frontier.length; i++) {
      expect(frontier[i].energyCost).toBeGreaterThan(frontier[i - 1].energyCost);
      expect(frontier[i].risk).toBeLessThan(frontier[i - 1].risk);
    }
    for (const p of feasible) {
      expect(frontier.some((f) => f.energyCost <= p.energyCost && f.risk <= p.risk)).toBe(true);
    }
    for (const f of frontier) {
      expect(feasible.some((p) => p.x.join() === f.x.join())).toBe(true);
      const beaten = feasible.some((p) => p.energyCost <= f.energyCost && p.risk <= f.risk && (p.energyCost < f.energyCost || p.risk < f.risk));
      expect(beaten).toBe(false);
    }
  });

  it('paretoFrontier keeps the lower-risk point of an energy tie and drops infeasible points', () => {
    const at = (energyCost: number, risk: number, feasible = true): Evaluation => ({ x: [energyCost], risk, energyCost, wearCost: 0, cost: 0, feasible });
    const front = paretoFrontier([at(3, 0.1), at(1, 0.5), at(1, 0.4), at(2, 0.45), at(2.5, 0.4), at(0, 0, false)]);
    expect(front.map((p) => [p.energyCost, p.risk])).toEqual([[1, 0.4], [3, 0.1]]);
  });

  it('replays exactly from a seed and differs between seeds', () => {
    const asset = forestAsset(6, PLANE);
    const a = recording(asset), b = recording(asset), c = recording(asset);
    const ra = optimise(PLANE, a.evaluate, { seed: 11 });
    const rb = optimise(PLANE, b.evaluate, { seed: 11 });
    optimise(PLANE, c.evaluate, { seed: 12 });
    expect(a.calls.map((e) => e.x)).toEqual(b.calls.map((e) => e.x));
    expect(rb).toEqual(ra);
    expect(c.calls.map((e) => e.x)).not.toEqual(a.calls.map((e) => e.x));
  });

  it('stops at the evaluation during which the signal was raised and returns the best so far', () => {
    const asset = forestAsset(2, PLANE);
    const signal = { aborted: false };
    const rec = recording((x) => {
      if (rec.calls.length === 49) signal.aborted = true;
      return asset(x);
    });
    const run = optimise(PLANE, rec.evaluate, { seed: 2, signal });
    expect(run.evaluations).toBe(50);
    expect(rec.calls).toHaveLength(50);
    expect(run.best!.cost).toBe(Math.min(...rec.calls.map((c) => c.cost)));
    expect(optimise(PLANE, asset, { signal: { aborted: true } })).toEqual({ best: null, evaluations: 0, frontier: [] });
  });

  it('respects a smaller budget and enumerates a lattice no larger than the budget', () => {
    const asset = forestAsset(8, PLANE);
    expect(optimise(PLANE, asset, { budget: 120 }).evaluations).toBe(120);
    const small: Variable[] = [{ name: 'speed', min: 1000, max: 1900, step: 100 }, { name: 'torque', min: 5, max: 6.9, step: 0.1 }];
    const smallAsset = forestAsset(8, small);
    const run = optimise(small, smallAsset, { budget: 200 });
    expect(run.evaluations).toBe(200);
    expect(run.best).toEqual(gridSearch(small, smallAsset, 20).best);
  });

  it('refuses empty or malformed variables', () => {
    const asset = forestAsset(1, PLANE);
    expect(() => optimise([], asset)).toThrow(RangeError);
    expect(() => optimise([{ ...SPEED, step: 0 }], asset)).toThrow(/step > 0/);
    expect(() => optimise([{ ...SPEED, max: 900 }], asset)).toThrow(/min ≤ max/);
    expect(() => gridSearch([{ ...SPEED, min: NaN }], asset, 5)).toThrow(RangeError);
  });
});

describe('gridSearch', () => {
  it('spreads points over the lattice including both ends, once each', () => {
    const rec = recording(forestAsset(1, PLANE));
    const { evaluations } = gridSearch(PLANE, rec.evaluate, 5);
    expect(evaluations).toBe(25);
    expect([...new Set(rec.calls.map((c) => c.x[0]))]).toEqual([1000, 1500, 2000, 2490, 2990]);
    expect([...new Set(rec.calls.map((c) => c.x[1]))]).toEqual([5, 10, 15, 19.9, 24.9]);
  });
});

// A tiny hand-written forest for a milling spindle: overload above 20 Nm, bearing wear above
// 2500 rpm, and overheating at low speed under high torque (poor cooling). Energy favours high
// torque at low speed; the cheapest safe setpoint is the corner just inside all three thresholds.
describe('optimise on a hand-written forest', () => {
  const forest: Tree[] = [
    { axis: 1, threshold: 20, left: 0.02, right: 0.6 },
    { axis: 0, threshold: 2500, left: { axis: 1, threshold: 12, left: 0.01, right: 0.05 }, right: 0.4 },
    { axis: 0, threshold: 1400, left: { axis: 1, threshold: 15, left: 0.05, right: 0.7 }, right: 0.03 },
  ];
  const asset: Evaluate = (x) => {
    const risk = forest.reduce<number>((s, t) => s + predict(t, x), 0) / forest.length;
    // Energy per part: faster cutting costs power, higher feed torque saves time.
    const energyCost = 0.02 * x[0] + 4 * (25 - x[1]);
    return { x, risk, energyCost, wearCost: 0, cost: risk * 2000 + energyCost, feasible: true };
  };

  it('finds the exact lattice optimum', () => {
    const exact = gridSearch(PLANE, asset, 200).best!;
    // Safe region with the cheapest energy: speed just above 1400 rpm, torque at 20 Nm.
    expect(exact.x).toEqual([1410, 20]);
    const run = optimise(PLANE, asset, { seed: 1 });
    expect(run.best!.x).toEqual(exact.x);
    expect(run.best!.cost).toBe(exact.cost);
  });
});
