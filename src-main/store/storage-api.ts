/**
 * What the storage worker answers. Runs inside the worker (or in-process in tests); the clock
 * is injected so stored timestamps are testable.
 */
import type { ColumnRole, Settings } from '../shared/contract';
import { recallMapping, rememberMapping } from './mappings-repo';
import { activateRun, listRuns, runModel, saveRun, type StoredRun } from './runs-repo';
import { openDatabase, schemaVersion, setSizeLimit, type OpenOptions } from './database';
import { MIGRATIONS } from './migrations';
import { readSettings, updateSettings } from './settings-repo';
import { readTwinState, writeTwinState, type TwinDocuments } from './twin-repo';
import { audit, listAudit, type AuditInput } from './audit-repo';
import { appendHistory, historyUsage, pruneHistory, readTrend, type HistoryRow, type PruneOptions } from './history-repo';

export function createStorageApi(file: string, now: () => Date = () => new Date(), opts: OpenOptions = {}) {
  const db = openDatabase(file, MIGRATIONS, opts);
  return {
    schemaVersion: () => schemaVersion(db),
    journalMode: () => db.pragma('journal_mode', { simple: true }) as string,
    getSettings: () => readSettings(db),
    recallMapping: (signature: string) => recallMapping(db, signature),
    rememberMapping: (arg: { signature: string; roles: Record<string, ColumnRole> }) => rememberMapping(db, arg.signature, arg.roles, now()),
    updateSettings: (patch: Partial<Settings>) => updateSettings(db, patch, now()),
    saveRun: (run: Omit<StoredRun, 'active'> & { model: string }) => saveRun(db, run),
    listRuns: () => listRuns(db),
    runModel: (runId: string) => runModel(db, runId),
    activateRun: (runId: string) => activateRun(db, runId),
    readTwinState: (keys: string[]) => readTwinState(db, keys),
    writeTwinState: (docs: TwinDocuments) => writeTwinState(db, docs, now()),
    /** Documents at synchronous=FULL with the audit entries of what changed (acknowledgements, maintenance, rules). */
    commitTwinState: (arg: { docs: TwinDocuments; audit: AuditInput[] }) => writeTwinState(db, arg.docs, now(), true, arg.audit),
    audit: (entries: AuditInput[]) => audit(db, entries, now()),
    listAudit: (arg: { limit?: number; subject?: string }) => listAudit(db, arg.limit, arg.subject),
    appendHistory: (arg: { batch: number; rows: HistoryRow[] }) => appendHistory(db, arg.batch, arg.rows),
    pruneHistory: (arg: PruneOptions) => pruneHistory(db, arg),
    historyUsage: () => historyUsage(db),
    readTrend: (arg: { assetId: string; fromMs: number; toMs: number; maxPoints: number }) => readTrend(db, arg.assetId, arg.fromMs, arg.toMs, arg.maxPoints),
    integrityCheck: () => db.pragma('integrity_check', { simple: true }) as string,
    /** A hard cap on the database file (bytes); returns the page count it allows. */
    setSizeLimit: (arg: { maxBytes: number }) => setSizeLimit(db, arg.maxBytes),
    checkpoint: () => db.pragma('wal_checkpoint(TRUNCATE)') as unknown[],
    close: () => {
      db.close();
      return true;
    },
  };
}

export type StorageApi = ReturnType<typeof createStorageApi>;
