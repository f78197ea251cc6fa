/**
 * Which kind of failure: per failure mode, a forest for P(mode | failure, x), trained on the rows
 * that fail. With the failure model's calibrated P(failure | x), P(mode | x) = P(failure | x) ×
 * P(mode | failure, x) — the number the fleet view and the optimiser multiply by a mode's cost.
 * They are evaluated out-of-fold on the same folds as the failure model: how often the most likely
 * mode of a failure is one it really had.
 */
import type { Forest, ForestOptions } from './forest';
import { takeRows as take } from './folds';
import type { TrainPool } from './train-pool';

/** A mode needs this many failures to get a model of its own. */
const MIN_MODE_FAILURES = 5;
/** Mode forests see only the failing rows: fewer trees suffice. */
const MAX_MODE_TREES = 60;

export interface ModeModels {
  forests: { mode: string; forest: Forest }[];
  /** Per mode (in `modes` order): failures of that mode whose most likely mode, out-of-fold, was it. */
  identified: number[];
}


export async function trainModeForests(
  pool: TrainPool, columns: Float64Array[], y: Uint8Array, membership: Uint8Array[], modes: string[], folds: Int32Array, k: number,
  opts: ForestOptions, signal: AbortSignal,
): Promise<ModeModels> {
  const failing: number[] = [];
  for (let i = 0; i < y.length; i++) if (y[i] === 1) failing.push(i);
  const trained = modes.map((_, m) => failing.filter((i) => membership[m][i] === 1).length >= MIN_MODE_FAILURES);
  const modeOpts: ForestOptions = { ...opts, nTrees: Math.min(opts.nTrees, MAX_MODE_TREES), classWeight: 'balanced' };
  // Out-of-fold P(mode | failure) for every failing row.
  const oof = modes.map(() => new Float64Array(failing.length));
  for (let fold = 0; fold < k; fold++) {
    const train = failing.filter((i) => folds[i] !== fold);
    const testAt = failing.map((i, j) => (folds[i] === fold ? j : -1)).filter((j) => j >= 0);
    if (testAt.length === 0) continue;
    const test = take(columns, testAt.map((j) => failing[j]));
    for (let m = 0; m < modes.length; m++) {
      if (!trained[m]) continue;
      const label = Uint8Array.from(train, (i) => membership[m][i]);
      if (!label.includes(1) || !label.includes(0)) continue;
      const forest = await pool.trainForest(take(columns, train), label, modeOpts, { signal });
      const p = await pool.predict(forest, test);
      testAt.forEach((j, t) => (oof[m][j] = p[t]));
    }
  }
  const identified = modes.map(() => 0);
  failing.forEach((i, j) => {
    let best = -1;
    for (let m = 0; m < modes.length; m++) if (trained[m] && (best < 0 || oof[m][j] > oof[best][j])) best = m;
    if (best >= 0 && membership[best][i] === 1) identified[best]++;
  });
  const forests: ModeModels['forests'] = [];
  for (let m = 0; m < modes.length; m++) {
    if (!trained[m]) continue;
    const label = Uint8Array.from(failing, (i) => membership[m][i]);
    if (!label.includes(0)) continue; // every failure has this mode: P(mode | failure) = 1, no model needed
    forests.push({ mode: modes[m], forest: await pool.trainForest(take(columns, failing), label, modeOpts, { signal }) });
  }
  return { forests, identified };
}
