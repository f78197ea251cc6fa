import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MigrationError, migrate, openDatabase, schemaVersion } from './database';
import { MIGRATIONS } from './migrations';
import { createStorageApi } from './storage-api';

const dirs: string[] = [];
const tempFile = () => {
  const d = mkdtempSync(join(tmpdir(), 'twinscope-store-'));
  dirs.push(d);
  return join(d, 'twinscope.db');
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('database foundation', () => {
  it('opens in WAL mode at the latest schema version', () => {
    const api = createStorageApi(tempFile());
    expect(api.journalMode()).toBe('wal');
    expect(api.schemaVersion()).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(api.recallMapping('a|b')).toBeNull();
    api.rememberMapping({ signature: 'a|b', roles: { a: 'label', b: 'numeric-feature' } });
    expect(api.recallMapping('a|b')).toEqual({ a: 'label', b: 'numeric-feature' });
    api.close();
  });

  it('a failing migration rolls back and leaves the previous version', () => {
    const file = tempFile();
    openDatabase(file).close();
    const broken = [...MIGRATIONS, { version: 99, name: 'broken', up: (db: Database.Database) => {
      db.exec('CREATE TABLE half_done (x INTEGER)');
      db.exec('THIS IS NOT SQL');
    } }];
    expect(() => openDatabase(file, broken)).toThrow(MigrationError);
    const db = new Database(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS[MIGRATIONS.length - 1].version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer app version', () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma('user_version = 500');
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this Twinscope/);
    db.close();
  });

  it('stores settings durably and validates them', () => {
    const file = tempFile();
    const api = createStorageApi(file, () => new Date('2026-01-01T00:00:00Z'));
    expect(api.getSettings()).toEqual({ operatorName: '', theme: 'system', temperatureUnit: 'K', historyDays: 7, rawHistoryAssets: 500, historyQuotaGb: 2 });
    expect(api.updateSettings({ operatorName: 'Ada', temperatureUnit: 'C' }).operatorName).toBe('Ada');
    expect(() => api.updateSettings({ theme: 'neon' } as never)).toThrow();
    api.close();
    const again = createStorageApi(file);
    expect(again.getSettings()).toEqual({ operatorName: 'Ada', theme: 'system', temperatureUnit: 'C', historyDays: 7, rawHistoryAssets: 500, historyQuotaGb: 2 });
    again.close();
  });

  it('falls back to defaults for damaged stored values', () => {
    const file = tempFile();
    createStorageApi(file).close();
    const db = new Database(file);
    db.prepare("INSERT INTO settings VALUES ('theme', '\"neon\"', 'x'), ('operatorName', '{broken', 'x'), ('legacy', '1', 'x')").run();
    db.close();
    const api = createStorageApi(file);
    expect(api.getSettings()).toEqual({ operatorName: '', theme: 'system', temperatureUnit: 'K', historyDays: 7, rawHistoryAssets: 500, historyQuotaGb: 2 });
    api.close();
  });
});

describe('model registry', () => {
  it('stores runs, keeps exactly one active, and returns model files', () => {
    const api = createStorageApi(tempFile());
    for (const id of ['a', 'b']) api.saveRun({ runId: id, createdAt: `2026-11-25T10:0${id === 'a' ? 0 : 1}:00Z`, source: 'trained', datasetTitle: 'AI4I', summary: '{}', model: `model-${id}` });
    api.activateRun('a');
    api.activateRun('b');
    expect(api.listRuns().map((r) => [r.runId, r.active])).toEqual([['b', true], ['a', false]]);
    expect(api.runModel('a')).toBe('model-a');
    expect(() => api.activateRun('zzz')).toThrow(/no training run/);
    expect(api.listRuns().filter((r) => r.active).map((r) => r.runId)).toEqual(['b']);
    api.close();
  });
});
