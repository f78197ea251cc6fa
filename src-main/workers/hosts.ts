/**
 * One host per worker kind. The `?nodeWorker` imports are resolved by electron-vite at build time
 * into separate worker bundles (a `new URL('./x.ts')` worker would break after the build).
 */
import createDataWorker from './data.worker?nodeWorker';
import createStorageWorker from './storage.worker?nodeWorker';
import type { DataApi } from '../services/data-api';
import type { StorageApi } from '../store/storage-api';
import { WorkerHost } from './rpc';

export function createStorageHost(file: string, nativeBinding?: string): WorkerHost<StorageApi> {
  return new WorkerHost<StorageApi>('storage', () => createStorageWorker({ workerData: { file, nativeBinding } }));
}

export function createDataHost(): WorkerHost<DataApi> {
  return new WorkerHost<DataApi>('data', () => createDataWorker({}));
}
