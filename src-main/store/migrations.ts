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
  {
    version: 3,
    name: 'model registry',
    up(db) {
      // Training runs and their model files; at most one run is active (the partial unique index).
      db.exec(`CREATE TABLE model_runs (
        run_id TEXT PRIMARY KEY NOT NULL,
        created_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('trained', 'opened')),
        dataset_title TEXT NOT NULL,
        summary TEXT NOT NULL,
        model TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
      ) STRICT;
      CREATE UNIQUE INDEX one_active_model ON model_runs (active) WHERE active = 1;`);
    },
  },
  {
    version: 4,
    name: 'twin state',
    up(db) {
      // The live twin's state as documents (asset register, fleet simulators and clock, alert
      // engine, maintenance and failure log, alert rules), each written in one transaction.
      db.exec(`CREATE TABLE twin_state (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT`);
    },
  },
  {
    version: 5,
    name: 'history and audit',
    up(db) {
      // Sensor history per asset: raw readings (simulated time, ms) with the prediction made on
      // each and the model version that made it, and 1-minute aggregates kept much longer. Values
      // are JSON objects (sensor key → number) so every asset kind fits one table.
      db.exec(`CREATE TABLE history_raw (
        asset_id TEXT NOT NULL,
        t INTEGER NOT NULL,
        batch INTEGER NOT NULL,
        probability REAL,
        model_version TEXT,
        readings TEXT NOT NULL,
        PRIMARY KEY (asset_id, t)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX history_raw_batch ON history_raw (batch);
      CREATE INDEX history_raw_t ON history_raw (t);
      CREATE TABLE history_minute (
        asset_id TEXT NOT NULL,
        minute INTEGER NOT NULL,
        n INTEGER NOT NULL,
        probability_max REAL,
        means TEXT NOT NULL,
        PRIMARY KEY (asset_id, minute)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX history_minute_minute ON history_minute (minute);
      CREATE TABLE history_meta (
        key TEXT PRIMARY KEY NOT NULL,
        value INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;`);
    },
  },
  {
    version: 6,
    name: 'imported datasets',
    up(db) {
      // What was imported, from which file, with which roles: the record survives restarts even
      // though the rows themselves are read again from the file.
      db.exec(`CREATE TABLE imported_datasets (
        id INTEGER PRIMARY KEY,
        dataset_id TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        title TEXT NOT NULL,
        file_name TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        rows INTEGER NOT NULL,
        columns INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        schema TEXT NOT NULL,
        roles TEXT NOT NULL
      ) STRICT`);
    },
  },
];
