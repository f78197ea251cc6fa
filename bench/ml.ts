/**
 * `npm run bench:ml`: our tree engine against scikit-learn and xgboost on the real AI4I 2020 file,
 * 5-fold stratified CV (seed 42), on exactly the same matrices and folds (written to CSV and fed to
 * ../shared/bench/anchor_sklearn.py in the same run). Prints per model: train s (5 folds), one-row
 * predict p50 µs, batch predict ms, F1 / precision / recall at 0.5, ROC-AUC, PR-AUC, Brier, and ratios.
 */
import { spawnSync } from 'node:child_process';
import { RandomForestClassifier as MlRandomForest } from 'ml-random-forest';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrainApi } from '../src-main/ml/train-api';
import { TrainPool } from '../src-main/ml/train-pool';
import { WorkerHost } from '../src-main/workers/rpc';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyse, suggestRoles } from '../src-main/data/import/analyse';
import { DEFAULT_FOREST_SETTINGS } from '../src-main/shared/contract';
import { ImportSession } from '../src-main/data/import/session';
import { numericColumn } from '../src-main/data/table';
import { computeFeatures, defaultPipeline, seriesKeys } from '../src-main/ml/features';
import { DEFAULT_FOREST, predictForest, predictForestBatch, trainForest, type ForestOptions } from '../src-main/ml/forest';
import { DEFAULT_BOOST, predictBoosted, predictBoostedBatch, trainBoosted, type BoostOptions } from '../src-main/ml/boosting';
import { groupFolds, stratifiedFolds } from '../src-main/ml/folds';
import { horizonLabels } from '../src-main/ml/timeseries';
import { averagePrecision, brier, confusion, precisionRecallF1, rocAuc } from '../src-main/ml/metrics';

const root = join(import.meta.dirname, '..');
const AI4I = join(root, '..', 'shared', 'datasets', 'ai4i2020.csv');
const ANCHOR = join(root, '..', 'shared', 'bench', 'anchor_sklearn.py');
const dir = join(process.env.TMPDIR ?? '/tmp', 'twinscope-bench');
mkdirSync(dir, { recursive: true });

// The app's default forest, as the Model view offers it.
const APP_FOREST: ForestOptions = { ...DEFAULT_FOREST, ...DEFAULT_FOREST_SETTINGS };

const session = new ImportSession({ fileName: AI4I });
session.push(new Uint8Array(readFileSync(AI4I)));
const parsed = session.finish();
const s = suggestRoles(parsed);
const { prepared } = analyse(parsed, s.roles, s.kind);
if (!prepared) throw new Error('the AI4I file did not import');
const y = Uint8Array.from(numericColumn(prepared.table, prepared.schema.labelColumn!));
const folds = stratifiedFolds(y, 5, 42);
const raw = computeFeatures(prepared.table, prepared.schema, defaultPipeline(prepared.table, prepared.schema, 'raw'));
const physics = computeFeatures(prepared.table, prepared.schema, defaultPipeline(prepared.table, prepared.schema, 'milling-physics'));

interface Row {
  model: string;
  threads: number | string;
  train_s: number;
  predict_one_us: number;
  predict_batch_ms: number;
  f1: number;
  precision: number;
  recall: number;
  roc_auc: number;
  pr_auc: number;
  brier: number | null;
}

// The app trains in a pool of worker threads (one per core); here they run the TypeScript entry via tsx.
const TRAIN_WORKER = join(root, 'src-main', 'workers', 'train.worker.ts');
function makePool(size: number) {
  // A worker does not inherit tsx's loader: register it in the worker before loading the entry.
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(TRAIN_WORKER).href)}); })`;
  const hosts = Array.from({ length: size }, (_, i) => new WorkerHost<TrainApi>(`train-${i}`, () => new Worker(boot, { eval: true })));
  return { pool: new TrainPool(hosts), close: () => Promise.all(hosts.map((h) => h.close())) };
}

/** Train time in the app's way: 2 training workers, trees shared out, summed over the 5 folds. */
async function poolTrainSeconds(m: { columns: Float64Array[] }, opts: ForestOptions, workers: number): Promise<number> {
  const { pool, close } = makePool(workers);
  // Warm the workers up on the full data first: thread start, module load and JIT compilation are
  // not training (the 1-thread row runs in this already-warm thread too).
  await pool.trainForest(m.columns, y, opts);
  let total = 0;
  for (let k = 0; k < 5; k++) {
    const tr: number[] = [];
    for (let i = 0; i < y.length; i++) if (folds[i] !== k) tr.push(i);
    const cols = m.columns.map((c) => Float64Array.from(tr, (i) => c[i]));
    const lab = Uint8Array.from(tr, (i) => y[i]);
    const t0 = performance.now();
    await pool.trainForest(cols, lab, opts);
    total += performance.now() - t0;
  }
  await close();
  return total / 1000;
}

interface Fitted {
  batch(columns: Float64Array[]): Float64Array;
  one(x: Float64Array): number;
}
type Fit = (columns: Float64Array[], label: Uint8Array, boundaries: number[][]) => Fitted;
const forestFit = (opts: ForestOptions): Fit => (cols, lab, b) => {
  const f = trainForest(cols, lab, opts, b);
  return { batch: (c) => predictForestBatch(f, c), one: (x) => predictForest(f, x) };
};
const boostedFit = (opts: BoostOptions): Fit => (cols, lab, b) => {
  const m = trainBoosted(cols, lab, opts, b);
  rounds.push(m.bestRound);
  return { batch: (c) => predictBoostedBatch(m, c), one: (x) => predictBoosted(m, x) };
};
const rounds: number[] = [];

/** A label and its folds: AI4I's stratified 5 folds, or the motor fleet's grouped by asset. */
interface Task {
  y: Uint8Array;
  folds: Int32Array;
}

function ours(name: string, m: { columns: Float64Array[]; boundaries: number[][] }, fit: Fit, task: Task = { y, folds }): Row {
  const { y, folds } = task;
  const p = new Float64Array(y.length);
  let train = 0, batch = 0;
  const one: number[] = [];
  for (let k = 0; k < 5; k++) {
    const tr: number[] = [], te: number[] = [];
    for (let i = 0; i < y.length; i++) (folds[i] === k ? te : tr).push(i);
    const t0 = performance.now();
    const f = fit(m.columns.map((c) => Float64Array.from(tr, (i) => c[i])), Uint8Array.from(tr, (i) => y[i]), m.boundaries);
    train += performance.now() - t0;
    const test = m.columns.map((c) => Float64Array.from(te, (i) => c[i]));
    const t1 = performance.now();
    const pp = f.batch(test);
    batch += performance.now() - t1;
    te.forEach((i, j) => (p[i] = pp[j]));
    const x = Float64Array.from(test, (c) => c[0]);
    for (let r = 0; r < 2000; r++) {
      const t2 = performance.now();
      f.one(x);
      one.push((performance.now() - t2) * 1000);
    }
  }
  const c = precisionRecallF1(confusion(y, p, 0.5));
  one.sort((a, b) => a - b);
  return {
    model: name, threads: 1, train_s: train / 1000, predict_one_us: one[one.length >> 1], predict_batch_ms: batch,
    f1: c.f1, precision: c.precision, recall: c.recall, roc_auc: rocAuc(y, p), pr_auc: averagePrecision(y, p), brier: brier(y, p),
  };
}

function writeMatrix(file: string, m: { names: string[]; columns: Float64Array[] }, task: Task = { y, folds }): void {
  const { y, folds } = task;
  const lines = [[...m.names.map((n, i) => `f${i}`), 'label', 'fold'].join(',')];
  for (let i = 0; i < y.length; i++) lines.push([...m.columns.map((c) => c[i]), y[i], folds[i]].join(','));
  writeFileSync(file, lines.join('\n') + '\n');
}

function anchor(file: string, label: string, threads = '1,2'): Row[] {
  const r = spawnSync('/usr/bin/python3', [ANCHOR, file, '--threads', threads], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`anchor_sklearn.py failed (${label}): ${r.stderr.trim().split('\n').pop()} — apt-get install -y python3-sklearn python3-xgboost`);
    return [];
  }
  return r.stdout.trim().split('\n').map((l) => {
    const j = JSON.parse(l);
    return { ...j, model: `${j.model} [${label}]`, predict_one_us: j.predict_one_ms * 1000, brier: null };
  });
}

const rawFile = join(dir, 'ai4i-raw-matrix.csv'), physFile = join(dir, 'ai4i-physics-matrix.csv');
writeMatrix(rawFile, raw);
writeMatrix(physFile, physics);
console.log(`AI4I 2020 (${y.length} rows, ${y.reduce((a, b) => a + b, 0)} failures), 5-fold stratified, seed 42`);
console.log(`raw features: ${raw.names.join(', ')}`);
console.log(`physics pipeline adds: ${physics.names.slice(raw.names.length).join(', ')}\n`);

const rows: Row[] = [
  ours('Twinscope RF, workshop settings (100 trees, depth 10, min split 10, min leaf 5, balanced) [raw]', raw, forestFit(DEFAULT_FOREST)),
  ours(`Twinscope RF, app defaults (${APP_FOREST.nTrees} trees, depth ${APP_FOREST.maxDepth}, min leaf ${APP_FOREST.minSamplesLeaf}) [physics]`, physics, forestFit(APP_FOREST)),
  ours(`Twinscope boosted trees (lr ${DEFAULT_BOOST.learningRate}, depth ${DEFAULT_BOOST.maxDepth}, early stopping on ${DEFAULT_BOOST.validationShare * 100}% of each training fold) [raw]`, raw, boostedFit(DEFAULT_BOOST)),
  ours(`Twinscope boosted trees, same settings [physics]`, physics, boostedFit(DEFAULT_BOOST)),
  ...anchor(rawFile, 'raw'),
  ...anchor(physFile, 'physics'),
];

const pooled = await poolTrainSeconds(raw, DEFAULT_FOREST, 2);
rows.splice(1, 0, { ...rows[0], model: rows[0].model.replace('Twinscope RF', 'Twinscope RF in 2 training workers'), threads: 2, train_s: pooled });
/**
 * ml-random-forest 2.1.0, the engine the stack first named: 100 trees of depth 10 on the raw
 * features. It takes about a minute per fold, so one fold is trained and the rest are not run.
 */
function mlRandomForestOneFold(): Row {
  const tr: number[] = [], te: number[] = [];
  for (let i = 0; i < y.length; i++) (folds[i] === 0 ? te : tr).push(i);
  const rowsOf = (idx: number[]) => idx.map((i) => raw.columns.map((c) => c[i]));
  const rf = new MlRandomForest({ nEstimators: 100, maxFeatures: 0.5, seed: 42, treeOptions: { maxDepth: 10 }, noOOB: true } as never);
  const t0 = performance.now();
  rf.train(rowsOf(tr), tr.map((i) => y[i]));
  const train = (performance.now() - t0) / 1000;
  const test = rowsOf(te);
  const t1 = performance.now();
  const pred = rf.predict(test);
  const batch = performance.now() - t1;
  const one: number[] = [];
  for (let r = 0; r < 50; r++) {
    const t2 = performance.now();
    rf.predict([test[0]]);
    one.push((performance.now() - t2) * 1000);
  }
  one.sort((a, b) => a - b);
  const yt = Uint8Array.from(te, (i) => y[i]), p = Float64Array.from(pred);
  const c = precisionRecallF1(confusion(yt, p, 0.5));
  return {
    model: 'ml-random-forest 2.1.0 (100 trees, depth 10) [raw] — fold 1 of 5 only, train s for that fold', threads: 1, train_s: train,
    predict_one_us: one[one.length >> 1], predict_batch_ms: batch, f1: c.f1, precision: c.precision, recall: c.recall,
    roc_auc: rocAuc(yt, p), pr_auc: averagePrecision(yt, p), brier: brier(yt, p),
  };
}
if (!process.argv.includes('--skip-ml-random-forest')) rows.splice(3, 0, mlRandomForestOneFold());

const fmt = (x: number | null, d = 3) => (x === null || !Number.isFinite(x) ? '–' : x.toFixed(d));
console.log('model'.padEnd(100), 'thr', 'train s', '1-row µs', 'batch ms', '   F1  ', ' prec ', ' recall', 'ROC-AUC', 'PR-AUC', 'Brier');
for (const r of rows) {
  console.log(r.model.padEnd(100), String(r.threads).padStart(3), fmt(r.train_s, 2).padStart(7), fmt(r.predict_one_us, 1).padStart(8), fmt(r.predict_batch_ms, 1).padStart(8), fmt(r.f1).padStart(7), fmt(r.precision).padStart(6), fmt(r.recall).padStart(7), fmt(r.roc_auc).padStart(7), fmt(r.pr_auc).padStart(6), fmt(r.brier, 4).padStart(6));
}
const skWorkshop = (t: number) => rows.find((r) => r.model.startsWith('sklearn RandomForest, workshop') && r.model.endsWith('[raw]') && r.threads === t);
for (const [us, t] of [[rows[0], 1], [rows[1], 2]] as const) {
  const sk = skWorkshop(t);
  if (sk) console.log(`\nours (${t} thread${t > 1 ? 's' : ''}) / sklearn workshop RF (${t} thread${t > 1 ? 's' : ''}): train time ${(us.train_s / sk.train_s).toFixed(2)}${t === 2 ? ' (target ≤ 0.5)' : ''}, F1 ${(us.f1 / sk.f1).toFixed(3)} (target ≥ 0.98)`);
}
const app = rows[2];
console.log(`app default on physics features: F1 ${fmt(app.f1)} (target ≥ 0.90), PR-AUC ${fmt(app.pr_auc)} (target ≥ 0.90), one-row predict p50 ${fmt(app.predict_one_us, 1)} µs (target ≤ 20)`);
console.log(`boosted trees: rounds kept by early stopping per fold: ${rounds.join(', ')}`);

// The bundled motor fleet: per-asset time-series features, label "fails within 24 h", 5 folds grouped
// by asset (no motor in both training and test), against scikit-learn on the identical matrix.
const MOTOR = join(root, 'datasets', 'motor-fleet.csv');
const motorSession = new ImportSession({ fileName: MOTOR });
motorSession.push(new Uint8Array(readFileSync(MOTOR)));
const motorParsed = motorSession.finish();
const ms = suggestRoles(motorParsed);
const motorPrepared = analyse(motorParsed, ms.roles, ms.kind).prepared;
if (!motorPrepared) throw new Error('the motor-fleet file did not import');
const seriesPipeline = defaultPipeline(motorPrepared.table, motorPrepared.schema, 'fleet-timeseries');
const motor = computeFeatures(motorPrepared.table, motorPrepared.schema, seriesPipeline);
const keys = seriesKeys(motorPrepared.table, motorPrepared.schema);
const motorY = horizonLabels(keys.asset, keys.time, numericColumn(motorPrepared.table, motorPrepared.schema.labelColumn!), seriesPipeline.series!.horizonHours * 3_600_000);
const motorTask: Task = { y: motorY, folds: groupFolds(Int32Array.from(keys.asset), 5, 42) };
const motorFile = join(dir, 'motor-fleet-matrix.csv');
writeMatrix(motorFile, motor, motorTask);
console.log(`\nMotor fleet (${motorY.length} readings of ${new Set(keys.asset).size} motors, ${motorY.reduce((a, b) => a + b, 0)} within ${seriesPipeline.series!.horizonHours} h of a failure), 5 folds grouped by motor, seed 42`);
console.log(`${motor.names.length} features: the sensors, and per sensor a ${seriesPipeline.series!.longWindow}-reading mean, spread and z-distance, and a ${seriesPipeline.series!.shortWindow}-reading change and rate (flags above the training p99 are fold-specific, so the app adds them, not this shared matrix)`);
const MOTOR_FOREST: ForestOptions = { ...APP_FOREST, nTrees: 100 };
const motorRows: Row[] = [
  ours(`Twinscope RF (${MOTOR_FOREST.nTrees} trees, depth ${MOTOR_FOREST.maxDepth}, min leaf ${MOTOR_FOREST.minSamplesLeaf}) [motor]`, motor, forestFit(MOTOR_FOREST), motorTask),
  ours('Twinscope boosted trees (app defaults) [motor]', motor, boostedFit(DEFAULT_BOOST), motorTask),
  ...anchor(motorFile, 'motor', '2'),
];
for (const r of motorRows) {
  console.log(r.model.padEnd(100), String(r.threads).padStart(3), fmt(r.train_s, 2).padStart(7), fmt(r.predict_one_us, 1).padStart(8), fmt(r.predict_batch_ms, 1).padStart(8), fmt(r.f1).padStart(7), fmt(r.precision).padStart(6), fmt(r.recall).padStart(7), fmt(r.roc_auc).padStart(7), fmt(r.pr_auc).padStart(6), fmt(r.brier, 4).padStart(6));
}
const skMotor = motorRows.filter((r) => r.model.startsWith('sklearn RandomForest'));
if (skMotor.length) {
  const best = skMotor.reduce((a, b) => (b.pr_auc > a.pr_auc ? b : a));
  const ourRf = motorRows[0];
  console.log(`\nmotor fleet, ours vs the better sklearn RF ("${best.model}"): F1 ${fmt(ourRf.f1)} vs ${fmt(best.f1)} (target ≥ −0.02: ${fmt(ourRf.f1 - best.f1)}), PR-AUC ${fmt(ourRf.pr_auc)} vs ${fmt(best.pr_auc)} (target ≥ −0.02: ${fmt(ourRf.pr_auc - best.pr_auc)})`);
}
