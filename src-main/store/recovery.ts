/**
 * A damaged database is never a crash: opening one that SQLite refuses moves it aside and starts
 * a fresh file (the damage is reported); `quick_check` finds damage in a file that still opens;
 * automatic backups (VACUUM INTO, a consistent copy taken while the app runs) are what the user is
 * offered instead; and `replaceWith` swaps the damaged file for a backup or a fresh start.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from './database';

export interface Damage {
  message: string;
  /** Where the damaged file was moved (null while it is still the open database). */
  movedTo: string | null;
}

export interface Backup {
  path: string;
  at: string;
  bytes: number;
}

/** Errors meaning the file itself is damaged (not locked, not missing, not a newer schema). */
export function isCorruption(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /malformed|not a database|file is encrypted/i.test((e as Error).message ?? '');
}

/** Errors meaning the data folder (or the file) cannot be written: permissions, a read-only disk. */
export function isUnwritable(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return /^SQLITE_(CANTOPEN|READONLY|PERM|AUTH)/.test(code) || code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}

/** Moves the database and its WAL/shared-memory files aside, named by time; returns the new path. */
export function moveAside(file: string, now: Date): string {
  const to = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, to + suffix);
  return to;
}

/** `PRAGMA quick_check`: an empty list when the file is sound, else SQLite's findings (at most 20). */
export function quickCheck(db: Db): string[] {
  const rows = db.pragma('quick_check(20)') as { quick_check: string }[];
  const found = rows.map((r) => r.quick_check);
  return found.length === 1 && found[0] === 'ok' ? [] : found;
}

const BACKUP_PREFIX = 'twinscope-backup-';

/** A consistent copy of the open database into `dir`; keeps the newest `keep` backups. */
export function backup(db: Db, dir: string, now: Date, keep = 3): Backup {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${BACKUP_PREFIX}${now.toISOString().replace(/[:.]/g, '-')}.db`);
  db.prepare('VACUUM INTO ?').run(path);
  for (const old of listBackups(dir).slice(keep)) rmSync(old.path, { force: true });
  return { path, at: now.toISOString(), bytes: statSync(path).size };
}

/** Backups in `dir`, newest first. */
export function listBackups(dir: string): Backup[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(BACKUP_PREFIX) && f.endsWith('.db'))
    .map((f) => {
      const path = join(dir, f), st = statSync(path);
      // The time the copy was taken, from its name (the file's mtime is when writing it ended).
      const named = /(\d{4}-\d{2}-\d{2}T\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(f);
      return { path, at: named ? `${named[1]}:${named[2]}:${named[3]}.${named[4]}Z` : st.mtime.toISOString(), bytes: st.size };
    })
    .sort((a, b) => (a.path < b.path ? 1 : -1));
}

/** With the database closed: puts `backupPath` (or nothing: a fresh start) where the damaged file was. */
export function replaceWith(file: string, backupPath: string | null, now: Date): string | null {
  const movedTo = existsSync(file) ? moveAside(file, now) : null;
  if (backupPath) {
    if (resolve(backupPath) === resolve(file)) throw new Error('a backup cannot replace itself');
    copyFileSync(backupPath, file);
  }
  return movedTo;
}
