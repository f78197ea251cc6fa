/**
 * The services behind the contract, wired once and shared by both shells (Electron and the web
 * host). Workers are injected as RPC clients, so tests can run the same code in-process.
 */
import type { RpcClient } from '../workers/rpc';
import type { StorageApi } from '../store/storage-api';
import type { DataApi } from './data-api';
import { DatasetService } from './dataset-service';
import { EventHub } from './events';
import { createDispatch, type Dispatch, type Handlers } from './router';

export interface RuntimeOptions {
  transport: 'electron' | 'web';
  version: string;
  dataDir: string;
  datasetsDir: string;
  storage: RpcClient<StorageApi>;
  data: RpcClient<DataApi>;
}

export interface Runtime {
  dispatch: Dispatch;
  events: EventHub;
  close(): Promise<void>;
}

export async function createRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const events = new EventHub();
  const datasets = new DatasetService(opts.datasetsDir, opts.data, events);
  // Opening the database first surfaces a locked, newer or corrupt file before any window shows data.
  const schemaVersion = await opts.storage.call('schemaVersion', undefined);
  const handlers: Handlers = {
    'app:info': async () => ({
      name: 'Twinscope',
      version: opts.version,
      transport: opts.transport,
      platform: process.platform,
      dataDir: opts.dataDir,
      databaseSchemaVersion: schemaVersion,
    }),
    'settings:get': () => opts.storage.call('getSettings', undefined),
    'settings:update': (patch) => opts.storage.call('updateSettings', patch),
    'dataset:listBundled': async () => datasets.listBundled(),
    'dataset:openBundled': ({ id }) => datasets.openBundled(id),
    'dataset:histogram': ({ datasetId, column, bins }) => datasets.histogram(datasetId, column, bins),
  };
  return {
    dispatch: createDispatch(handlers),
    events,
    async close() {
      await opts.storage.call('close', undefined).catch(() => undefined);
      await Promise.all([opts.storage.close(), opts.data.close()]);
    },
  };
}
