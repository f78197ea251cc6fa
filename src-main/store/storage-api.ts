/**
 * What the storage worker answers. Runs inside the worker (or in-process in tests); the clock
 * is injected so stored timestamps are testable.
 */
import type { ColumnRole, Settings } from '../shared/contract';
import { recallMapping, rememberMapping } from './mappings-repo';
import { activateRun, listRuns, runModel, saveRun, type StoredRun } from './runs-repo';
import { openDatabase, schemaVersion, type OpenOptions } from './database';
import { MIGRATIONS } from './migrations';
import { readSettings, updateSettings } from './settings-repo';
import { readTwinState, writeTwinState, type TwinDocuments } from './twin-repo';

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
    close: () => {
      db.close();
      return true;
    },
  };
}

export type StorageApi = ReturnType<typeof createStorageApi>;
