/**
 * File › Open CSV… and Open Recent hand a path to the import pipeline. The runtime reports the
 * outcome to the window as events (import:ready / import:failed); the shell needs it too, because
 * only a file that was read goes into the recent files.
 */
import type { Runtime } from '../services/runtime';

export type ImportOutcome = { read: true } | { read: false; message: string; shown: boolean };

/**
 * Imports `path` and says whether it was read. `shown`: the window already told the user why not
 * (import:failed); otherwise (the file is gone, unreadable) the shell has to.
 */
export async function importChosenFile(runtime: Pick<Runtime, 'events' | 'importPath'>, path: string): Promise<ImportOutcome> {
  const ready = new Set<string>();
  const failed = new Map<string, string>();
  // The events of this import arrive before importPath resolves with its id: collect them all.
  const stop = runtime.events.subscribe((name, payload) => {
    const p = payload as { importId: string; message?: string };
    if (name === 'import:ready') ready.add(p.importId);
    else if (name === 'import:failed') failed.set(p.importId, p.message ?? 'the file was refused');
  });
  try {
    const importId = await runtime.importPath(path);
    if (ready.has(importId)) return { read: true };
    const message = failed.get(importId);
    return message !== undefined ? { read: false, message, shown: true } : { read: false, message: 'the import was cancelled', shown: true };
  } catch (e) {
    return { read: false, message: (e as Error).message, shown: false };
  } finally {
    stop();
  }
}
