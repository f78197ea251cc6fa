/**
 * The parse helpers of the data worker. Their `?nodeWorker` import is resolved by electron-vite at
 * build time (see hosts.ts).
 */
import createParseWorker from './parse.worker?nodeWorker';
import { availableParallelism } from 'node:os';
import type { ParseApi } from '../services/parse-api';
import { WorkerHost } from './rpc';
import { PARSE_WORKER_LIMITS, segmentPool } from './segment-pool';

export function createParsePool(size = availableParallelism()) {
  return segmentPool(Array.from({ length: Math.max(1, size) }, (_, i) => new WorkerHost<ParseApi>(`parse-${i}`, () => createParseWorker({ resourceLimits: PARSE_WORKER_LIMITS }))));
}
