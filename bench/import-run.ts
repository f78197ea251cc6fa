/**
 * One measured import in a fresh process, through the app's data worker as built (out/main, the
 * code that ships): the worker reads the file and hands segments to its parse helpers, as in the
 * running app, where the import view's opening starts and warms the helpers (import:prepare)
 * while the user picks a file. The source run through tsx would time tsx's loader too: its
 * module lexer was compiled on the V8 threads while the import ran. The worker runs nicer than
 * other processes, as in the app: pandas runs before or after it, never alongside, so that only
 * matters when something else loads the machine.
 * Prints one JSON line: seconds, rows, baseline and peak RSS.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DataApi } from '../src-main/services/data-api';
import { WorkerHost } from '../src-main/workers/rpc';

const [file, mode] = process.argv.slice(2);
const chunks = join(import.meta.dirname, '..', 'out', 'main', 'chunks');
const entry = readdirSync(chunks).find((f) => /^data\.worker-.*\.js$/.test(f));
if (!entry) throw new Error(`no built data worker in ${chunks}: run "npm run build"`);
// execArgv []: the worker must not inherit this process's tsx loader.
const data = new WorkerHost<DataApi>('data', () => new Worker(join(chunks, entry), { execArgv: [] }));
const controller = new AbortController();
const arg = { datasetId: 'bench', title: 'bench', path: file, source: 'imported' as const };

// The data worker is started and serving, and the import view has asked it to get ready.
await data.call('prepareImport', undefined);
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
    await data.call('openFile', arg, { signal: controller.signal });
    console.log(JSON.stringify({ cancelled: false }));
  } catch (e) {
    console.log(JSON.stringify({ cancelled: true, stopMs: performance.now() - cancelledAt, message: (e as Error).message }));
  }
} else {
  const overview = await data.call('openFile', arg, { signal: controller.signal });
  const seconds = (performance.now() - t0) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ seconds, rows: overview.rows, failures: overview.failures, baselineMB: baseline / 1e6, peakOverBaselineMB: (peak - baseline) / 1e6 }));
}
await data.close();
