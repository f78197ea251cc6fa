/**
 * What the desktop shell asks of the runtime besides the contract: sleep and wake (powerMonitor)
 * and the diagnostics bundle, run against the real services in-process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetClock } from '../shared/contract';
import { createFileLog, logDirOf } from '../store/log-file';
import { MIGRATIONS } from '../store/migrations';
import type { Runtime } from './runtime';
import { createInProcessRuntime } from './in-process-runtime';

let dir: string;
let rt: Runtime;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'twinscope-rtd-'));
  rt = await createInProcessRuntime({ dataDir: dir, defaultModels: false });
});
afterAll(async () => {
  await rt.close();
  rmSync(dir, { recursive: true, force: true });
});

async function clock(arg: { paused?: boolean } = {}): Promise<FleetClock> {
  const r = await rt.dispatch('fleet:control', arg);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as FleetClock;
}

describe('sleep and wake', () => {
  it('pauses a running clock for the sleep and resumes it on waking, once', async () => {
    expect((await clock({ paused: false })).paused).toBe(false);
    await rt.suspend();
    expect((await clock()).paused).toBe(true);
    // Two suspend events (some systems send them) still mean one pause to undo.
    await rt.suspend();
    await rt.resume();
    expect((await clock()).paused).toBe(false);
    // A second resume has nothing left to undo.
    await clock({ paused: true });
    await rt.resume();
    expect((await clock()).paused).toBe(true);
  });

  it('a wake that arrives while the suspend is still storing leaves the clock running', async () => {
    expect((await clock({ paused: false })).paused).toBe(false);
    // The OS can freeze the process mid-write and deliver 'resume' before the suspend finished.
    const suspending = rt.suspend();
    await rt.resume();
    await suspending;
    expect((await clock()).paused).toBe(false);
  });

  it('leaves a clock the operator paused paused', async () => {
    await clock({ paused: true });
    await rt.suspend();
    await rt.resume();
    expect((await clock()).paused).toBe(true);
  });

  it("keeps the operator's choice made while the app was suspended", async () => {
    await clock({ paused: false });
    await rt.suspend();
    // e.g. the window's pause button, pressed between the suspend and the wake-up events.
    await clock({ paused: true });
    await rt.resume();
    expect((await clock()).paused).toBe(true);
    await clock({ paused: false });
  });
});

describe('diagnostics through the runtime', () => {
  it('answers support:diagnostics with the schema version, storage status and the log tail of the data folder', async () => {
    const log = createFileLog(logDirOf(dir));
    log.info('host', 'serving http://127.0.0.1:4321/?token=never-in-a-bundle');
    log.error('host', new Error('a test failure'));
    const r = await rt.dispatch('support:diagnostics', {});
    if (!r.ok) throw new Error(r.error.message);
    const d = r.value as { fileName: string; content: string; savedTo: string | null };
    expect(d.savedTo).toBeNull();
    expect(d.content).toContain(`database schema version: ${MIGRATIONS[MIGRATIONS.length - 1].version}`);
    expect(d.content).toContain(`data folder: ${dir}`);
    expect(d.content).toContain('"operatorName"');
    expect(d.content).toContain('== Storage status ==');
    expect(d.content).toContain('ERROR [host] Error: a test failure');
    expect(d.content).not.toContain('never-in-a-bundle');
  });
});
