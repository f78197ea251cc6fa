/**
 * Workers doing the app's background work (the fleet loop, storage, training, file reading) run
 * "nicer" than the window: on a 2-core machine the renderer's main thread was otherwise preempted
 * in the middle of a frame (a Chromium trace of the 10,000-asset fleet showed tasks of 28 ms wall
 * time with 9.5 ms of CPU). The work still gets every cycle the window leaves idle.
 *
 * On Linux, priority 0 names the calling thread, so only this worker (and threads it starts) runs
 * nicer; elsewhere it would lower the whole process, window included, so it is left alone. The
 * storage worker answers some of the window's requests too: on a busy machine they may wait a
 * little, which is the trade for frames that do not.
 */
import { access } from 'node:fs';
import { setPriority } from 'node:os';

export const BACKGROUND_NICENESS = 10;

export function runInBackground(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(0, BACKGROUND_NICENESS);
  } catch {
    // Not permitted here: run at normal priority.
  }
}

let poolStarted = false;

/**
 * libuv's thread pool (file, DNS and crypto work) serves the whole process and is started by the
 * first thread that needs it; its threads inherit that thread's priority. The main thread starts
 * it before the first background worker can, so the main process's own file work never runs nicer.
 */
export function startThreadPool(): void {
  if (poolStarted) return;
  poolStarted = true;
  access(process.execPath, () => undefined);
}
