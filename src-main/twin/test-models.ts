/** Test fixtures: a real (small) failure forest on the bundled milling data, as a model file would hold it. */
import { analyse, suggestRoles } from '../data/import/analyse';
import { parseBytes } from '../data/import/fixtures';
import { numericColumn } from '../data/table';
import { applyIsotonic, fitIsotonic } from '../ml/calibration';
import { computeFeatures, defaultPipeline } from '../ml/features';
import { stratifiedFolds, takeRows } from '../ml/folds';
import { DEFAULT_FOREST, predictForestBatch, trainForest } from '../ml/forest';
import { driftReferenceOf } from '../ml/model-build';
import type { ModelContents } from '../ml/model-file';

/**
 * `csv`: the bundled milling file's bytes (tests read it; cores do no I/O). With `outOfFold` the
 * calibration and the drift reference's prediction histogram come from 2-fold out-of-fold scores,
 * as training makes them (two more forests); without it, from the final forest's own scores.
 */
export function millingModel(csv: Uint8Array, opts: { outOfFold?: boolean } = {}): ModelContents {
  const parsed = parseBytes(csv, {}, 1 << 20);
  const s = suggestRoles(parsed);
  const { prepared } = analyse(parsed, s.roles, s.kind);
  const pipeline = defaultPipeline(prepared!.table, prepared!.schema);
  const m = computeFeatures(prepared!.table, prepared!.schema, pipeline);
  const y = Uint8Array.from(numericColumn(prepared!.table, 'Machine failure'));
  const settings = { ...DEFAULT_FOREST, nTrees: 30, maxDepth: 10, seed: 3 };
  const forest = trainForest(m.columns, y, settings);
  let scores = predictForestBatch(forest, m.columns);
  if (opts.outOfFold) {
    const folds = stratifiedFolds(y, 2, 3);
    scores = new Float64Array(y.length);
    for (let f = 0; f < 2; f++) {
      const tr: number[] = [], te: number[] = [];
      for (let i = 0; i < y.length; i++) (folds[i] === f ? te : tr).push(i);
      const p = predictForestBatch(trainForest(takeRows(m.columns, tr), Uint8Array.from(tr, (i) => y[i]), settings), takeRows(m.columns, te));
      te.forEach((i, j) => (scores[i] = p[j]));
    }
  }
  const calibration = fitIsotonic(scores, y);
  return {
    createdAt: new Date('2026-11-25T12:00:00Z'), pipeline, features: m.names, label: { column: 'Machine failure', modes: [] }, horizon: 'this process',
    calibration, classBalance: { rows: y.length, positives: y.reduce((a, b) => a + b, 0) },
    trainingFingerprint: 'test', metrics: { accuracy: 0, precision: 0, recall: 0, f1: 0, rocAuc: 0, prAuc: 0, brier: 0 }, threshold: 0.5,
    driftReference: driftReferenceOf(m.names, m.columns, scores.map((v) => applyIsotonic(calibration, v))), forest, modeForests: [], engine: 'twinscope-forest', base: 0,
  };
}
