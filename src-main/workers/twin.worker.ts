// Twin worker entry: the live fleet loop runs here, off the main process's event loop.
import { parentPort } from 'node:worker_threads';
import { createTwinApi } from '../services/twin-api';
import { runInBackground } from './background-priority';
import { serveRpc } from './rpc';

// A 10,000-asset fleet keeps this worker half busy: it must not preempt the window's frames.
runInBackground();

serveRpc(parentPort!, createTwinApi());
