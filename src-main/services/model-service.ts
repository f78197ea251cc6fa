/**
 * Training runs: cross-validated evaluation (out-of-fold predictions from k forests) and a final
 * forest on all rows, trees shared out among the training workers, with progress and cancel.
 * Bad training input is refused before any worker starts.
 */
import type { RetrainHistory, RunSummary, TrainRequest, TrainingResult, Explanation } from '../shared/contract';
import { buildModel } from '../ml/model-build';
import { nullWindows } from '../ml/drift-null';
import { DEFAULT_DRIFT_POLICY } from '../ml/drift-monitor';
import { checkFeatures, parseModel, serializeModel, type ModelContents } from '../ml/model-file';
import { trainModeForests } from '../ml/mode-forests';
import type { StorageApi } from '../store/storage-api';
import { crossFitCalibration, reliability } from '../ml/calibration';
import { caughtByThreshold, curves, impurityImportance, thresholdTable } from '../ml/evaluate';
import type { Forest, ForestOptions } from '../ml/forest';
import { DEFAULT_BOOST, type BoostedModel, type BoostOptions } from '../ml/boosting';
import { DEFAULT_SERIES, flagColumns, flagName, flagThresholds } from '../ml/features';
import { explainRow, scoreRow } from '../ml/model-predict';
import { groupFolds, stratifiedFolds, takeRows as take } from '../ml/folds';
import { createRng, deriveSeed } from '../common/random';
import { averagePrecision, brier, confusion, precisionRecallF1, rocAuc } from '../ml/metrics';
import type { TrainPool } from '../ml/train-pool';
import type { RpcClient } from '../workers/rpc';
import type { DataApi } from './data-api';
import type { EventHub } from './events';

export class TrainingInputError extends Error {
  override name = 'TrainingInputError';
}

const MIN_ROWS = 20;
const PROGRESS_EVERY_MS = 100;
const MIN_POSITIVES = 5;
/** Held-out rows per fold used for permutation importance (a sample: each feature costs a prediction). */
const PERMUTATION_ROWS = 4000;
/** A holdout keeps one of this many parts aside (20 %). */
const HOLDOUT_PARTS = 5;

/** A trained model in a fold: a forest, or boosted trees (whose trees are also kept as a forest's list). */
interface Fitted {
  forest: Forest;
  boosted: BoostedModel | null;
}

/** Rows without timestamps are taken as one reading every 3 minutes (the AI4I process spacing the twin replays them at). */
const UNTIMED_SPACING_MS = 180_000;

export class ModelService {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly data: RpcClient<DataApi>,
    private readonly pool: TrainPool,
    private readonly events: EventHub,
    private readonly storage: RpcClient<StorageApi>,
    private readonly clock: () => number = () => performance.now(),
    private readonly now: () => Date = () => new Date(),
  ) {}

  async listRuns(): Promise<RunSummary[]> {
    const runs = await this.storage.call('listRuns', undefined);
    return runs.map((r) => ({ ...(JSON.parse(r.summary) as Omit<RunSummary, 'runId' | 'createdAt' | 'source' | 'datasetTitle' | 'active'>), runId: r.runId, createdAt: r.createdAt, source: r.source, datasetTitle: r.datasetTitle, active: r.active }));
  }

  async activate(runId: string): Promise<RunSummary[]> {
    await this.storage.call('activateRun', runId);
    return this.listRuns();
  }

  async exportModel(runId: string): Promise<{ fileName: string; text: string }> {
    const text = await this.storage.call('runModel', runId);
    return { fileName: `twinscope-model-${runId}.json`, text };
  }

  /** Opens a model file: validated completely (checksum, format, structure) before it is stored. */
  async openModel(fileName: string, text: string): Promise<RunSummary> {
    const m = parseModel(text);
    const runId = `opened-${this.now().getTime().toString(36)}`;
    const run = {
      runId, createdAt: this.now().toISOString(), source: 'opened' as const, datasetTitle: fileName,
      summary: JSON.stringify(this.summaryOf(m.pipeline.kind, m.features.length, m.forest.trees.length, treeDepth(m.forest.trees), m.classBalance.rows, m.metrics)),
      model: text,
    };
    await this.storage.call('saveRun', run);
    return (await this.listRuns()).find((r) => r.runId === runId)!;
  }

  private summaryOf(pipeline: string, features: number, trees: number, maxDepth: number, rows: number, metrics: { f1: number; prAuc: number; rocAuc: number; brier: number }) {
    return { pipeline, features, trees, maxDepth, rows, f1: metrics.f1, prAuc: metrics.prAuc, rocAuc: metrics.rocAuc, brier: metrics.brier };
  }

  /** Exact TreeSHAP of one dataset row under a stored model (the forest's raw score, split by feature). */
  async explain(req: { runId: string; datasetId: string; row: number; pick: 'this' | 'failure' | 'normal' }): Promise<Explanation> {
    const model = await this.modelOf(req.runId);
    const r = await this.data.call('featureRow', { datasetId: req.datasetId, pipeline: model.pipeline, row: req.row, pick: req.pick });
    checkFeatures(model, r.names);
    const e = explainRow(model, r.values);
    const score = e.base + e.contributions.reduce((a, b) => a + b, 0);
    const { probability, modes } = scoreRow(model, r.values);
    return {
      row: r.row, fileRow: r.fileRow, rows: r.rows, label: r.label, base: e.base, score, scale: e.scale, probability, modes,
      contributions: r.names.map((feature, k) => ({ feature, value: r.values[k], shap: e.contributions[k] })).sort((a, b) => Math.abs(b.shap) - Math.abs(a.shap)),
    };
  }

  /** Parsed models by run, kept while the app runs: a stored model file is checked once. */
  private readonly models = new Map<string, ModelContents>();

  private async modelOf(runId: string): Promise<ModelContents> {
    let m = this.models.get(runId);
    if (!m) {
      m = parseModel(await this.storage.call('runModel', runId));
      this.models.set(runId, m);
    }
    return m;
  }

  cancel(runId: string): { cancelled: boolean } {
    const c = this.running.get(runId);
    c?.abort();
    return { cancelled: !!c };
  }

  /** `extra.history`: a retrain on recent data says in its summary what the fleet's history added. */
  async train(req: TrainRequest, extra: { history?: RetrainHistory } = {}): Promise<TrainingResult> {
    if (this.running.has(req.runId)) throw new TrainingInputError(`run "${req.runId}" is already training`);
    const controller = new AbortController();
    this.running.set(req.runId, controller);
    const started = this.clock();
    let lastEmit = -Infinity, lastPhase = '', lastFold = -1;
    const progress = (phase: 'features' | 'cross-validation' | 'final model' | 'failure modes' | 'done', fold: number, treesDone: number, treesTotal: number) => {
      // Throttled to 10 Hz before it crosses to the renderer; phase and fold changes always pass.
      const now = this.clock();
      if (phase === lastPhase && fold === lastFold && now - lastEmit < PROGRESS_EVERY_MS) return;
      lastEmit = now;
      lastPhase = phase;
      lastFold = fold;
      const elapsed = (now - started) / 1000;
      const fraction = (fold * req.forest.nTrees + treesDone) / ((req.folds + 1) * req.forest.nTrees);
      this.events.emit('model:progress', {
        runId: req.runId, phase, fold, folds: req.folds, treesDone, treesTotal, elapsedSeconds: elapsed,
        etaSeconds: fraction > 0.02 ? (elapsed * (1 - fraction)) / fraction : NaN,
      });
    };
    try {
      progress('features', 0, 0, req.forest.nTrees);
      const m = await this.data.call('trainingMatrix', { datasetId: req.datasetId, pipeline: req.pipeline });
      const y = m.label;
      let positives = 0;
      for (const v of y) positives += v;
      if (y.length < MIN_ROWS) throw new TrainingInputError(`${y.length} rows are too few to train on (at least ${MIN_ROWS})`);
      if (positives === 0 || positives === y.length) throw new TrainingInputError('the label has one class only: a failure model needs failures and non-failures');
      if (positives < MIN_POSITIVES) throw new TrainingInputError(`only ${positives} failure(s): at least ${MIN_POSITIVES} are needed to train and evaluate`);
      if (positives < req.folds) throw new TrainingInputError(`${positives} failures cannot be spread over ${req.folds} folds`);

      const opts: ForestOptions = { ...req.forest, bootstrap: true, seed: req.seed };
      // Our engine shares trees out among the workers with progress per tree; the reference engine
      // (ml-random-forest) trains a whole forest in one worker and reports once it is done.
      const reference = req.engine === 'ml-random-forest';
      const share = req.forest.maxFeatures === 'all' ? 1 : req.forest.maxFeatures === 'sqrt' ? Math.sqrt(m.names.length) / m.names.length : req.forest.maxFeatures;
      // Boosted trees: the engine's defaults (learning rate 0.1, early stopping), the form's depth up to 8.
      const boostOpts: BoostOptions = { ...DEFAULT_BOOST, maxDepth: Math.min(req.forest.maxDepth, 8), classWeight: req.forest.classWeight, seed: req.seed };
      const grow = async (columns: Float64Array[], label: Uint8Array, phase: 'cross-validation' | 'final model', fold: number): Promise<Fitted> => {
        if (req.model === 'boosted-trees') {
          const b = await this.pool.trainBoosted(columns, label, boostOpts, { signal: controller.signal, boundaries, onRound: (r) => progress(phase, fold, r, boostOpts.maxRounds) });
          return { forest: { trees: b.trees, nFeatures: columns.length }, boosted: b };
        }
        if (!reference) {
          return { forest: await this.pool.trainForest(columns, label, opts, { signal: controller.signal, boundaries, onProgress: (p) => progress(phase, fold, p.treesDone, p.treesTotal) }), boosted: null };
        }
        const f = await this.pool.trainReference(columns, label, { nTrees: req.forest.nTrees, maxDepth: req.forest.maxDepth, maxFeatures: share, seed: req.seed }, { signal: controller.signal });
        progress(phase, fold, req.forest.nTrees, req.forest.nTrees);
        return { forest: f, boosted: null };
      };
      // Fleets over time also flag readings above the training rows' 99th percentile: thresholds are
      // taken fold by fold from the training rows only (never from the whole dataset), then from all
      // rows for the final model, which stores them.
      const sensors = m.pipeline.kind === 'fleet-timeseries' ? m.pipeline.numeric.map((n) => m.names.indexOf(n)) : [];
      const names = [...m.names, ...sensors.map((i) => flagName(m.names[i]))];
      const boundaries = [...m.boundaries, ...sensors.map(() => [0.5])];
      const withFlags = (columns: Float64Array[], thresholds: number[]) => (sensors.length ? [...columns, ...flagColumns(sensors.map((i) => columns[i]), thresholds)] : columns);
      const thresholdsOf = (columns: Float64Array[]) => flagThresholds(sensors.map((i) => columns[i]));
      const predictWith = (f: Fitted, columns: Float64Array[]) => (f.boosted ? this.pool.predictBoosted(f.boosted, columns) : this.pool.predict(f.forest, columns));
      // Fleets over time are split by asset (no asset in both training and test folds), others stratified.
      // A holdout keeps one fifth aside (fold 0 of five, by asset or stratified) and evaluates on it alone.
      const holdout = req.validation === 'holdout';
      const k = holdout ? HOLDOUT_PARTS : req.folds;
      if (m.groups && new Set(m.groups).size < k) throw new TrainingInputError(`${new Set(m.groups).size} assets cannot be spread over ${k} folds`);
      const folds = m.groups ? groupFolds(m.groups, k, req.seed) : stratifiedFolds(y, k, req.seed);
      const evaluatedFolds = holdout ? 1 : k;
      const oof = new Float64Array(y.length);
      // Permutation importance on the held-out folds: the drop in PR-AUC when one feature's values are shuffled.
      const permutationDrop = new Float64Array(names.length);
      let foldsWithFailures = 0;
      const shuffle = createRng(deriveSeed(req.seed, 'permutation'));
      for (let fold = 0; fold < evaluatedFolds; fold++) {
        const tr: number[] = [], te: number[] = [];
        for (let i = 0; i < y.length; i++) (folds[i] === fold ? te : tr).push(i);
        const trainRaw = take(m.columns, tr), thresholds = thresholdsOf(trainRaw);
        const forest = await grow(withFlags(trainRaw, thresholds), Uint8Array.from(tr, (i) => y[i]), 'cross-validation', fold);
        const test = withFlags(take(m.columns, te), thresholds);
        const p = await predictWith(forest, test);
        te.forEach((i, j) => (oof[i] = p[j]));
        // Permutation importance on at most PERMUTATION_ROWS held-out rows (a fleet's folds are large
        // and every feature costs one more prediction); a fold without failures says nothing here.
        const sample = Int32Array.from({ length: te.length }, (_, j) => j);
        for (let j = sample.length - 1; j > 0; j--) {
          const r = shuffle.int(j + 1);
          const t = sample[j]; sample[j] = sample[r]; sample[r] = t;
        }
        const rows = sample.subarray(0, Math.min(sample.length, PERMUTATION_ROWS));
        const yTest = Uint8Array.from(rows, (j) => y[te[j]]);
        if (!yTest.includes(1)) continue;
        foldsWithFailures++;
        const subset = test.map((c) => Float64Array.from(rows, (j) => c[j]));
        const baseline = averagePrecision(yTest, Float64Array.from(rows, (j) => p[j]));
        for (let f = 0; f < names.length; f++) {
          if (controller.signal.aborted) throw Object.assign(new Error('training cancelled'), { name: 'CancelledError' });
          const shuffled = Float64Array.from(subset[f]);
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = shuffle.int(i + 1);
            const t = shuffled[i]; shuffled[i] = shuffled[j]; shuffled[j] = t;
          }
          const permuted = await predictWith(forest, subset.map((c, g) => (g === f ? shuffled : c)));
          permutationDrop[f] += baseline - averagePrecision(yTest, permuted);
        }
      }
      if (foldsWithFailures > 0) for (let f = 0; f < permutationDrop.length; f++) permutationDrop[f] /= foldsWithFailures;
      const finalThresholds = thresholdsOf(m.columns);
      const finalColumns = withFlags(m.columns, finalThresholds);
      const pipeline = sensors.length ? { ...m.pipeline, series: { ...(m.pipeline.series ?? DEFAULT_SERIES), flagThresholds: finalThresholds } } : m.pipeline;
      const final = await grow(finalColumns, y, 'final model', req.folds);
      progress('failure modes', req.folds, req.forest.nTrees, req.forest.nTrees);
      // Mode forests use the features without flags (their thresholds would otherwise come from all rows).
      const modeModels = m.modes.length ? await trainModeForests(this.pool, m.columns, y, m.membership, m.modes, folds, k, opts, controller.signal) : { forests: [], identified: [] };
      // Evaluated rows: every row after k-fold, the held-out fifth after a holdout.
      const evaluated = holdout ? Int32Array.from(folds.reduce<number[]>((acc, f, i) => (f === 0 ? (acc.push(i), acc) : acc), [])) : null;
      const ye = evaluated ? Uint8Array.from(evaluated, (i) => y[i]) : y;
      const oofe = evaluated ? Float64Array.from(evaluated, (i) => oof[i]) : oof;
      if (!ye.includes(1)) throw new TrainingInputError('the held-out rows contain no failure: use k-fold cross-validation for this dataset');
      // Probabilities: out-of-fold scores, calibrated by isotonic maps cross-fitted over the folds
      // (over two halves of the held-out rows after a holdout).
      const calibrated = evaluated ? crossFitCalibration(oofe, ye, stratifiedFolds(ye, 2, req.seed), 2) : crossFitCalibration(oof, y, folds, k);
      const threshold = 0.5;
      const c = confusion(ye, calibrated, threshold);
      const prf = precisionRecallF1(c);
      const imp = impurityImportance(final.forest);
      const metrics = { ...prf, rocAuc: rocAuc(ye, oofe), prAuc: averagePrecision(ye, oofe), brier: brier(ye, calibrated) };
      const membership = evaluated ? m.membership.map((mm) => Uint8Array.from(evaluated, (i) => mm[i])) : m.membership;
      // Into the registry: the model file (what "Save model" writes) and the run's summary.
      const model = buildModel({
        createdAt: this.now(), pipeline, names, columns: finalColumns, label: y, labelColumn: m.labelColumn, modes: m.modes,
        horizon: m.horizon, forest: final.forest, engine: final.boosted ? 'twinscope-boosted' : 'twinscope-forest', base: final.boosted?.base ?? 0, modeForests: modeModels.forests, oofScores: oof, evaluated, metrics, threshold,
        // Training slices shaped like the live drift window (48 h of a few assets): what no drift looks like.
        driftWindows: nullWindows(y.length, m.groups, Math.round(DEFAULT_DRIFT_POLICY.windowMs / (m.intervalMs ?? UNTIMED_SPACING_MS)), req.seed),
      });
      await this.storage.call('saveRun', {
        runId: req.runId, createdAt: model.createdAt.toISOString(), source: 'trained', datasetTitle: m.title,
        summary: JSON.stringify({ ...this.summaryOf(req.pipeline, names.length, req.forest.nTrees, treeDepth(final.forest.trees), y.length, metrics), engine: req.engine ?? 'twinscope', model: req.model ?? 'random-forest', ...(final.boosted ? { trees: final.boosted.trees.length } : {}), request: requestOf(req), ...(extra.history ? { history: extra.history } : {}) }),
        model: serializeModel(model),
      });
      progress('done', req.folds, req.forest.nTrees, req.forest.nTrees);
      return {
        runId: req.runId, datasetId: req.datasetId, features: names, rows: y.length, positives, folds: req.folds, threshold,
        metrics,
        confusion: c, ...curves(ye, oofe),
        brierUncalibrated: brier(ye, oofe),
        calibration: reliability(calibrated, ye),
        thresholdTable: thresholdTable(ye, calibrated),
        modeRecall: m.modes.map((mode, j) => ({ mode, ...caughtByThreshold(ye, calibrated, membership[j]), identified: modeModels.identified[j] ?? 0 })).filter((r) => r.failures > 0),
        folding: m.groups ? ('by asset' as const) : ('stratified' as const),
        validation: holdout ? ('holdout' as const) : ('k-fold' as const),
        evaluatedRows: ye.length,
        horizon: m.horizon,
        importance: names.map((feature, k) => ({ feature, impurity: imp[k], permutation: permutationDrop[k] })).sort((a, b) => b.permutation - a.permutation || b.impurity - a.impurity),
        trainSeconds: (this.clock() - started) / 1000, workers: this.pool.size,
      };
    } finally {
      this.running.delete(req.runId);
    }
  }
}

/** The settings of a request, as its run's summary keeps them (a retrain repeats them; ids are the run's own). */
function requestOf(req: TrainRequest): NonNullable<RunSummary['request']> {
  const { runId: _runId, datasetId: _datasetId, ...settings } = req;
  return settings;
}

function treeDepth(trees: { feature: Int32Array; left: Int32Array; right: Int32Array }[]): number {
  let max = 0;
  for (const t of trees) {
    const depth = new Int32Array(t.feature.length);
    for (let i = 0; i < t.feature.length; i++) {
      if (t.feature[i] < 0) continue;
      depth[t.left[i]] = depth[t.right[i]] = depth[i] + 1;
      max = Math.max(max, depth[i] + 1);
    }
  }
  return max;
}
