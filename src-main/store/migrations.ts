/**
 * Schema migrations, in order. Never edit a released migration: add a new one.
 */
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings',
    up(db) {
      db.exec(`CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT`);
    },
  },
  {
    version: 2,
    name: 'import mappings',
    up(db) {
      // Column roles the user confirmed, per file layout (normalised header signature).
      db.exec(`CREATE TABLE import_mappings (
        signature TEXT PRIMARY KEY NOT NULL,
        roles TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT`);
    },
  },
];
