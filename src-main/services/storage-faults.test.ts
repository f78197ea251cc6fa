/**
 * Storage faults while the twin runs: a full disk (the file capped with max_page_count, which fails
 * writes with SQLITE_FULL exactly as a full disk does) is shown to the window, the simulation keeps
 * running, and once there is room again saving resumes with the file intact.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrainPool } from '../ml/train-pool';
import { createTrainApi } from '../ml/train-api';
import { tearTable } from '../store/damage-fixture';
import { createStorageApi } from '../store/storage-api';
import { inProcessClient } from '../workers/rpc';
import { createDataApi } from './data-api';
import { createRuntime } from './runtime';
import { createTwinApi } from './twin-api';

const until = async (what: string, ok: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('storage faults', () => {
  it('a full disk is reported, the twin runs on, and saving resumes intact once there is room', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twinscope-full-'));
    const storage = createStorageApi(join(dir, 'db.sqlite'));
    // A stepped clock: 1,000 simulated seconds per tick at 1,000×, so history piles up at once.
    let now = 0;
    const rt = await createRuntime({
      transport: 'web', version: 'test', dataDir: dir, datasetsDir: join(__dirname, '../../datasets'),
      storage: inProcessClient(storage), data: inProcessClient(createDataApi()),
      train: { pool: new TrainPool([inProcessClient(createTrainApi())]), close: async () => {} },
      twin: inProcessClient(createTwinApi(() => (now += 1000), { frameMs: 5 })), defaultModels: false,
    });
    const statuses: { ok: boolean; message: string }[] = [];
    let simTimeMs = 0;
    rt.events.subscribe((name, p) => {
      if (name === 'storage:changed') statuses.push(p as { ok: boolean; message: string });
      if (name === 'fleet:frame') simTimeMs = (p as { clock: { simTimeMs: number } }).clock.simTimeMs;
    });
    try {
      // The disk fills up: no room beyond what the file holds now.
      const usedPages = storage.setSizeLimit({ maxBytes: 1 });
      expect(usedPages).toBeGreaterThan(0);
      await rt.dispatch('fleet:control', { speed: 1000, paused: false });
      await until('a storage failure', () => statuses.some((s) => !s.ok));
      expect(statuses.find((s) => !s.ok)!.message).toMatch(/not saved: database or disk is full/);
      const status = await rt.dispatch('storage:status', {});
      expect(status).toMatchObject({ ok: true, value: { ok: false } });
      // The simulation keeps running while nothing can be saved.
      const before = simTimeMs;
      await until('simulated time to move on', () => simTimeMs > before + 3_600_000);

      // Room again: the next batch saves, the status clears, the file is intact.
      storage.setSizeLimit({ maxBytes: 1 << 30 });
      await until('saving to resume', () => statuses.at(-1)?.ok === true);
      expect(storage.integrityCheck()).toBe('ok');
      const usage = storage.historyUsage();
      expect(usage.rawRows).toBeGreaterThan(0);
      expect(usage.newestMs).toBeGreaterThan(before);
      expect(await rt.dispatch('settings:update', { operatorName: 'Tester' })).toMatchObject({ ok: true, value: { operatorName: 'Tester' } });
    } finally {
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('after an unclean shutdown a damaged database is found in the background and the backup is offered and restored', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'twinscope-damaged-'));
    const file = join(dir, 'db.sqlite');
    const seed = createStorageApi(file);
    seed.updateSettings({ operatorName: 'Night shift' });
    seed.appendHistory({ batch: 1, rows: Array.from({ length: 3000 }, (_, i) => ({ assetId: `A-${i % 10}`, t: i * 60_000, readings: { temperatureC: 60 + (i % 9) }, probability: null, modelVersion: null })) });
    const backupAt = seed.backup().at;
    seed.close();
    // A power cut tore the history table's root page.
    tearTable(file, 'history_raw');

    const statuses: { ok: boolean; message: string; damage?: unknown }[] = [];
    const storage = createStorageApi(file);
    const rt = await createRuntime({
      transport: 'web', version: 'test', dataDir: dir, datasetsDir: join(__dirname, '../../datasets'),
      storage: inProcessClient(storage), data: inProcessClient(createDataApi()),
      train: { pool: new TrainPool([inProcessClient(createTrainApi())]), close: async () => {} },
      twin: inProcessClient(createTwinApi()), defaultModels: false, uncleanShutdown: true,
    });
    rt.events.subscribe((name, p) => name === 'storage:changed' && statuses.push(p as (typeof statuses)[number]));
    try {
      // The app started (no crash) and the check ran after start-up (its event may precede this
      // subscription, so the status is polled).
      let status: unknown = null;
      const poll = async () => (status = await rt.dispatch('storage:status', {}));
      for (let i = 0; i < 200 && !(await poll().then((r) => (r as { value?: { damage?: unknown } }).value?.damage)); i++) await new Promise((r) => setTimeout(r, 25));
      expect(status).toMatchObject({ ok: true, value: { ok: false, message: expect.stringMatching(/the database is damaged/), damage: { backupAt } } });
      // A damaged file is not backed up (it would push out the good backups).
      expect(await rt.dispatch('storage:backup', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/damaged/) } });
      expect(await rt.dispatch('storage:recover', { choice: 'backup' })).toMatchObject({ ok: true, value: { restoredFrom: expect.stringContaining('twinscope-backup-') } });
      expect(statuses.at(-1)).toMatchObject({ ok: true, damage: null });
      expect(storage.quickCheck()).toEqual([]);
      expect(storage.historyUsage().rawRows).toBe(3000);
      expect(await rt.dispatch('settings:get', {})).toMatchObject({ ok: true, value: { operatorName: 'Night shift' } });
      // Saving works again: the running fleet's next readings are stored.
      await rt.dispatch('fleet:control', { speed: 1000, paused: false });
      for (let i = 0; i < 200 && !(await poll().then((r) => (r as { value: { ok: boolean } }).value.ok)); i++) await new Promise((r) => setTimeout(r, 25));
      expect(status).toMatchObject({ ok: true, value: { ok: true, damage: null } });
      expect(await rt.dispatch('storage:backup', {})).toMatchObject({ ok: true, value: { bytes: expect.any(Number) } });
      expect((status as { value: { backups: unknown[] } }).value.backups.length).toBeGreaterThanOrEqual(1);
    } finally {
      await rt.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
