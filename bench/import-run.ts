/**
 * One measured import in a fresh process (so earlier work does not inflate its memory):
 * the real pipeline of the data worker — read, decode, tokenize, build columns, validate, summarise.
 * Prints one JSON line: seconds, rows, baseline and peak RSS.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createDataApi } from '../src-main/services/data-api';
import type { ParseApi } from '../src-main/services/parse-api';
import { WorkerHost } from '../src-main/workers/rpc';
import { PARSE_WORKER_LIMITS, segmentPool } from '../src-main/workers/segment-pool';

const [file, mode] = process.argv.slice(2);
// The app's parse helpers (one per core), running the TypeScript entry: a worker does not inherit
// tsx's loader, so it is registered in the worker before the entry loads.
const entry = pathToFileURL(join(import.meta.dirname, '..', 'src-main', 'workers', 'parse.worker.ts')).href;
const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
const pool = segmentPool(Array.from({ length: availableParallelism() }, (_, i) => new WorkerHost<ParseApi>(`parse-${i}`, () => new Worker(boot, { eval: true, resourceLimits: PARSE_WORKER_LIMITS }))));
const api = createDataApi(undefined, pool);
const controller = new AbortController();
const ctx = { signal: controller.signal, progress: () => {} };

// Start the helpers first, as a running app would have (thread start and module load are not reading).
await Promise.all(Array.from({ length: pool.parallelism }, () => pool.parse({ delimiter: ',', decimalComma: false, bytesPerRow: 10, maxRecordChars: 100, columns: [] }, new Uint8Array([10]))));
const baseline = process.memoryUsage().rss;
const t0 = performance.now();
if (mode === 'cancel') {
  // Cancel 2 s in and time how long the import takes to stop.
  let cancelledAt = 0;
  setTimeout(() => {
    cancelledAt = performance.now();
    controller.abort();
  }, 2000);
  try {
    await api.openFile({ datasetId: 'bench', title: 'bench', path: file, source: 'imported' }, ctx);
    console.log(JSON.stringify({ cancelled: false }));
  } catch (e) {
    console.log(JSON.stringify({ cancelled: true, stopMs: performance.now() - cancelledAt, message: (e as Error).message }));
  }
} else {
  const overview = await api.openFile({ datasetId: 'bench', title: 'bench', path: file, source: 'imported' }, ctx);
  const seconds = (performance.now() - t0) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ seconds, rows: overview.rows, failures: overview.failures, baselineMB: baseline / 1e6, peakOverBaselineMB: (peak - baseline) / 1e6 }));
}
await pool.close();
