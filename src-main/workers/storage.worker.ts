// Storage worker entry: owns the one SQLite connection.
import { parentPort, workerData } from 'node:worker_threads';
import { createStorageApi } from '../store/storage-api';
import { runInBackground } from './background-priority';
import { serveRpc } from './rpc';

runInBackground();

const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string };
serveRpc(parentPort!, createStorageApi(file, () => new Date(), { nativeBinding }));
