/**
 * Assembling a model file's contents from a finished training run: the final forest, the
 * calibration map fitted on all out-of-fold scores, and the drift reference (what the training
 * data and its predictions looked like, for the drift monitor to compare live data with).
 */
import { fitIsotonic, applyIsotonic } from './calibration';
import type { FeaturePipeline } from './features';
import type { Forest } from './forest';
import { fingerprintMatrix, type ModelContents } from './model-file';
import { nullLevels } from './drift-null';

const DRIFT_BINS = 20;

function histogram(values: ArrayLike<number>, lo: number, hi: number, bins = DRIFT_BINS): { edges: number[]; counts: number[] } {
  if (!(hi > lo)) hi = lo + 1;
  const edges = Array.from({ length: bins + 1 }, (_, k) => lo + ((hi - lo) * k) / bins);
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    counts[Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)))]++;
  }
  return { edges, counts };
}

/**
 * Per feature, a histogram over its training min/max; the calibrated predictions' over [0, 1].
 * With `windows` (drift-null.ts: training slices shaped like a live window), each also keeps the
 * JS and PSI such a slice shows with no drift, which the monitor will not call drift.
 */
export function driftReferenceOf(names: readonly string[], columns: readonly ArrayLike<number>[], predictions: ArrayLike<number>, windows: readonly Int32Array[] = []): ModelContents['driftReference'] {
  const features = columns.map((c, k) => {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const h = histogram(c, lo, hi);
    return { name: names[k], ...h, ...(windows.length ? nullLevels(h, c, windows) : {}) };
  });
  const prediction = histogram(predictions, 0, 1);
  // Predictions of every row only (a holdout scores a fifth of them: the windows would not fit).
  return { features, prediction: windows.length && predictions.length === columns[0]?.length ? { ...prediction, ...nullLevels(prediction, predictions, windows) } : prediction };
}

export interface RunForModel {
  createdAt: Date;
  pipeline: FeaturePipeline;
  names: string[];
  columns: Float64Array[];
  label: Uint8Array;
  labelColumn: string;
  modes: string[];
  horizon: string;
  forest: Forest;
  engine: ModelContents['engine'];
  base: number;
  /** Per mode, a forest for P(mode | failure, x). */
  modeForests: { mode: string; forest: Forest }[];
  oofScores: Float64Array;
  /** Rows that have out-of-fold scores (a holdout's test rows); all rows when absent. */
  evaluated?: Int32Array | null;
  metrics: ModelContents['metrics'];
  threshold: number;
  /** Training slices shaped like a live drift window (drift-null.ts). */
  driftWindows?: Int32Array[];
}

export function buildModel(r: RunForModel): ModelContents {
  const scores = r.evaluated ? Float64Array.from(r.evaluated, (i) => r.oofScores[i]) : r.oofScores;
  const calibration = fitIsotonic(scores, r.evaluated ? Uint8Array.from(r.evaluated, (i) => r.label[i]) : r.label);
  let positives = 0;
  for (const v of r.label) positives += v;
  const predictions = Float64Array.from(scores, (s) => applyIsotonic(calibration, s));
  return {
    createdAt: r.createdAt, pipeline: r.pipeline, features: r.names, label: { column: r.labelColumn, modes: r.modes }, horizon: r.horizon,
    calibration, classBalance: { rows: r.label.length, positives }, trainingFingerprint: fingerprintMatrix(r.names, r.columns, r.label),
    metrics: r.metrics, threshold: r.threshold, driftReference: driftReferenceOf(r.names, r.columns, predictions, r.driftWindows), forest: r.forest, modeForests: r.modeForests, engine: r.engine, base: r.base,
  };
}
