/**
 * Scoring and explaining one row under a model file's contents, whichever engine grew its trees:
 * forests average leaf probabilities; boosted trees sum log-odds onto a base. The score here is
 * before calibration (the calibration map was fitted on out-of-fold scores of the same kind).
 */
import { predictBoosted } from './boosting';
import { applyIsotonic } from './calibration';
import { predictForest, predictForestMany } from './forest';
import type { ModelContents } from './model-file';
import { explainBoosted, explainForest } from './treeshap';

export function rawScore(m: ModelContents, x: ArrayLike<number>): number {
  return m.engine === 'twinscope-boosted' ? predictBoosted({ base: m.base, trees: m.forest.trees, validationLoss: [], bestRound: m.forest.trees.length }, x) : predictForest(m.forest, x);
}

/** TreeSHAP in the model's own scale: probability for forests, log-odds for boosted trees. */
export function explainRow(m: ModelContents, x: ArrayLike<number>): { base: number; contributions: Float64Array; scale: 'probability' | 'log-odds' } {
  if (m.engine === 'twinscope-boosted') return { ...explainBoosted(m.forest.trees, m.base, m.forest.nFeatures, x), scale: 'log-odds' };
  return { ...explainForest(m.forest, x), scale: 'probability' };
}

/**
 * The calibrated probability of failure (within the model's horizon) and, where the model has
 * failure modes, P(mode) = P(failure) × P(mode | failure, x), most likely first. `withModes` can
 * skip the mode forests for a probability where they do not matter (they cost more than the
 * failure forest itself).
 */
export function scoreRow(m: ModelContents, x: ArrayLike<number>, withModes: (probability: number) => boolean = () => true): { probability: number; modes: { mode: string; probability: number }[] } {
  const probability = applyIsotonic(m.calibration, rawScore(m, x));
  if (!withModes(probability)) return { probability, modes: [] };
  return { probability, modes: modeProbabilities(m, x, probability) };
}

/** Calibrated probabilities of many rows (one model), the forest walked tree by tree. */
export function probabilities(m: ModelContents, xs: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(xs.length);
  if (m.engine === 'twinscope-boosted') for (let r = 0; r < xs.length; r++) out[r] = rawScore(m, xs[r]);
  else predictForestMany(m.forest, xs, out);
  for (let r = 0; r < out.length; r++) out[r] = applyIsotonic(m.calibration, out[r]);
  return out;
}

/** P(mode) for a row whose calibrated failure probability is already known, most likely first. */
export function modeProbabilities(m: ModelContents, x: ArrayLike<number>, probability: number): { mode: string; probability: number }[] {
  return m.modeForests.map((f) => ({ mode: f.mode, probability: probability * predictForest(f.forest, x) })).sort((a, b) => b.probability - a.probability);
}
