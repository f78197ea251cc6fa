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
});
