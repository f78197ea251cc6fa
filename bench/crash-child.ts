/**
 * The writer that `npm run test:crash` kills. Opens the database the way the app does (through
 * createStorageApi, so migrations run on the first round and WAL recovery on every later one),
 * then ingests a 50-asset fleet "at 1 Hz, accelerated" — one batch per simulated second, as fast
 * as SQLite takes it — until it is SIGKILLed.
 *
 * Protocol on stdout, one line each, written with fs.writeSync only AFTER the call returned:
 *   committed <batch>   appendHistory committed all 50 rows of the batch
 *   durable <batch>     commitTwinState committed the crashClock document and its audit entry
 * A synchronous write to the pipe means the line exists in the kernel before the next SQL
 * statement runs, so every line the parent reads is a promise the database must keep.
 *
 * Usage: node --import tsx bench/crash-child.ts <database path>
 */
import { writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createRng } from '../src-main/common/random';
import type { HistoryRow } from '../src-main/store/history-repo';
import { createStorageApi } from '../src-main/store/storage-api';

const CRASH_ASSETS = 50;
/** Simulated time of batch 0: batch b covers the second START_MS + b·1000. */
const START_MS = Date.UTC(2026, 0, 1);
/** Every DURABLE_EVERY-th batch also commits twin state + audit at synchronous=FULL. */
const DURABLE_EVERY = 10;

const ids = Array.from({ length: CRASH_ASSETS }, (_, i) => `A-${String(i).padStart(2, '0')}`);

/** One simulated second of the fleet; values depend only on the batch id, so a replay is identical. */
function fleetSecond(batch: number): HistoryRow[] {
  const rng = createRng(batch);
  return ids.map((assetId, i) => ({
    assetId,
    t: START_MS + batch * 1000,
    readings: {
      temperatureC: 60 + i * 0.2 + rng.normal() * 1.5,
      vibrationMmS: 2 + rng.next() * 3,
      currentA: 12 + rng.normal() * 0.8,
    },
    probability: Math.round(rng.next() * 1000) / 1000,
    modelVersion: 'crash@1',
  }));
}

/**
 * fs.writeSync on a pipe can throw EAGAIN if something in the process switched fd 1 to
 * non-blocking mode; retrying keeps "a printed line means committed" without ever dropping one.
 */
function say(line: string): void {
  const buf = Buffer.from(`${line}\n`);
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(1, buf, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
    }
  }
}

function main(): void {
  const path = process.argv[2];
  if (!path) throw new Error('usage: crash-child <database path>');
  const api = createStorageApi(path);
  // The storage API has no "highest batch" query and the test must not add one, so a second,
  // read-only connection asks once; the API's own connection (already open) keeps WAL mode set.
  const ro = new Database(path, { readonly: true });
  const last = (ro.prepare('SELECT MAX(batch) AS b FROM history_raw').get() as { b: number | null }).b;
  ro.close();
  for (let batch = (last ?? 0) + 1; ; batch++) {
    api.appendHistory({ batch, rows: fleetSecond(batch) });
    say(`committed ${batch}`);
    if (batch % DURABLE_EVERY === 0) {
      api.commitTwinState({ docs: { crashClock: { batch } }, audit: [{ who: 'crash', action: 'crash.tick', subject: String(batch), detail: '' }] });
      say(`durable ${batch}`);
    }
  }
}

main();
