/**
 * One writer per data folder. Two Twinscopes on one database would interleave their fleets'
 * history and overwrite each other's twin state, so the second is refused with a clear message.
 * The lock is a file created exclusively, holding the owner's process id; a lock whose process is
 * gone (a crash, a power cut) is stale and taken over. Electron adds its own single-instance lock
 * per user; this one also covers a web host and a desktop app pointed at the same folder.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'twinscope.lock';

export class DataFolderInUseError extends Error {
  override name = 'DataFolderInUseError';
}

interface LockContent {
  pid: number;
  host: string;
  startedAt: string;
}

/** Whether a process with this id runs on this machine (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder's lock. `stale`: a lock was left by a process that is gone — the last run did
 * not shut down (a crash, a power cut), so the database deserves a check.
 */
export function lockDataFolder(dir: string, opts: { pid?: number; alive?: (pid: number) => boolean; now?: () => Date } = {}): { release(): void; stale: boolean } {
  const pid = opts.pid ?? process.pid, alive = opts.alive ?? processAlive, path = join(dir, LOCK_FILE);
  const content: LockContent = { pid, host: hostname(), startedAt: (opts.now?.() ?? new Date()).toISOString() };
  let stale = false;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify(content));
      closeSync(fd);
      return {
        stale,
        release() {
          // Only our own lock: a stale one taken over by another process is theirs now.
          if (readLock(path)?.pid === pid) unlinkSync(path);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = readLock(path);
      if (held && held.pid !== pid && held.host === content.host && alive(held.pid)) {
        throw new DataFolderInUseError(
          `The data folder ${dir} is in use by another Twinscope (process ${held.pid}, started ${held.startedAt}). ` +
            'Close that one first, or start this one with another data folder (--data-dir).',
        );
      }
      // Stale (its process is gone), unreadable (cut off mid-write) or from another machine's
      // crashed session on a shared folder: taken over.
      unlinkSync(path);
      stale = true;
    }
  }
  throw new DataFolderInUseError(`could not lock the data folder ${dir}: another process keeps creating ${LOCK_FILE}`);
}

function readLock(path: string): LockContent | null {
  try {
    const c = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return typeof c.pid === 'number' && typeof c.host === 'string' ? { pid: c.pid, host: c.host, startedAt: String(c.startedAt ?? '?') } : null;
  } catch {
    return null;
  }
}
