/**
 * One measured import in a fresh process (so earlier work does not inflate its memory):
 * the real pipeline of the data worker — read, decode, tokenize, build columns, validate, summarise.
 * Prints one JSON line: seconds, rows, baseline and peak RSS.
 */
import { createDataApi } from '../src-main/services/data-api';

const [file, mode] = process.argv.slice(2);
const api = createDataApi();
const controller = new AbortController();
const ctx = { signal: controller.signal, progress: () => {} };

// Load and compile the pipeline on a small input first, as a running app would have.
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
