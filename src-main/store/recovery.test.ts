import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { scribble, tearTable } from './damage-fixture';
import { createStorageApi } from './storage-api';
import { tempFolders } from './temp-folders';

const folder = tempFolders('twinscope-recovery-');
const T0 = Date.UTC(2026, 2, 2, 6);

/** A database with settings, history and an audit entry, and one automatic backup of it. */
function populated(dir: string) {
  const file = join(dir, 'twinscope.db');
  const api = createStorageApi(file);
  api.updateSettings({ operatorName: 'Day shift' });
  const rows = Array.from({ length: 4000 }, (_, i) => ({ assetId: `A-${i % 20}`, t: T0 + Math.floor(i / 20) * 60_000, readings: { temperatureC: 60 + (i % 13), vibrationMmS: 1 + (i % 7) / 10 }, probability: (i % 100) / 1000, modelVersion: 'm@1' }));
  api.appendHistory({ batch: 1, rows });
  api.audit([{ who: 'Day shift', action: 'alert.acknowledge', subject: 'A-1:rule:1', detail: 'checked' }]);
  const b = api.backup();
  api.close();
  return { file, backup: b };
}

describe('damaged database', () => {
  it('a file SQLite refuses to open is moved aside, a fresh one opened, and the backup restores everything', () => {
    const dir = folder();
    const { file, backup } = populated(dir);
    expect(backup.bytes).toBeGreaterThan(100_000);
    scribble(file, 0, 16); // the "SQLite format 3" header
    const api = createStorageApi(file);
    const damage = api.damage();
    expect(damage?.message).toMatch(/could not be opened: .*not a database/);
    expect(existsSync(damage!.movedTo!)).toBe(true);
    // Running on a fresh file meanwhile: defaults, no history — but nothing crashed.
    expect(api.getSettings().operatorName).toBe('');
    expect(api.historyUsage().rawRows).toBe(0);
    expect(api.listBackups().map((b) => b.path)).toEqual([backup.path]);
    expect(api.recover({ backupPath: backup.path })).toMatchObject({ integrity: 'ok' });
    expect(api.damage()).toBeNull();
    expect(api.getSettings().operatorName).toBe('Day shift');
    expect(api.historyUsage().rawRows).toBe(4000);
    expect(api.listAudit({}).map((e) => e.action)).toEqual(['alert.acknowledge']);
    api.close();
  });

  it('quick_check finds damage inside a file that still opens; a fresh start or the backup replaces it', () => {
    const dir = folder();
    const { file, backup } = populated(dir);
    // Damage the history table's b-tree: scribble over its root page's header.
    tearTable(file, 'history_raw');
    const api = createStorageApi(file);
    expect(api.damage()).toBeNull();
    const found = api.quickCheck();
    expect(found.length).toBeGreaterThan(0);
    expect(api.damage()?.message).toMatch(/the database is damaged/);
    expect(api.damage()?.movedTo).toBeNull();
    // Fresh start: the damaged file is kept aside, the new one is sound and empty.
    const fresh = api.recover({ backupPath: null });
    expect(fresh.integrity).toBe('ok');
    expect(existsSync(fresh.movedTo!)).toBe(true);
    expect(api.historyUsage().rawRows).toBe(0);
    // …and the backup can still be restored afterwards.
    api.recover({ backupPath: backup.path });
    expect(api.historyUsage().rawRows).toBe(4000);
    expect(api.quickCheck()).toEqual([]);
    api.close();
  });

  it('keeps the newest three backups, each a consistent copy', () => {
    const dir = folder();
    let t = Date.UTC(2026, 10, 25, 8);
    const api = createStorageApi(join(dir, 'twinscope.db'), () => new Date((t += 3_600_000)));
    const made = [1, 2, 3, 4].map((n) => {
      api.updateSettings({ operatorName: `shift ${n}` });
      return api.backup().path;
    });
    expect(api.listBackups().map((b) => b.path)).toEqual(made.slice(1).reverse());
    const copy = new Database(made[3], { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare("SELECT value FROM settings WHERE key = 'operatorName'").get() as { value: string }).value).toContain('shift 4');
    copy.close();
    api.close();
  });
});

