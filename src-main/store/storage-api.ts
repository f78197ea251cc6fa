/**
 * What the storage worker answers. Runs inside the worker (or in-process in tests); the clock
 * is injected so stored timestamps are testable.
 */
import type { ColumnRole, Settings } from '../shared/contract';
import { recallMapping, rememberMapping } from './mappings-repo';
import { activateRun, listRuns, runModel, saveRun, type StoredRun } from './runs-repo';
import { dirname, join } from 'node:path';
import { openDatabase, schemaVersion, setSizeLimit, type Db, type OpenOptions } from './database';
import { backup, isCorruption, isUnwritable, listBackups, moveAside, quickCheck, replaceWith, type Damage } from './recovery';
import { MIGRATIONS } from './migrations';
import { readSettings, updateSettings } from './settings-repo';
import { readTwinState, writeTwinState, type TwinDocuments } from './twin-repo';
import { audit, listAudit, type AuditInput } from './audit-repo';
import { listImports, recordImport, type ImportRecord } from './imports-repo';
import type { MinuteRow } from '../twin/minute-rollup';
import { appendHistory, historyUsage, insertNewReadings, pruneHistory, readScoredReadings, readTrend, type HistoryRow, type PruneOptions } from './history-repo';

/**
 * `opts.backupDir`: where automatic backups go (and come from when the user restores one). A file
 * SQLite refuses to open as damaged is moved aside and a fresh one opened; `damage()` says so.
 */
export function createStorageApi(file: string, now: () => Date = () => new Date(), opts: OpenOptions & { backupDir?: string } = {}) {
  let damage: Damage | null = null;
  /** Set when the data folder cannot be written: the app runs on an in-memory database, saving nothing. */
  let unwritable: string | null = null;
  let db: Db;
  try {
    db = openDatabase(file, MIGRATIONS, opts);
  } catch (e) {
    if (isUnwritable(e)) {
      unwritable = `the data folder ${dirname(file)} cannot be written (${(e as Error).message}): nothing is saved until its permissions are fixed and Twinscope is restarted`;
      db = openDatabase(':memory:', MIGRATIONS, opts);
    } else {
      if (!isCorruption(e)) throw e;
      damage = { message: `the database could not be opened: ${(e as Error).message}`, movedTo: moveAside(file, now()) };
      db = openDatabase(file, MIGRATIONS, opts);
    }
  }
  /** A write on the in-memory stand-in fails with the reason, so every caller reports it. */
  const write =
    <A extends unknown[], R>(fn: (...a: A) => R) =>
    (...a: A): R => {
      if (unwritable) throw new Error(unwritable);
      return fn(...a);
    };
  const backupDir = opts.backupDir ?? join(dirname(file), 'backups');
  return {
    unwritable: () => unwritable,
    /** Damage found at opening or by `quickCheck`, until a recovery; null when sound. */
    damage: () => damage,
    quickCheck: () => {
      const found = quickCheck(db);
      if (found.length && !damage) {
        // SQLite's own lines ("*** in database main ***", then one per problem): the first real one says enough.
        const problems = found.flatMap((f) => f.split('\n')).filter((l) => l.trim() && !l.startsWith('***'));
        damage = { message: `the database is damaged (SQLite's check found ${problems.length} problem${problems.length === 1 ? '' : 's'}; the first: ${problems[0] ?? found[0]})`, movedTo: null };
      }
      return found;
    },
    backup: write(() => backup(db, backupDir, now())),
    listBackups: () => listBackups(backupDir),
    /** Replaces the damaged (or any) database with a backup or a fresh file, and reopens. */
    recover: write((arg: { backupPath: string | null }) => {
      db.close();
      const movedTo = replaceWith(file, arg.backupPath, now());
      db = openDatabase(file, MIGRATIONS, opts);
      damage = null;
      return { movedTo, integrity: db.pragma('integrity_check', { simple: true }) as string };
    }),
    schemaVersion: () => schemaVersion(db),
    journalMode: () => db.pragma('journal_mode', { simple: true }) as string,
    getSettings: () => readSettings(db),
    recallMapping: (signature: string) => recallMapping(db, signature),
    rememberMapping: write((arg: { signature: string; roles: Record<string, ColumnRole> }) => rememberMapping(db, arg.signature, arg.roles, now())),
    updateSettings: write((patch: Partial<Settings>) => updateSettings(db, patch, now())),
    saveRun: write((run: Omit<StoredRun, 'active'> & { model: string }) => saveRun(db, run)),
    listRuns: () => listRuns(db),
    runModel: (runId: string) => runModel(db, runId),
    activateRun: write((runId: string) => activateRun(db, runId)),
    readTwinState: (keys: string[]) => readTwinState(db, keys),
    writeTwinState: write((docs: TwinDocuments) => writeTwinState(db, docs, now())),
    /** Documents at synchronous=FULL with the audit entries of what changed (acknowledgements, maintenance, rules). */
    commitTwinState: write((arg: { docs: TwinDocuments; audit: AuditInput[] }) => writeTwinState(db, arg.docs, now(), true, arg.audit)),
    audit: write((entries: AuditInput[]) => audit(db, entries, now())),
    listAudit: (arg: { limit?: number; subject?: string }) => listAudit(db, arg.limit, arg.subject),
    appendHistory: write((arg: { batch: number; rows: HistoryRow[]; minutes?: MinuteRow[] }) => appendHistory(db, arg.batch, arg.rows, arg.minutes)),
    /** Readings that may come twice (a broker redelivering): per row, whether it was new. */
    insertNewReadings: write((arg: { batch: number; rows: HistoryRow[] }) => insertNewReadings(db, arg.batch, arg.rows)),
    pruneHistory: write((arg: PruneOptions) => pruneHistory(db, arg)),
    historyUsage: () => historyUsage(db),
    /** The newest raw readings a model scored, by asset and time, with their model inputs (a retrain's history). */
    scoredReadings: (arg: { runId: string; limit: number }) => readScoredReadings(db, arg.runId, arg.limit),
    recordImport: write((r: ImportRecord) => recordImport(db, r, now())),
    listImports: (arg: { limit?: number }) => listImports(db, arg.limit),
    readTrend: (arg: { assetId: string; fromMs: number; toMs: number; maxPoints: number }) => readTrend(db, arg.assetId, arg.fromMs, arg.toMs, arg.maxPoints),
    integrityCheck: () => db.pragma('integrity_check', { simple: true }) as string,
    /** A hard cap on the database file (bytes); returns the page count it allows. */
    setSizeLimit: write((arg: { maxBytes: number }) => setSizeLimit(db, arg.maxBytes)),
    checkpoint: () => db.pragma('wal_checkpoint(TRUNCATE)') as unknown[],
    close: () => {
      db.close();
      return true;
    },
  };
}

export type StorageApi = ReturnType<typeof createStorageApi>;
