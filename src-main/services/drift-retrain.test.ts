/**
 * "Retrain on recent data" through the real services in-process: a milling model scores the
 * demo fleet's simulated milling centres for two simulated days (their readings stored in the real
 * history store), then `drift:retrain` trains a new run on the bundled AI4I rows plus those
 * readings, labelled by the failures the fleet recorded — with the run's own settings, the normal
 * progress events, listed next to the current run and not activated.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetConfig, RunSummary } from '../shared/contract';
import { createStorageApi } from '../store/storage-api';
import { createDataApi } from './data-api';
import type { Runtime } from './runtime';
import { createTwinApi } from './twin-api';
import { createInProcessRuntime } from './in-process-runtime';

const DATASETS = join(__dirname, '../../datasets');
const HOUR = 3_600_000;
const FOREST = { nTrees: 12, maxDepth: 10, minSamplesSplit: 2, minSamplesLeaf: 1, criterion: 'gini', classWeight: 'none', maxFeatures: 'sqrt' } as const;
let dir: string;
let rt: Runtime;
const data = createDataApi();
let storage: ReturnType<typeof createStorageApi>;
const twin = createTwinApi(fastClock(), { frameMs: 5 });

/** A real-time clock that runs 1999 ms per tick (just under the sleep gap): ×1000 covers 33 simulated minutes a tick. */
function fastClock() {
  let t = 0;
  return () => (t += 1999);
}

async function call<T>(channel: string, arg: unknown): Promise<T> {
  const r = await rt.dispatch(channel as never, arg as never);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twinscope-retrain-'));
  storage = createStorageApi(join(dir, 'db.sqlite'));
  rt = await createInProcessRuntime({ dataDir: dir, datasetsDir: DATASETS, trainWorkers: 2, storage, data, twin, defaultModels: false });
}, 60_000);
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('drift:retrain', () => {
  it('adds the fleet history the model scored, labelled by recorded failures, to its original data and trains a new run with the same settings', async () => {
    await call('dataset:openBundled', { id: 'milling-ai4i' });
    const settings = { pipeline: 'milling-physics', folds: 2, seed: 7, validation: 'holdout', forest: FOREST } as const;
    await call('model:train', { runId: 'mill-1', datasetId: 'milling-ai4i', ...settings });
    const register = await call<AssetConfig[]>('assets:list', {});
    for (const a of register.filter((x) => x.kind === 'milling')) await call('assets:save', { asset: { ...a, modelRunId: 'mill-1' } });

    // Two simulated days at ×1000 on the fast clock, stored as history by the twin service.
    const start = (await call<{ clock: { simTimeMs: number } }>('fleet:state', {})).clock.simTimeMs;
    await call('fleet:control', { speed: 1000, paused: false });
    for (let now = start; now < start + 48 * HOUR; now = (await call<{ clock: { simTimeMs: number } }>('fleet:state', {})).clock.simTimeMs) await new Promise((r) => setTimeout(r, 50));
    await call('fleet:control', { paused: true });
    await new Promise((r) => setTimeout(r, 200));

    const scored = storage.scoredReadings({ runId: 'mill-1', limit: 1_000_000 });
    const failures = twin.failures().filter((f) => register.find((a) => a.id === f.assetId)?.kind === 'milling');
    expect(scored.length).toBeGreaterThan(1000);
    expect(failures.length).toBeGreaterThan(0);
    // Each reading keeps the job's product quality, which its sensor values do not carry.
    expect(scored.every((r) => ['L', 'M', 'H'].includes(r.inputs?.Type as string))).toBe(true);

    const progress: string[] = [];
    const stop = rt.events.subscribe((name, p) => name === 'model:progress' && progress.push((p as { runId: string; phase: string }).phase));
    const r = await call<{ runId: string; datasetId: string; history: { rows: number; failures: number; positives: number; skipped: number; assets: number } }>('drift:retrain', { runId: 'mill-1' });
    stop();
    expect(r.runId).toMatch(/^mill-1-retrain-/);
    expect(r.datasetId).toBe('milling-ai4i+history:mill-1');
    expect(r.history).toMatchObject({ rows: scored.length, skipped: 0, assets: 6 });
    expect(progress).toContain('cross-validation');
    expect(progress[progress.length - 1]).toBe('done');

    // Row count = original + history; history labels = the recorded failures' readings, nothing else.
    const original = data.trainingMatrix({ datasetId: 'milling-ai4i', pipeline: 'milling-physics' });
    const combined = data.trainingMatrix({ datasetId: r.datasetId, pipeline: 'milling-physics' });
    expect(combined.label.length).toBe(original.label.length + scored.length);
    const failedAt = new Set(failures.map((f) => `${f.assetId}@${f.atMs}`));
    const expected = scored.map((s) => (failedAt.has(`${s.assetId}@${s.t}`) ? 1 : 0));
    const added = Array.from(combined.label.subarray(original.label.length));
    expect(added).toEqual(expected);
    expect(r.history.failures).toBe(expected.filter((v) => v === 1).length);
    expect(r.history.failures).toBeGreaterThan(0);
    expect(r.history.positives).toBe(r.history.failures);
    expect(Array.from(combined.label.subarray(0, original.label.length))).toEqual(Array.from(original.label));
    // The rows hold the stored readings: air temperature as the sensor read it.
    const air = combined.columns[combined.names.indexOf('Air temperature [K]')];
    expect(Array.from(air.subarray(original.label.length))).toEqual(scored.map((s) => s.readings.airTempK));

    // Listed next to the current run, not activated, with the same settings and what history added.
    const runs = await call<RunSummary[]>('model:listRuns', {});
    const before = runs.find((x) => x.runId === 'mill-1')!, after = runs.find((x) => x.runId === r.runId)!;
    expect(after.active).toBe(false);
    expect(after.rows).toBe(original.label.length + scored.length);
    expect(after.request).toEqual(before.request);
    expect(after.request).toMatchObject(settings);
    expect(after.history).toMatchObject({ baseDatasetId: 'milling-ai4i', rows: scored.length, failures: r.history.failures });
    expect(after.datasetTitle).toContain(`${scored.length.toLocaleString('en')} history rows (`);

  }, 240_000);

  it('refuses a run that does not exist, and a model with no history yet, naming why', async () => {
    await expect(call('drift:retrain', { runId: 'nope' })).rejects.toThrow('runId "nope": no such run');
    await call('model:train', { runId: 'mill-2', datasetId: 'milling-ai4i', pipeline: 'milling-physics', folds: 2, seed: 1, validation: 'holdout', forest: { ...FOREST, nTrees: 4 } });
    await expect(call('drift:retrain', { runId: 'mill-2' })).rejects.toThrow(/no history scored by mill-2 yet/);
  }, 120_000);
});
