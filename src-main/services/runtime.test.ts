import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../store/migrations';
import type { Runtime } from './runtime';
import { createInProcessRuntime } from './in-process-runtime';

const DATASETS = join(__dirname, '../../datasets');
let dir: string;
let rt: Runtime;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twinscope-rt-'));
  rt = await createInProcessRuntime({ dataDir: dir, datasetsDir: DATASETS, trainWorkers: 2, defaultModels: false });
});
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

const FOREST = { nTrees: 20, maxDepth: 12, minSamplesSplit: 2, minSamplesLeaf: 1, criterion: 'gini', classWeight: 'none', maxFeatures: 'sqrt' } as const;

/** A training request on the bundled milling data, with what a test changes. */
function train(runId: string, req: Record<string, unknown>, forest: Partial<Record<keyof typeof FOREST, unknown>> = {}) {
  return rt.dispatch('model:train', { runId, datasetId: 'milling-ai4i', pipeline: 'milling-physics', folds: 3, seed: 42, ...req, forest: { ...FOREST, ...forest } });
}

/** Counts straight from the CSV text, independent of the parser under test. */
function countFile(file: string, labelIdx: number) {
  const lines = readFileSync(join(DATASETS, file), 'utf8').trim().split('\n').slice(1);
  return { rows: lines.length, failures: lines.filter((l) => l.split(',')[labelIdx] === '1').length };
}

describe('services runtime', () => {
  it('answers app:info', async () => {
    const r = await rt.dispatch('app:info', {});
    expect(r).toMatchObject({ ok: true, value: { name: 'Twinscope', transport: 'web', databaseSchemaVersion: MIGRATIONS[MIGRATIONS.length - 1].version } });
  });

  it('opens the bundled milling dataset with the numbers in the file (two requests at once share one read)', async () => {
    // The Data view and the first start's model training can ask at the same moment.
    const [r, again] = await Promise.all([rt.dispatch('dataset:openBundled', { id: 'milling-ai4i' }), rt.dispatch('dataset:openBundled', { id: 'milling-ai4i' })]);
    expect(again).toEqual(r);
    if (!r.ok) throw new Error(r.error.message);
    const o = r.value as { rows: number; failures: number; schema: string; failuresByMode: { mode: string; count: number }[]; columns: unknown[] };
    const expected = countFile('milling-ai4i.csv', 8);
    expect(o.schema).toBe('ai4i');
    expect(o.rows).toBe(expected.rows);
    expect(o.failures).toBe(expected.failures);
    // UDI and Product ID are identifiers: the AI4I mapping ignores them.
    expect(o.columns.map((c) => (c as { name: string }).name)).not.toContain('UDI');
    expect(o.columns).toHaveLength(12);
    expect(o.failuresByMode.map((m) => m.mode)).toEqual(['TWF', 'HDF', 'PWF', 'OSF', 'RNF']);
  });

  it('answers import:prepare (this runtime reads files in-process: no helpers to start)', async () => {
    expect(await rt.dispatch('import:prepare', {})).toEqual({ ok: true, value: { helpers: 0 } });
  });

  it('splits a histogram by failure class, counting every row once', async () => {
    await rt.dispatch('dataset:openBundled', { id: 'milling-ai4i' });
    const r = await rt.dispatch('dataset:histogram', { datasetId: 'milling-ai4i', column: 'Torque [Nm]', bins: 30 });
    if (!r.ok) throw new Error(r.error.message);
    const h = r.value as { edges: number[]; normal: number[]; failure: number[] };
    expect(h.edges).toHaveLength(31);
    const total = h.normal.reduce((a, b) => a + b, 0) + h.failure.reduce((a, b) => a + b, 0);
    expect(total).toBe(10_000);
    expect(h.failure.reduce((a, b) => a + b, 0)).toBe(countFile('milling-ai4i.csv', 8).failures);
  });

  it('opens the motor fleet with its assets and text failure modes', async () => {
    const r = await rt.dispatch('dataset:openBundled', { id: 'motor-fleet' });
    if (!r.ok) throw new Error(r.error.message);
    const o = r.value as { assets: number; schema: string; failures: number; failuresByMode: { count: number }[] };
    expect(o.schema).toBe('motor-fleet');
    expect(o.assets).toBe(20);
    expect(o.failuresByMode.reduce((a, m) => a + m.count, 0)).toBe(o.failures);
  });

  it('refuses unknown channels and malformed payloads with clear errors, and keeps serving', async () => {
    expect(await rt.dispatch('dataset:explode', {})).toEqual({ ok: false, error: { name: 'ContractError', message: 'unknown channel "dataset:explode"' } });
    const bad = await rt.dispatch('dataset:histogram', { datasetId: 'milling-ai4i', column: 'x', bins: 100000 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toMatch(/invalid payload for dataset:histogram: bins/);
    const missing = await rt.dispatch('dataset:openBundled', { id: 'nope' });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toMatch(/no bundled dataset "nope"/);
    expect((await rt.dispatch('app:info', {})).ok).toBe(true);
  });

  it('trains a cross-validated forest on the bundled milling data, with progress', async () => {
    await rt.dispatch('dataset:openBundled', { id: 'milling-ai4i' });
    const seen: string[] = [];
    const off = rt.events.subscribe((name, p) => name === 'model:progress' && seen.push((p as { phase: string }).phase));
    const r = await rt.dispatch('model:train', {
      runId: 'r1', datasetId: 'milling-ai4i', pipeline: 'milling-physics', folds: 3, seed: 42,
      forest: { nTrees: 20, maxDepth: 12, minSamplesSplit: 2, minSamplesLeaf: 1, criterion: 'gini', classWeight: 'none', maxFeatures: 'sqrt' },
    });
    off();
    if (!r.ok) throw new Error(r.error.message);
    const res = r.value as { metrics: { f1: number; rocAuc: number }; confusion: { tp: number; fn: number }; importance: { feature: string }[]; roc: { x: number[] } };
    expect(res.metrics.f1).toBeGreaterThan(0.7);
    expect(res.metrics.rocAuc).toBeGreaterThan(0.9);
    expect(res.confusion.tp + res.confusion.fn).toBe(countFile('milling-ai4i.csv', 8).failures);
    expect(res.roc.x.length).toBeLessThanOrEqual(200);
    // Shuffling a rule margin costs more held-out PR-AUC than shuffling the product type.
    const perm = Object.fromEntries((res.importance as unknown as { feature: string; permutation: number }[]).map((i) => [i.feature, i.permutation]));
    expect(Math.max(perm['heat-dissipation margin'], perm['power-band margin'], perm['overstrain margin [min·Nm]'])).toBeGreaterThan(perm.Type + 0.02);
    expect(seen).toEqual(expect.arrayContaining(['features', 'cross-validation', 'final model', 'done']));
    // Recall per mode: every mode's failures are counted; at threshold 0 all are caught.
    const modes = (r.value as { modeRecall: { mode: string; failures: number; caught: number[] }[] }).modeRecall;
    expect(modes.map((m) => m.mode)).toEqual(['TWF', 'HDF', 'PWF', 'OSF', 'RNF']);
    for (const m of modes) expect(m.caught[0]).toBe(m.failures);
    // The mode models name the rule-driven modes (heat dissipation, power, overstrain) for most of their failures.
    const identified = Object.fromEntries((modes as unknown as { mode: string; failures: number; identified: number }[]).map((m) => [m.mode, m.identified / m.failures]));
    expect(identified.HDF).toBeGreaterThan(0.6);
    expect(identified.PWF).toBeGreaterThan(0.6);
    expect(modes.find((m) => m.mode === 'HDF')!.failures).toBeGreaterThan(50);
  });

  it('trains with ml-random-forest as the reference engine, through the same folds, calibration and model file', async () => {
    await rt.dispatch('dataset:openBundled', { id: 'milling-ai4i' });
    const r = await train('ref', { folds: 2, engine: 'ml-random-forest' }, { nTrees: 2, maxDepth: 4 });
    if (!r.ok) throw new Error(r.error.message);
    const res = r.value as { metrics: { rocAuc: number }; rows: number };
    expect(res.rows).toBe(10_000);
    expect(res.metrics.rocAuc).toBeGreaterThan(0.5);
    const runs = await rt.dispatch('model:listRuns', {});
    expect(runs.ok && (runs.value as { runId: string; engine?: string }[]).find((x) => x.runId === 'ref')?.engine).toBe('ml-random-forest');
    // Its trees were converted to the flat layout: TreeSHAP explains them like our own.
    const e = await rt.dispatch('model:explain', { runId: 'ref', datasetId: 'milling-ai4i', row: 0, pick: 'this' });
    if (!e.ok) throw new Error(e.error.message);
    const x = e.value as { base: number; score: number; contributions: { shap: number }[] };
    expect(x.base + x.contributions.reduce((a, c) => a + c.shap, 0)).toBeCloseTo(x.score, 9);
  }, 120_000);

  it('trains gradient-boosted trees through the same folds, calibration, model file and explanations', async () => {
    await rt.dispatch('dataset:openBundled', { id: 'milling-ai4i' });
    const r = await train('boost', { model: 'boosted-trees' }, { nTrees: 50, maxDepth: 6 });
    if (!r.ok) throw new Error(r.error.message);
    const res = r.value as { metrics: { f1: number; prAuc: number } };
    expect(res.metrics.f1).toBeGreaterThan(0.8);
    const runs = await rt.dispatch('model:listRuns', {});
    expect(runs.ok && (runs.value as { runId: string; model?: string }[]).find((x) => x.runId === 'boost')?.model).toBe('boosted-trees');
    const e = await rt.dispatch('model:explain', { runId: 'boost', datasetId: 'milling-ai4i', row: 0, pick: 'failure' });
    if (!e.ok) throw new Error(e.error.message);
    const x = e.value as { scale: string; base: number; score: number; probability: number; contributions: { shap: number }[] };
    expect(x.scale).toBe('log-odds');
    expect(x.base + x.contributions.reduce((a, c) => a + c.shap, 0)).toBeCloseTo(x.score, 9);
    expect(x.probability).toBeGreaterThan(0.5);
    // The saved file reopens as a boosted model.
    const file = await rt.dispatch('model:export', { runId: 'boost' });
    if (!file.ok) throw new Error(file.error.message);
    expect(JSON.parse((file.value as { text: string }).text).engine).toBe('twinscope-boosted');
  }, 120_000);

  it('evaluates on a 20 % holdout when asked: metrics on the held-out rows only', async () => {
    await rt.dispatch('dataset:openBundled', { id: 'milling-ai4i' });
    const r = await train('holdout', { folds: 5, validation: 'holdout' }, { maxFeatures: 0.5 });
    if (!r.ok) throw new Error(r.error.message);
    const res = r.value as { validation: string; evaluatedRows: number; metrics: { f1: number }; confusion: { tp: number; fp: number; tn: number; fn: number } };
    expect(res.validation).toBe('holdout');
    expect(res.evaluatedRows).toBeGreaterThan(1900);
    expect(res.evaluatedRows).toBeLessThan(2100);
    const { tp, fp, tn, fn } = res.confusion;
    expect(tp + fp + tn + fn).toBe(res.evaluatedRows);
    expect(res.metrics.f1).toBeGreaterThan(0.6);
  });

  it('explains one row of the trained model with exact TreeSHAP: contributions add up to its score', async () => {
    const r = await rt.dispatch('model:explain', { runId: 'r1', datasetId: 'milling-ai4i', row: 0, pick: 'failure' });
    if (!r.ok) throw new Error(r.error.message);
    const e = r.value as { row: number; label: number; score: number; base: number; probability: number; contributions: { feature: string; shap: number }[] };
    expect(e.label).toBe(1);
    expect(e.contributions).toHaveLength(12);
    expect(e.base + e.contributions.reduce((a, c) => a + c.shap, 0)).toBeCloseTo(e.score, 9);
    expect(e.probability).toBeGreaterThanOrEqual(0);
    expect(e.probability).toBeLessThanOrEqual(1);
    // One probability per mode, each at most the failure probability it splits up.
    const modes = (r.value as { modes: { mode: string; probability: number }[] }).modes;
    expect(modes.map((m) => m.mode).sort()).toEqual(['HDF', 'OSF', 'PWF', 'RNF', 'TWF']);
    for (const m of modes) expect(m.probability).toBeLessThanOrEqual(e.probability + 1e-12);
    // Sorted by size of contribution.
    expect(Math.abs(e.contributions[0].shap)).toBeGreaterThanOrEqual(Math.abs(e.contributions[11].shap));
    const normal = await rt.dispatch('model:explain', { runId: 'r1', datasetId: 'milling-ai4i', row: e.row, pick: 'normal' });
    expect(normal.ok && (normal.value as { label: number }).label).toBe(0);
    const missing = await rt.dispatch('model:explain', { runId: 'no-such-run', datasetId: 'milling-ai4i', row: 0, pick: 'this' });
    expect(missing.ok).toBe(false);
  });

  it('trains a fleet model on per-asset time series: 24 h horizon label, folds grouped by motor', async () => {
    const opened = await rt.dispatch('dataset:openBundled', { id: 'motor-fleet' });
    if (!opened.ok) throw new Error(opened.error.message);
    const r = await rt.dispatch('model:train', {
      runId: 'fleet', datasetId: 'motor-fleet', pipeline: 'fleet-timeseries', folds: 4, seed: 7,
      forest: { nTrees: 12, maxDepth: 10, minSamplesSplit: 2, minSamplesLeaf: 5, criterion: 'gini', classWeight: 'none', maxFeatures: 'sqrt' },
    });
    if (!r.ok) throw new Error(r.error.message);
    const res = r.value as { features: string[]; rows: number; positives: number; metrics: { rocAuc: number; prAuc: number } };
    // Each failure event labels the readings of the 24 h before it: far more positives than events.
    expect(res.positives).toBeGreaterThan(20 * 39);
    expect(res.features).toEqual(expect.arrayContaining(['vibration_mm_s · mean 36', 'temperature_c · rate/h 6']));
    // Held-out motors only: a model that learned something about degradation, not about the motor.
    expect(res.metrics.rocAuc).toBeGreaterThan(0.75);
    const fleet = r.value as { folding: string; horizon: string; modeRecall: { mode: string; failures: number }[] };
    expect(fleet.folding).toBe('by asset');
    expect(fleet.horizon).toBe('within 24 h');
    expect(fleet.modeRecall.map((m) => m.mode).sort()).toEqual(['bearing', 'misalignment', 'overheat', 'overload']);
    // Flags above the training rows' 99th percentile (thresholds stored with the model) are features too,
    // and a stored fleet model explains a reading with exactly its own features.
    expect(res.features).toContain('vibration_mm_s · above training p99');
    const e = await rt.dispatch('model:explain', { runId: 'fleet', datasetId: 'motor-fleet', row: 100, pick: 'failure' });
    if (!e.ok) throw new Error(e.error.message);
    expect((e.value as { contributions: unknown[] }).contributions).toHaveLength(res.features.length);
    const file = await rt.dispatch('model:export', { runId: 'fleet' });
    if (!file.ok) throw new Error(file.error.message);
    expect(JSON.parse((file.value as { text: string }).text).pipeline.series.flagThresholds).toHaveLength(12);
  });

  it('refuses bad training input before any worker starts', async () => {
    const csv = 'a,failure\n' + Array.from({ length: 30 }, (_, i) => `${i},${i < 3 ? 1 : 0}`).join('\n');
    const b = await rt.dispatch('import:begin', { fileName: 'few.csv', totalBytes: csv.length, encoding: 'auto' });
    if (!b.ok) throw new Error(b.error.message);
    const importId = (b.value as { importId: string }).importId;
    await rt.dispatch('import:chunk', { importId, bytes: new TextEncoder().encode(csv) });
    await rt.dispatch('import:finish', { importId });
    const c = await rt.dispatch('import:commit', { importId, roles: { a: 'numeric-feature', failure: 'label' } });
    if (!c.ok) throw new Error(c.error.message);
    const datasetId = (c.value as { datasetId: string }).datasetId;
    // The import is recorded: file, size, rows, roles.
    expect(await rt.dispatch('dataset:imports', { limit: 1 })).toMatchObject({
      ok: true, value: [{ datasetId, fileName: 'few.csv', bytes: csv.length, rows: 30, columns: 2, failures: 3, roles: { a: 'numeric-feature', failure: 'label' } }],
    });
    const r = await rt.dispatch('model:train', {
      runId: 'r2', datasetId, pipeline: 'raw', folds: 3, seed: 1,
      forest: { nTrees: 5, maxDepth: 3, minSamplesSplit: 2, minSamplesLeaf: 1, criterion: 'gini', classWeight: 'balanced', maxFeatures: 'all' },
    });
    expect(r).toMatchObject({ ok: false, error: { name: 'TrainingInputError', message: 'only 3 failure(s): at least 5 are needed to train and evaluate' } });
  });

  it('round-trips settings through storage', async () => {
    const r = await rt.dispatch('settings:update', { operatorName: 'Grace' });
    expect(r).toMatchObject({ ok: true, value: { operatorName: 'Grace' } });
    expect(await rt.dispatch('settings:get', {})).toMatchObject({ ok: true, value: { operatorName: 'Grace' } });
  });
});

describe('training matrix refusals from the data worker', () => {
  it('names the row of a missing feature value', async () => {
    const csv = 'a,b,failure\n' + Array.from({ length: 40 }, (_, i) => `${i},${i === 7 ? '' : i * 2},${i % 5 === 0 ? 1 : 0}`).join('\n');
    const b = await rt.dispatch('import:begin', { fileName: 'gap.csv', totalBytes: csv.length, encoding: 'auto' });
    const importId = (b as { value: { importId: string } }).value.importId;
    await rt.dispatch('import:chunk', { importId, bytes: new TextEncoder().encode(csv) });
    await rt.dispatch('import:finish', { importId });
    const c = await rt.dispatch('import:commit', { importId, roles: {} });
    const datasetId = (c as { value: { datasetId: string } }).value.datasetId;
    const r = await rt.dispatch('model:train', {
      runId: 'gap', datasetId, pipeline: 'raw', folds: 3, seed: 1,
      forest: { nTrees: 3, maxDepth: 3, minSamplesSplit: 2, minSamplesLeaf: 1, criterion: 'gini', classWeight: 'none', maxFeatures: 'all' },
    });
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error.message).toBe('feature "b" has a missing or infinite value at row 9; Twinscope does not impute values yet — fix or drop those rows');
  });

  it('imports a file the desktop shell opened (File › Open…) through the same chunks and events', async () => {
    const seen: string[] = [];
    let ready: { importId: string; rows: number; schema: string; canImport: boolean } | null = null;
    const off = rt.events.subscribe((name, payload) => {
      // The live fleet keeps sending frames meanwhile: only the import's events are checked here.
      if (name.startsWith('import:')) seen.push(name);
      if (name === 'import:ready') ready = payload as typeof ready;
    });
    const importId = await rt.importPath(join(DATASETS, 'milling-ai4i.csv'));
    off();
    expect(seen[0]).toBe('import:opened');
    expect(seen).toContain('import:progress');
    expect(seen[seen.length - 1]).toBe('import:ready');
    expect(ready).toMatchObject({ importId, rows: countFile('milling-ai4i.csv', 8).rows, schema: 'ai4i', canImport: true });
    // The window then confirms the mapping as it would after an upload.
    const committed = await rt.dispatch('import:commit', { importId, roles: {} });
    expect(committed.ok).toBe(true);
  });

  it('reports a refused file the shell opened as import:failed, and a cancelled one not at all', async () => {
    const bad = join(dir, 'header-only.csv');
    writeFileSync(bad, 'a,b,failure\n');
    const events: [string, unknown][] = [];
    const off = rt.events.subscribe((name, payload) => name.startsWith('import:') && name !== 'import:progress' && events.push([name, payload]));
    await rt.importPath(bad);
    expect(events.map(([n]) => n)).toEqual(['import:opened', 'import:ready']);
    // A header-only file reads fine; the mapping step shows why it cannot be imported.
    expect((events[1][1] as { canImport: boolean }).canImport).toBe(false);

    const binary = join(dir, 'sheet.csv');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    events.length = 0;
    await rt.importPath(binary);
    expect(events.map(([n]) => n)).toEqual(['import:opened', 'import:failed']);
    expect((events[1][1] as { message: string }).message).toMatch(/spreadsheet|ZIP|binary/i);

    events.length = 0;
    const cancelled = rt.importPath(join(DATASETS, 'milling-ai4i.csv'));
    await new Promise<void>((resolve) => {
      const stop = rt.events.subscribe((name, payload) => {
        if (name !== 'import:opened') return;
        stop();
        void rt.dispatch('import:cancel', { importId: (payload as { importId: string }).importId }).then(() => resolve());
      });
    });
    await cancelled;
    off();
    expect(events.map(([n]) => n)).not.toContain('import:ready');
    expect(events.map(([n]) => n)).not.toContain('import:failed');
  });
});
