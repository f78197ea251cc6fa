/**
 * The one database file: opened in WAL mode, migrated by versioned transactional migrations
 * (PRAGMA user_version). Only the storage worker opens it, so the main thread never blocks on SQL.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface OpenOptions {
  /** Path of a better-sqlite3 binary built for this runtime's ABI (Electron in development). */
  nativeBinding?: string;
  /** A hard cap on the file's size (PRAGMA max_page_count): writes past it fail as "disk full". */
  maxBytes?: number;
}

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS, opts: OpenOptions = {}): Db {
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL by default (sensor history): in WAL mode a crash of the app loses nothing committed,
    // a power cut at most the last transactions. Writes that must survive a power cut as well
    // (alerts and acknowledgements, maintenance, the model registry, the audit log) go through
    // `durably`, which raises it to FULL for their transaction.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // The WAL is checkpointed every 1,000 pages (~4 MB) and truncated back to 16 MB after a
    // checkpoint, so it stays bounded however long the app runs.
    db.pragma('wal_autocheckpoint = 1000');
    db.pragma(`journal_size_limit = ${16 << 20}`);
    migrate(db, migrations);
    if (opts.maxBytes !== undefined) setSizeLimit(db, opts.maxBytes);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * Runs `work` in one transaction at synchronous=FULL: committed means on disk, power cut or not.
 * The level is per connection and cannot change inside a transaction, so it is set around it.
 */
export function durably<T>(db: Db, work: () => T): T {
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(work)();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}

/**
 * Caps the file at about `maxBytes` (never below what it holds). A full cap fails writes exactly as
 * a full disk does (SQLITE_FULL), which is how the disk-full handling is tested.
 */
export function setSizeLimit(db: Db, maxBytes: number): number {
  if (!(maxBytes > 0)) throw new Error(`the size limit must be more than 0 bytes (got ${maxBytes})`);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return db.pragma(`max_page_count = ${Math.max(1, Math.ceil(maxBytes / pageSize))}`, { simple: true }) as number;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies each pending migration in its own transaction; a failing one leaves the file at the previous version. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = schemaVersion(db);
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;
  if (current > latest) {
    throw new MigrationError(`the database is at schema version ${current}, newer than this Twinscope (${latest}); update the app`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    const apply = db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      apply();
    } catch (e) {
      throw new MigrationError(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
    }
  }
}
