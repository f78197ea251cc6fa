// Data worker entry: parses datasets and computes statistics off the main thread.
import { parentPort } from 'node:worker_threads';
import { createDataApi } from '../services/data-api';
import { runInBackground } from './background-priority';
import { createParsePool } from './parse-pool';
import { serveRpc } from './rpc';

// Long statistics passes must not starve the window (its parse helpers inherit the priority).
runInBackground();

// Large files are read in segments by helper workers (one per core), merged here in file order.
serveRpc(parentPort!, createDataApi(undefined, createParsePool()));
