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
}

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS, opts: OpenOptions = {}): Db {
  const db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
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
