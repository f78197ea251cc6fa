/**
 * The whole runtime in one thread, for tests and benchmarks: every worker's API called in-process
 * (the same code the workers run), on a data folder of the caller's. An API the caller needs to
 * reach directly (the store, the twin) can be passed in.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTrainApi } from '../ml/train-api';
import { TrainPool } from '../ml/train-pool';
import { createStorageApi, type StorageApi } from '../store/storage-api';
import { inProcessClient } from '../workers/rpc';
import { createDataApi, type DataApi } from './data-api';
import { createRuntime, type Runtime, type RuntimeOptions } from './runtime';
import { createTwinApi, type TwinApi } from './twin-api';

export interface InProcessRuntimeOptions {
  dataDir: string;
  /** The bundled datasets (default: the repository's `datasets/`). */
  datasetsDir?: string;
  version?: string;
  /** In-process "training workers" the trees are shared out among (default 1). */
  trainWorkers?: number;
  defaultModels?: boolean;
  storage?: StorageApi;
  data?: DataApi;
  twin?: TwinApi;
  historyPolicy?: RuntimeOptions['historyPolicy'];
}

export function createInProcessRuntime(opts: InProcessRuntimeOptions): Promise<Runtime> {
  return createRuntime({
    transport: 'web', version: opts.version ?? '0.0.0-test', dataDir: opts.dataDir,
    datasetsDir: opts.datasetsDir ?? fileURLToPath(new URL('../../datasets', import.meta.url)),
    storage: inProcessClient(opts.storage ?? createStorageApi(join(opts.dataDir, 'db.sqlite'))),
    data: inProcessClient(opts.data ?? createDataApi()),
    train: { pool: new TrainPool(Array.from({ length: opts.trainWorkers ?? 1 }, () => inProcessClient(createTrainApi()))), close: async () => {} },
    twin: inProcessClient(opts.twin ?? createTwinApi()),
    defaultModels: opts.defaultModels,
    historyPolicy: opts.historyPolicy,
  });
}
