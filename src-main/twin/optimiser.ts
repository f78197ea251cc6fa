/**
 * Setpoint optimiser for one asset: finds operating setpoints within user bounds that minimise the
 * caller's expected cost (P(failure) × downtime cost + energy cost + wear cost).
 *
 * P(failure) comes from tree ensembles, so the objective is piecewise constant along every axis:
 * flat plateaus separated by jumps at split thresholds. Gradients are zero or undefined, so the
 * search is derivative-free and works on the integer lattice of each variable's `step`:
 * 1. a Latin hypercube over about a third of the budget: every variable's range is cut into as many
 *    strata as there are samples, so each axis sees many of the ensemble's threshold intervals;
 * 2. compass search (poll ± a jittered step along each axis, move on strict improvement, halve the
 *    step when nothing improves, stop after a failed poll at one lattice step) from the best sample,
 *    restarting from the best point not yet near an earlier start until the budget runs out (more
 *    hypercubes when no such point is left). Coarse polls jump across plateaus; fine polls settle
 *    on the cheap side of a threshold.
 * Working on lattice indices makes snapping exact and lets a cache key identical points, so a
 * repeated poll costs nothing. Small lattices (no larger than the budget) are simply enumerated.
 */
import { createRng, type Rng } from '../common/random';

export interface Variable {
  name: string;
  min: number;
  max: number;
  /** Smallest meaningful change (1 rpm, 0.1 Nm); values are min + k·step, k ≥ 0, never above max. */
  step: number;
}

export interface Evaluation {
  x: number[];
  /** P(failure) over the horizon. */
  risk: number;
  energyCost: number;
  wearCost: number;
  /** Total expected cost, computed by the caller's evaluate (risk × downtime + energy + wear). */
  cost: number;
  /** False for points that break a constraint; a non-finite cost counts as infeasible too. */
  feasible: boolean;
}

export type Evaluate = (x: number[]) => Evaluation;

export interface OptimiseOptions {
  /** Maximum calls to evaluate (cache hits are free). Default 400. */
  budget?: number;
  /** Seeds the sampling and the poll jitter; the same seed replays the same calls. Default 1. */
  seed?: number;
  /** Checked before every evaluation; when set the best point so far is returned. */
  signal?: { readonly aborted: boolean };
}

export interface OptimiseResult {
  /** Cheapest feasible point evaluated, null when no feasible point was found. */
  best: Evaluation | null;
  /** Calls made to evaluate. */
  evaluations: number;
  /** Risk-vs-energy Pareto front of every feasible point evaluated, by increasing energyCost. */
  frontier: Evaluation[];
}

export const DEFAULT_BUDGET = 400;
/** Share of the budget spent on the space-filling start. */
const SAMPLE_SHARE = 1 / 3;

/** The step lattice of each variable: index k ↔ value min + k·step, k in [0, size). */
interface Lattice {
  variables: Variable[];
  sizes: number[];
  /** Powers of ten that round away float noise: 5 + 150 · 0.1 is 20.000000000000004, not 20. */
  scales: number[];
}

/** Decimal places of a number as written (0.1 → 1, 2.5e-7 → 8), at most 12. */
function decimals(n: number): number {
  const [mantissa, exponent = '0'] = String(n).split('e');
  return Math.min(12, Math.max(0, (mantissa.split('.')[1]?.length ?? 0) - Number(exponent)));
}

function lattice(variables: Variable[]): Lattice {
  if (variables.length === 0) throw new RangeError('optimise needs at least one variable');
  const sizes = variables.map((v) => {
    if (![v.min, v.max, v.step].every(Number.isFinite) || v.step <= 0 || v.max < v.min) {
      throw new RangeError(`variable ${v.name}: need finite min ≤ max and step > 0`);
    }
    // The epsilon keeps a max that is on the lattice up to float noise (0.3 / 0.1) inside it.
    return Math.floor((v.max - v.min) / v.step + 1e-9) + 1;
  });
  const scales = variables.map((v) => 10 ** Math.max(decimals(v.min), decimals(v.step)));
  return { variables, sizes, scales };
}

/** Value of lattice index k on axis i, never above max (a string round trip per call is too slow). */
function valueAt(lat: Lattice, i: number, k: number): number {
  const v = lat.variables[i], scale = lat.scales[i];
  const raw = v.min + k * v.step;
  // Beyond 2^52 the product is an integer already and rounding could only add error.
  const snapped = Math.abs(raw * scale) < 2 ** 52 ? Math.round(raw * scale) / scale : raw;
  return Math.min(v.max, snapped);
}

/** Memoised, budgeted, abortable access to evaluate on lattice indices; tracks every feasible point. */
class Evaluator {
  private readonly cache = new Map<string, Evaluation>();
  readonly feasible: { idx: number[]; ev: Evaluation }[] = [];
  best: Evaluation | null = null;
  calls = 0;

  constructor(
    private readonly lat: Lattice,
    private readonly evaluate: Evaluate,
    private readonly budget: number,
    private readonly signal?: { readonly aborted: boolean },
  ) {}

  get exhausted(): boolean {
    return this.calls >= this.budget || this.signal?.aborted === true;
  }

  /** Cost at lattice point idx (Infinity when infeasible), or null once budget or signal stop us. */
  cost(idx: number[]): number | null {
    const key = idx.join(',');
    let ev = this.cache.get(key);
    if (!ev) {
      if (this.exhausted) return null;
      const x = idx.map((k, i) => valueAt(this.lat, i, k));
      const out = this.evaluate(x.slice());
      this.calls++;
      // Keep our snapped x rather than trusting whatever array the callback hands back.
      ev = { ...out, x, feasible: out.feasible && Number.isFinite(out.cost) };
      this.cache.set(key, ev);
      if (ev.feasible) {
        this.feasible.push({ idx, ev });
        if (!this.best || ev.cost < this.best.cost) this.best = ev;
      }
    }
    return ev.feasible ? ev.cost : Infinity;
  }
}

/** Latin hypercube of n lattice points: each axis' range is cut into n strata, one sample each. */
function latinHypercube(sizes: number[], n: number, rng: Rng): number[][] {
  const perms = sizes.map(() => {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  });
  return Array.from({ length: n }, (_, j) =>
    sizes.map((size, d) => Math.min(size - 1, Math.floor(((perms[d][j] + rng.next()) / n) * size))),
  );
}

/** Unit moves along each axis, then (for constraint boundaries) the pairwise diagonals. */
function directions(d: number): { axes: number[][]; diagonals: number[][] } {
  const unit = (i: number, s: number): number[] => Array.from({ length: d }, (_, j) => (j === i ? s : 0));
  const axes = Array.from({ length: d }, (_, i) => [unit(i, 1), unit(i, -1)]).flat();
  const diagonals: number[][] = [];
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++) {
      for (const [a, b] of [[1, 1], [1, -1], [-1, 1], [-1, -1]]) diagonals.push(unit(i, a).map((v, k) => (k === j ? b : v)));
    }
  }
  return { axes, diagonals };
}

/**
 * Compass search on lattice indices from `start` with initial per-axis steps `h0`. Polls are
 * opportunistic (the first improvement is taken) and the last successful direction is polled first,
 * so a run down a long slope costs about one evaluation per move. Poll lengths are jittered ±25 %
 * (as in mesh-adaptive direct search): with fixed dyadic steps every run from a region probes the
 * same offsets, while jittered runs probe different ones, which finds more of the ensemble's narrow
 * low cells (roughly half the misses of fixed steps in our benchmarks). Axis polls alone stall on a
 * constraint boundary that is not axis-aligned (every axis move is infeasible or uphill), so when a
 * poll was infeasible the pairwise diagonals are polled too. Returns the point the run ends at.
 */
function compass(evalr: Evaluator, sizes: number[], start: number[], h0: number[], rng: Rng): number[] {
  const startCost = evalr.cost(start);
  if (startCost === null) return start;
  let centre = start, centreCost = startCost;
  const { axes, diagonals } = directions(sizes.length);
  const h = h0.slice();
  let lastDir = 0;
  /** Polls the directions from `first` on; the index of the one that improved, -1 if none, null when stopped. */
  const poll = (dirs: number[][], first: number): { moved: number; blocked: boolean } | null => {
    let blocked = false;
    for (let t = 0; t < dirs.length; t++) {
      const dir = (first + t) % dirs.length;
      const p = centre.map((k, i) => {
        if (dirs[dir][i] === 0) return k;
        const len = h[i] > 1 ? Math.max(1, Math.round(h[i] * (0.75 + 0.5 * rng.next()))) : 1;
        return Math.max(0, Math.min(sizes[i] - 1, k + dirs[dir][i] * len));
      });
      if (p.every((k, i) => k === centre[i])) continue;
      const c = evalr.cost(p);
      if (c === null) return null;
      if (c === Infinity) blocked = true;
      // Strict improvement only: on a plateau every neighbour ties and moving would wander.
      if (c < centreCost) {
        centre = p;
        centreCost = c;
        return { moved: dir, blocked };
      }
    }
    return { moved: -1, blocked };
  };
  for (;;) {
    const a = poll(axes, lastDir);
    if (!a) return centre;
    if (a.moved >= 0) {
      lastDir = a.moved;
      continue;
    }
    if (a.blocked && diagonals.length > 0) {
      const b = poll(diagonals, 0);
      if (!b) return centre;
      if (b.moved >= 0) continue;
    }
    if (h.every((s) => s <= 1)) return centre;
    for (let i = 0; i < h.length; i++) h[i] = Math.max(1, Math.floor(h[i] / 2));
  }
}

/** Minimises the caller's cost over the variables' step lattice; see the file comment for the method. */
export function optimise(variables: Variable[], evaluate: Evaluate, opts: OptimiseOptions = {}): OptimiseResult {
  const { budget = DEFAULT_BUDGET, seed = 1, signal } = opts;
  if (Number.isNaN(budget)) throw new RangeError('budget must be a number');
  const lat = lattice(variables);
  const evalr = new Evaluator(lat, evaluate, Math.max(0, Math.floor(budget)), signal);
  const total = lat.sizes.reduce((a, b) => a * b, 1);
  if (total <= budget) {
    enumerate(lat.sizes, lat.sizes, (idx) => evalr.cost(idx) !== null);
    return result(evalr);
  }

  const rng = createRng(seed);
  const d = lat.sizes.length;
  const nSamples = Math.max(d + 1, Math.round(budget * SAMPLE_SHARE));
  /** One hypercube; false when it evaluated nothing new (stopped, or every point was cached). */
  const sample = (): boolean => {
    const before = evalr.calls;
    for (const idx of latinHypercube(lat.sizes, nSamples, rng)) if (evalr.cost(idx) === null) break;
    return evalr.calls > before;
  };
  sample();

  // The hypercube resolves features about one sample spacing wide. Compass polls start at twice
  // that, so the first polls can still leave a start's basin (better than one spacing in our
  // benchmarks); starts and the points their runs end at claim a box of one spacing, so each
  // restart begins from the cheapest point evaluated so far that is not near an earlier one.
  const spacing = lat.sizes.map((s) => Math.max(1, Math.round(s / Math.pow(nSamples, 1 / d))));
  const h0 = spacing.map((s) => 2 * s);
  const claimed: number[][] = [];
  const near = (a: number[], b: number[]): boolean => a.every((k, i) => Math.abs(k - b[i]) < spacing[i]);
  while (!evalr.exhausted) {
    let next: { idx: number[]; ev: Evaluation } | null = null;
    for (const p of evalr.feasible) {
      if ((!next || p.ev.cost < next.ev.cost) && !claimed.some((c) => near(p.idx, c))) next = p;
    }
    if (next) claimed.push(next.idx, compass(evalr, lat.sizes, next.idx, h0, rng));
    // Nothing feasible yet, or every feasible point claimed: spend the rest on fresh samples.
    else if (!sample()) break;
  }
  return result(evalr);
}

function result(evalr: Evaluator): OptimiseResult {
  return { best: evalr.best, evaluations: evalr.calls, frontier: paretoFrontier(evalr.feasible.map((p) => p.ev)) };
}

/**
 * Points no other point beats on both risk and energy: sorted by energy (then risk), keep a point
 * only when its risk is strictly below every cheaper-energy point's. Infeasible points are dropped.
 */
export function paretoFrontier(points: Evaluation[]): Evaluation[] {
  const sorted = points.filter((p) => p.feasible).sort((a, b) => a.energyCost - b.energyCost || a.risk - b.risk);
  const front: Evaluation[] = [];
  for (const p of sorted) {
    if (front.length === 0 || p.risk < front[front.length - 1].risk) front.push(p);
  }
  return front;
}

/** Calls visit(idx) for every index of an axis-aligned grid of counts[i] points per axis, in row order. */
function enumerate(sizes: number[], counts: number[], visit: (idx: number[]) => boolean): void {
  const at = (i: number, j: number): number =>
    counts[i] === 1 ? Math.floor((sizes[i] - 1) / 2) : Math.round((j * (sizes[i] - 1)) / (counts[i] - 1));
  const j = counts.map(() => 0);
  for (;;) {
    if (!visit(j.map((v, i) => at(i, v)))) return;
    let i = j.length - 1;
    while (i >= 0 && ++j[i] === counts[i]) j[i--] = 0;
    if (i < 0) return;
  }
}

/**
 * Exhaustive reference: evaluates an evenly spaced grid of pointsPerVariable values per variable
 * (capped at the lattice size), snapped to the step lattice and including both ends. With as many
 * points as the lattice has, this is the exact lattice optimum that tests and benchmarks compare to.
 */
export function gridSearch(
  variables: Variable[],
  evaluate: Evaluate,
  pointsPerVariable: number,
): { best: Evaluation | null; evaluations: number } {
  const lat = lattice(variables);
  const counts = lat.sizes.map((s) => Math.max(1, Math.min(s, Math.floor(pointsPerVariable))));
  // No cache needed: with at most one point per lattice value the snapped indices never repeat.
  let best: Evaluation | null = null;
  let evaluations = 0;
  enumerate(lat.sizes, counts, (idx) => {
    const x = idx.map((k, i) => valueAt(lat, i, k));
    const ev = evaluate(x.slice());
    evaluations++;
    if (ev.feasible && Number.isFinite(ev.cost) && (!best || ev.cost < best.cost)) best = { ...ev, x };
    return true;
  });
  return { best, evaluations };
}
