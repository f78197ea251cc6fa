// Storage worker entry: owns the one SQLite connection.
import { parentPort, workerData } from 'node:worker_threads';
import { createStorageApi } from '../store/storage-api';
import { serveRpc } from './rpc';

serveRpc(parentPort!, createStorageApi((workerData as { file: string }).file));
