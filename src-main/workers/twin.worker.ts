// Twin worker entry: the live fleet loop runs here, off the main process's event loop.
import { parentPort } from 'node:worker_threads';
import { createTwinApi } from '../services/twin-api';
import { serveRpc } from './rpc';

serveRpc(parentPort!, createTwinApi());
