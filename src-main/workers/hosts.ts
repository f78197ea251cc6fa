/**
 * One host per worker kind. The `?nodeWorker` imports are resolved by electron-vite at build time
 * into separate worker bundles (a `new URL('./x.ts')` worker would break after the build). The
 * workers run nicer than the window (background-priority.ts); the main thread starts the shared
 * thread pool before the first of them, so the pool's threads keep the normal priority.
 */
import createDataWorker from './data.worker?nodeWorker';
import createStorageWorker from './storage.worker?nodeWorker';
import createTrainWorker from './train.worker?nodeWorker';
import createTwinWorker from './twin.worker?nodeWorker';
import { availableParallelism } from 'node:os';
import type { TrainApi } from '../ml/train-api';
import { TrainPool } from '../ml/train-pool';
import type { DataApi } from '../services/data-api';
import type { StorageApi } from '../store/storage-api';
import type { TwinApi } from '../services/twin-api';
import { startThreadPool } from './background-priority';
import { WorkerHost, type RpcApi, type WorkerLike } from './rpc';

/** A host whose worker starts after the shared thread pool (see background-priority.ts). */
function backgroundHost<A extends RpcApi>(name: string, spawn: () => WorkerLike): WorkerHost<A> {
  return new WorkerHost<A>(name, () => {
    startThreadPool();
    return spawn();
  });
}

export function createStorageHost(file: string, nativeBinding?: string): WorkerHost<StorageApi> {
  return backgroundHost<StorageApi>('storage', () => createStorageWorker({ workerData: { file, nativeBinding } }));
}

export function createDataHost(): WorkerHost<DataApi> {
  return backgroundHost<DataApi>('data', () => createDataWorker({}));
}

/** One training worker per core: trees are shared out among them. */
export function createTrainPool(size = availableParallelism()): { pool: TrainPool; close(): Promise<void> } {
  const hosts = Array.from({ length: Math.max(1, size) }, (_, i) => backgroundHost<TrainApi>(`train-${i}`, () => createTrainWorker({})));
  return { pool: new TrainPool(hosts), close: async () => void (await Promise.all(hosts.map((h) => h.close()))) };
}

export function createTwinHost(): WorkerHost<TwinApi> {
  return backgroundHost<TwinApi>('twin', () => createTwinWorker({}));
}
