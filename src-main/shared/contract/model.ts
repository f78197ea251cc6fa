import { z } from 'zod';

export const ForestSettings = z.object({
  nTrees: z.number().int().min(1).max(2000),
  maxDepth: z.number().int().min(1).max(64),
  minSamplesSplit: z.number().int().min(2).max(10_000),
  minSamplesLeaf: z.number().int().min(1).max(10_000),
  criterion: z.enum(['gini', 'entropy']),
  classWeight: z.enum(['balanced', 'none']),
  /** Features tried per split: √ of them, all, or a fraction (0–1]. */
  maxFeatures: z.union([z.enum(['sqrt', 'all']), z.number().gt(0).lte(1)]),
});
export type ForestSettings = z.infer<typeof ForestSettings>;

export { DEFAULT_FOREST_SETTINGS, defaultForestFor } from './plain';

export const TrainRequest = z.object({
  runId: z.string().min(1).max(64),
  datasetId: z.string().min(1),
  pipeline: z.enum(['raw', 'milling-physics', 'fleet-timeseries']),
  folds: z.number().int().min(2).max(10),
  seed: z.number().int(),
  forest: ForestSettings,
  /** Who grows the trees: Twinscope's engine, or ml-random-forest 2.1.0 as a (slow) reference. */
  engine: z.enum(['twinscope', 'ml-random-forest']).optional(),
  /** k-fold cross-validation (default), or one 20 % holdout (by asset for fleets). */
  validation: z.enum(['k-fold', 'holdout']).optional(),
  /** A random forest, or gradient-boosted trees (Twinscope engine only). */
  model: z.enum(['random-forest', 'boosted-trees']).optional(),
}).strict();
export type TrainRequest = z.infer<typeof TrainRequest>;

/** What a retrain on recent data added to the run's training data (drift:retrain). */
export const RetrainHistory = z.object({
  /** The dataset the rows were added to (the run's original training data). */
  baseDatasetId: z.string(),
  baseDatasetTitle: z.string(),
  /** History readings added as rows, from how many assets, and the recorded failures among them. */
  rows: z.number().int(),
  assets: z.number().int(),
  failures: z.number().int(),
  /** Added rows labelled as failures under the model's horizon (a failure's reading, or the 24 h before it). */
  positives: z.number().int(),
  /** Readings the model scored that could not become rows (an input the history did not record). */
  skipped: z.number().int(),
});
export type RetrainHistory = z.infer<typeof RetrainHistory>;

const Curve = z.object({ x: z.array(z.number()), y: z.array(z.number()) });

export const TrainingResult = z.object({
  runId: z.string(),
  datasetId: z.string(),
  features: z.array(z.string()),
  rows: z.number().int(),
  positives: z.number().int(),
  folds: z.number().int(),
  threshold: z.number(),
  metrics: z.object({
    accuracy: z.number(), precision: z.number(), recall: z.number(), f1: z.number(),
    rocAuc: z.number(), prAuc: z.number(), brier: z.number(),
  }),
  confusion: z.object({ tp: z.number().int(), fp: z.number().int(), tn: z.number().int(), fn: z.number().int() }),
  /** Out-of-fold curves, at most 200 points each. */
  roc: Curve,
  pr: Curve,
  /** Brier score of the forest's raw scores, before isotonic calibration. */
  brierUncalibrated: z.number(),
  /** Reliability diagram of the calibrated out-of-fold probabilities. */
  calibration: z.object({ predicted: z.array(z.number()), observed: z.array(z.number()), count: z.array(z.number().int()) }),
  /** Confusion counts at thresholds 0, 0.005, …, 1 on calibrated probabilities: costs are priced from it. */
  thresholdTable: z.object({ threshold: z.array(z.number()), tp: z.array(z.number().int()), fp: z.array(z.number().int()), tn: z.array(z.number().int()), fn: z.array(z.number().int()) }),
  /** Failures of each mode caught at each threshold of thresholdTable (recall per failure mode). */
  modeRecall: z.array(z.object({
    mode: z.string(), failures: z.number().int(), caught: z.array(z.number().int()),
    /** Failures of this mode whose most likely mode (out-of-fold, from the mode models) was this one. */
    identified: z.number().int(),
  })),
  /** How rows were split into folds, and what the label means ("this process", "within 24 h"). */
  folding: z.enum(['stratified', 'by asset']),
  validation: z.enum(['k-fold', 'holdout']),
  /** Rows the metrics are computed on: all of them after k-fold, the held-out ones after a holdout. */
  evaluatedRows: z.number().int(),
  horizon: z.string(),
  /** Impurity importance (normalised) of the final forest; permutation importance = mean drop in held-out PR-AUC. */
  importance: z.array(z.object({ feature: z.string(), impurity: z.number(), permutation: z.number() })),
  trainSeconds: z.number(),
  workers: z.number().int(),
});
export type TrainingResult = z.infer<typeof TrainingResult>;

export const Explanation = z.object({
  /** Row of the dataset (0-based) and its row number in the file it came from. */
  row: z.number().int(),
  fileRow: z.number().int(),
  rows: z.number().int(),
  /** The row's label: 1 = failure (within the model's horizon). */
  label: z.number(),
  /** Calibrated probability of failure, and the forest's raw score that TreeSHAP splits up. */
  probability: z.number(),
  score: z.number(),
  /** What score and contributions are in: a forest's probability, or boosted trees' log-odds. */
  scale: z.enum(['probability', 'log-odds']),
  /** The forest's average score over its training data; base + Σ contributions = score. */
  base: z.number(),
  contributions: z.array(z.object({ feature: z.string(), value: z.number(), shap: z.number() })),
  /** P(mode) = P(failure) × P(mode | failure) for each mode the model knows, most likely first. */
  modes: z.array(z.object({ mode: z.string(), probability: z.number() })),
});
export type Explanation = z.infer<typeof Explanation>;

export const RunSummary = z.object({
  runId: z.string(),
  createdAt: z.string(),
  source: z.enum(['trained', 'opened']),
  datasetTitle: z.string(),
  active: z.boolean(),
  pipeline: z.string(),
  /** Who grew the trees (runs from before engines were selectable have none). */
  engine: z.enum(['twinscope', 'ml-random-forest']).optional(),
  model: z.enum(['random-forest', 'boosted-trees']).optional(),
  features: z.number().int(),
  trees: z.number().int(),
  maxDepth: z.number().int(),
  rows: z.number().int(),
  f1: z.number(),
  prAuc: z.number(),
  rocAuc: z.number(),
  brier: z.number(),
  /** The request it was trained with (without run and dataset ids), so a retrain repeats it exactly; absent on older and opened runs. */
  request: TrainRequest.omit({ runId: true, datasetId: true }).optional(),
  /** A retrain on recent data: the fleet history rows added to its base dataset, and the recorded failures among them. */
  history: RetrainHistory.optional(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const modelRequests = {
  'model:listRuns': { request: z.object({}).strict(), response: z.array(RunSummary) },
  'model:activate': { request: z.object({ runId: z.string().min(1) }).strict(), response: z.array(RunSummary) },
  'model:export': { request: z.object({ runId: z.string().min(1) }).strict(), response: z.object({ fileName: z.string(), text: z.string() }) },
  'model:open': { request: z.object({ fileName: z.string().min(1).max(500), text: z.string().max(512 * 1024 * 1024) }).strict(), response: RunSummary },
  'model:train': { request: TrainRequest, response: TrainingResult },
  'model:cancel': { request: z.object({ runId: z.string().min(1) }).strict(), response: z.object({ cancelled: z.boolean() }) },
  /** Exact TreeSHAP of one row of a dataset under a stored model; `pick` moves to the next failure or normal row. */
  'model:explain': {
    request: z.object({ runId: z.string().min(1), datasetId: z.string().min(1), row: z.number().int().min(0), pick: z.enum(['this', 'failure', 'normal']) }).strict(),
    response: Explanation,
  },
} as const;

export const modelEvents = {
  'model:progress': z.object({
    runId: z.string(),
    phase: z.enum(['features', 'cross-validation', 'final model', 'failure modes', 'done']),
    fold: z.number().int(),
    folds: z.number().int(),
    treesDone: z.number().int(),
    treesTotal: z.number().int(),
    elapsedSeconds: z.number(),
    etaSeconds: z.number(),
  }),
} as const;
