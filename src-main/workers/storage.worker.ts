// Storage worker entry: owns the one SQLite connection.
import { parentPort, workerData } from 'node:worker_threads';
import { createStorageApi } from '../store/storage-api';
import { serveRpc } from './rpc';

const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string };
serveRpc(parentPort!, createStorageApi(file, () => new Date(), { nativeBinding }));
