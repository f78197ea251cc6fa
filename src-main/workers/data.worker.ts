// Data worker entry: parses datasets and computes statistics off the main thread.
import { parentPort } from 'node:worker_threads';
import { createDataApi } from '../services/data-api';
import { serveRpc } from './rpc';

serveRpc(parentPort!, createDataApi());
