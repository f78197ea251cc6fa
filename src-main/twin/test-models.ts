/** Test fixtures: a real (small) failure forest on the bundled milling data, as a model file would hold it. */
import { analyse, suggestRoles } from '../data/import/analyse';
import { parseBytes } from '../data/import/fixtures';
import { numericColumn } from '../data/table';
import { fitIsotonic } from '../ml/calibration';
import { computeFeatures, defaultPipeline } from '../ml/features';
import { DEFAULT_FOREST, predictForestBatch, trainForest } from '../ml/forest';
import type { ModelContents } from '../ml/model-file';

/** `csv`: the bundled milling file's bytes (tests read it; cores do no I/O). */
export function millingModel(csv: Uint8Array): ModelContents {
  const parsed = parseBytes(csv, {}, 1 << 20);
  const s = suggestRoles(parsed);
  const { prepared } = analyse(parsed, s.roles, s.kind);
  const pipeline = defaultPipeline(prepared!.table, prepared!.schema);
  const m = computeFeatures(prepared!.table, prepared!.schema, pipeline);
  const y = Uint8Array.from(numericColumn(prepared!.table, 'Machine failure'));
  const forest = trainForest(m.columns, y, { ...DEFAULT_FOREST, nTrees: 30, maxDepth: 10, seed: 3 });
  return {
    createdAt: new Date('2026-11-25T12:00:00Z'), pipeline, features: m.names, label: { column: 'Machine failure', modes: [] }, horizon: 'this process',
    calibration: fitIsotonic(predictForestBatch(forest, m.columns), y), classBalance: { rows: y.length, positives: y.reduce((a, b) => a + b, 0) },
    trainingFingerprint: 'test', metrics: { accuracy: 0, precision: 0, recall: 0, f1: 0, rocAuc: 0, prAuc: 0, brier: 0 }, threshold: 0.5,
    driftReference: { features: [], prediction: { edges: [0, 1], counts: [1] } }, forest, modeForests: [], engine: 'twinscope-forest', base: 0,
  };
}

