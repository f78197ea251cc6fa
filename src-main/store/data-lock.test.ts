import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolders } from './temp-folders';
import { DataFolderInUseError, LOCK_FILE, lockDataFolder } from './data-lock';

const folder = tempFolders('twinscope-lock-');

describe('data folder lock', () => {
  it('refuses a second writer while the first runs, and frees the folder on release', () => {
    const dir = folder();
    const first = lockDataFolder(dir, { pid: 1001, alive: () => true, now: () => new Date('2026-11-25T08:00:00Z') });
    expect(first.stale).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 1001, startedAt: '2026-11-25T08:00:00.000Z' });
    expect(() => lockDataFolder(dir, { pid: 1002, alive: () => true })).toThrow(DataFolderInUseError);
    expect(() => lockDataFolder(dir, { pid: 1002, alive: () => true })).toThrow(`in use by another Twinscope (process 1001, started 2026-11-25T08:00:00.000Z)`);
    first.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    lockDataFolder(dir, { pid: 1002, alive: () => true }).release();
  });

  it('takes over a stale lock (its process is gone) and an unreadable one (cut off mid-write)', () => {
    const dir = folder();
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 424242, host: hostname(), startedAt: 'yesterday' }));
    const lock = lockDataFolder(dir, { pid: 7, alive: (pid) => pid !== 424242 });
    expect(lock.stale).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(7);
    lock.release();
    writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
    lockDataFolder(dir, { pid: 8, alive: () => true }).release();
  });

  it('sees a real running process as alive: this test process holds the folder against another', () => {
    const dir = folder();
    const mine = lockDataFolder(dir);
    expect(() => lockDataFolder(dir, { pid: process.pid + 1 })).toThrow(DataFolderInUseError);
    mine.release();
  });

  it('release leaves a lock another process has since taken over', () => {
    const dir = folder();
    const old = lockDataFolder(dir, { pid: 5, alive: () => false });
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: 6, host: hostname(), startedAt: 'now' }));
    old.release();
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(6);
  });
});
