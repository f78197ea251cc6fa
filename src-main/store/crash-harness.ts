/**
 * Crash-durability harness, shared by `npm run test:crash` (bench/crash.ts, 100 rounds) and the
 * vitest smoke test (crash.test.ts, a few rounds). It tests durability the way SQLite tests
 * itself: a real writer process (bench/crash-child.ts) is SIGKILLed at a random moment while it
 * commits as fast as it can, then the file is opened cold and checked against everything the
 * writer said it had committed. SIGKILL cannot be caught, so nothing gets a chance to flush or
 * clean up: only what SQLite itself made durable at each commit survives.
 *
 * It lives in src-main/store (not bench/) so the test under src-main imports nothing from bench;
 * only the child script is found there, by path, because it runs as its own process.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createRng } from '../common/random';
import { MIGRATIONS } from './migrations';
import { createStorageApi } from './storage-api';

/** Assets per batch in bench/crash-child.ts: a committed batch has exactly this many rows. */
export const CRASH_BATCH_ROWS = 50;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = join(ROOT, 'bench', 'crash-child.ts');
/** A child that has not committed its first batch by then is stuck (or failed to start). */
const FIRST_COMMIT_TIMEOUT_MS = 60_000;

export interface CrashOptions {
  rounds: number;
  /** Seeds the kill delays, so a run's schedule is reproducible. */
  seed: number;
  /** Where the database file lives (the caller owns and removes it). */
  dir: string;
  log?: (line: string) => void;
}

export interface CrashSummary {
  seed: number;
  /** Rounds whose kill and check completed (all of them unless one failed). */
  rounds: number;
  committedBatches: number;
  durableBatches: number;
  /** Rows in history_raw after the last check (includes batches committed but not yet reported). */
  rows: number;
  integrityOk: number;
  missingCommittedRows: number;
  partialBatches: number;
  missingDurable: number;
  reopenOk: number;
  ms: number;
  /** Why the run failed, or null. */
  failure: string | null;
}

export interface FileCheck {
  integrity: string;
  rows: number;
  /** Rows missing from batches the writer reported committed. */
  missingCommittedRows: number;
  /** Batch ids stored with a row count other than CRASH_BATCH_ROWS (a half-written batch). */
  partialBatches: number;
  /** Durable batches whose audit entry is missing, plus one if crashClock is missing or behind. */
  missingDurable: number;
  /** Human-readable reasons, empty when the file passes. */
  problems: string[];
}

interface KillResult {
  committed: number[];
  durable: number[];
  killedAfterMs: number;
}

/**
 * Runs the writer on `dbPath`, SIGKILLs it `delayMs` after its first committed batch, and
 * resolves with what it reported once the process is gone and its stdout drained ('close', not
 * 'exit': lines still in the pipe at the kill belong to the round).
 */
export function killWriterAfter(dbPath: string, delayMs: number): Promise<KillResult> {
  return new Promise((resolve, reject) => {
    // cwd = repository root so `--import tsx` resolves from its node_modules.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: number[] = [], durable: number[] = [];
    let pending = '', stderr = '', firstAt = 0, killedAt = 0;
    const kill = () => {
      killedAt = performance.now();
      child.kill('SIGKILL');
    };
    const stuck = setTimeout(kill, FIRST_COMMIT_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!; // an incomplete last line is not a promise yet
      for (const line of lines) {
        const [kind, id] = line.split(' ');
        if (kind === 'committed') committed.push(Number(id));
        else if (kind === 'durable') durable.push(Number(id));
      }
      if (!firstAt && committed.length) {
        firstAt = performance.now();
        clearTimeout(stuck);
        setTimeout(kill, delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', (e) => {
      clearTimeout(stuck);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(stuck);
      if (signal !== 'SIGKILL' || !killedAt) reject(new Error(`the writer exited by itself (code ${code}, signal ${signal}): ${stderr.trim() || 'no output'}`));
      else if (!firstAt) reject(new Error(`the writer committed nothing within ${FIRST_COMMIT_TIMEOUT_MS} ms: ${stderr.trim() || 'no output'}`));
      else resolve({ committed, durable, killedAfterMs: Math.round(killedAt - firstAt) });
    });
  });
}

/**
 * Opens the file cold with better-sqlite3 (this connection performs the WAL recovery) and checks
 * it against what the writer reported: integrity, every committed batch whole, no partial batch,
 * every durable batch with its audit entry and the crashClock document at least that far.
 */
export function checkCrashFile(dbPath: string, committed: readonly number[], durable: readonly number[]): FileCheck {
  const db = new Database(dbPath);
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
    // Served by the history_raw_batch index, so it stays cheap as the file grows.
    const counts = new Map((db.prepare('SELECT batch, COUNT(*) AS n FROM history_raw GROUP BY batch').all() as { batch: number; n: number }[]).map((r) => [r.batch, r.n]));
    let rows = 0, partialBatches = 0, missingCommittedRows = 0;
    for (const [batch, n] of counts) {
      rows += n;
      if (n !== CRASH_BATCH_ROWS) {
        partialBatches++;
        if (partialBatches <= 5) problems.push(`batch ${batch} has ${n} rows, not ${CRASH_BATCH_ROWS}`);
      }
    }
    const lost: number[] = [];
    for (const b of committed) {
      const missing = Math.max(0, CRASH_BATCH_ROWS - (counts.get(b) ?? 0));
      missingCommittedRows += missing;
      if (missing) lost.push(b);
    }
    if (lost.length) problems.push(`${lost.length} batches reported committed are incomplete or gone (first: ${lost.slice(0, 5).join(', ')})`);
    const audited = new Set((db.prepare("SELECT subject FROM audit_log WHERE action = 'crash.tick'").all() as { subject: string }[]).map((r) => r.subject));
    const unaudited = durable.filter((b) => !audited.has(String(b)));
    let missingDurable = unaudited.length;
    if (unaudited.length) problems.push(`durable batches without their audit entry: ${unaudited.slice(0, 5).join(', ')}`);
    if (durable.length) {
      const row = db.prepare("SELECT value FROM twin_state WHERE key = 'crashClock'").get() as { value: string } | undefined;
      const clock = row ? (JSON.parse(row.value) as { batch: number }).batch : null;
      const latest = Math.max(...durable);
      if (clock === null || clock < latest) {
        missingDurable++;
        problems.push(`twin_state crashClock is ${clock === null ? 'missing' : `at batch ${clock}`}, the writer reported batch ${latest} durable`);
      }
    }
    return { integrity, rows, missingCommittedRows, partialBatches, missingDurable, problems };
  } finally {
    db.close();
  }
}

/** The app's own way in: migrations check the version, the API opens. Returns a problem or null. */
function reopenProblem(dbPath: string): string | null {
  const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
  try {
    const api = createStorageApi(dbPath);
    const version = api.schemaVersion();
    api.close();
    return version === latest ? null : `the app opened it at schema version ${version}, expected ${latest}`;
  } catch (e) {
    return `the app could not open it: ${(e as Error).message}`;
  }
}

/** Kill-and-check rounds on one database file; stops at the first failing round. */
export async function runCrashRounds(o: CrashOptions): Promise<CrashSummary> {
  const log = o.log ?? (() => {});
  const rng = createRng(o.seed);
  const dbPath = join(o.dir, 'crash.sqlite');
  const committed: number[] = [], durable: number[] = [];
  const s: CrashSummary = { seed: o.seed, rounds: 0, committedBatches: 0, durableBatches: 0, rows: 0, integrityOk: 0, missingCommittedRows: 0, partialBatches: 0, missingDurable: 0, reopenOk: 0, ms: 0, failure: null };
  const t0 = performance.now();
  for (let round = 1; round <= o.rounds; round++) {
    const delay = 50 + rng.int(351); // 50–400 ms, drawn even if the round fails, to keep the schedule
    let kill: KillResult;
    try {
      kill = await killWriterAfter(dbPath, delay);
    } catch (e) {
      s.failure = `round ${round}: ${(e as Error).message}`;
      break;
    }
    committed.push(...kill.committed);
    durable.push(...kill.durable);
    const check = checkCrashFile(dbPath, committed, durable);
    const reopen = reopenProblem(dbPath);
    s.rounds = round;
    s.committedBatches = committed.length;
    s.durableBatches = durable.length;
    s.rows = check.rows;
    s.integrityOk += check.integrity === 'ok' ? 1 : 0;
    s.reopenOk += reopen ? 0 : 1;
    // Cumulative maxima: an earlier round's loss would show again in every later check.
    s.missingCommittedRows = Math.max(s.missingCommittedRows, check.missingCommittedRows);
    s.partialBatches = Math.max(s.partialBatches, check.partialBatches);
    s.missingDurable = Math.max(s.missingDurable, check.missingDurable);
    log(`round ${String(round).padStart(3)}  committed ${String(committed.length).padStart(6)} batches (+${kill.committed.length})  rows ${String(check.rows).padStart(8)}  killed ${String(kill.killedAfterMs).padStart(3)} ms after first commit  integrity ${check.integrity}`);
    const problems = reopen ? [...check.problems, reopen] : check.problems;
    if (problems.length) {
      s.failure = `round ${round}: ${problems.join('; ')}`;
      break;
    }
  }
  s.ms = Math.round(performance.now() - t0);
  return s;
}

export function formatSummary(s: CrashSummary, requested: number): string {
  return [
    `crash test — seed ${s.seed}: ${s.rounds}/${requested} rounds in ${(s.ms / 1000).toFixed(1)} s`,
    `  committed batches reported: ${s.committedBatches} (durable: ${s.durableBatches})`,
    `  rows in history_raw:        ${s.rows}`,
    `  integrity_check ok:         ${s.integrityOk}/${s.rounds}`,
    `  missing committed rows:     ${s.missingCommittedRows}`,
    `  partial batches:            ${s.partialBatches}`,
    `  durable without audit/twin: ${s.missingDurable}`,
    `  app reopened at schema v${MIGRATIONS[MIGRATIONS.length - 1].version}:  ${s.reopenOk}/${s.rounds}`,
    s.failure ? `FAIL: ${s.failure}` : 'PASS',
  ].join('\n');
}
