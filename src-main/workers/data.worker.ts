// Data worker entry: parses datasets and computes statistics off the main thread.
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { createDataApi } from '../services/data-api';
import { createParsePool } from './parse-pool';
import { serveRpc } from './rpc';

// Long statistics passes must not starve the window on a 2-core machine. On Linux, priority 0
// names the calling thread, so only this worker runs "nicer"; elsewhere it would lower the whole
// process, so it is left alone.
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not permitted here: run at normal priority.
  }
}

// Large files are read in segments by helper workers (one per core), merged here in file order.
serveRpc(parentPort!, createDataApi(undefined, createParsePool()));
