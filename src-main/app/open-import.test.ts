import { describe, expect, it } from 'vitest';
import { EventHub } from '../services/events';
import { importChosenFile } from './open-import';

/** A runtime whose importPath emits what a real import would, then resolves with the id. */
function runtimeThat(outcome: 'ready' | 'failed' | 'missing' | 'cancelled') {
  const events = new EventHub();
  let n = 0;
  return {
    events,
    async importPath(path: string) {
      if (outcome === 'missing') throw new Error(`ENOENT: no such file or directory, stat '${path}'`);
      const importId = `imp-${++n}`;
      // Another import's events in between must not be taken for this one's.
      events.emit('import:failed', { importId: 'other', fileName: 'x.csv', message: 'not ours' });
      events.emit('import:opened', { importId, fileName: 'a.csv', totalBytes: 10 });
      if (outcome === 'ready') events.emit('import:ready', { importId, fileName: 'a.csv' } as never);
      if (outcome === 'failed') events.emit('import:failed', { importId, fileName: 'a.csv', message: 'row 3 has 2 columns, not 3' });
      return importId;
    },
  };
}

describe('importing a file the shell chose', () => {
  it('reports a file that was read', async () => {
    expect(await importChosenFile(runtimeThat('ready'), '/d/a.csv')).toEqual({ read: true });
  });

  it('reports a refused file (the window has shown why) and a missing one (it has not)', async () => {
    expect(await importChosenFile(runtimeThat('failed'), '/d/a.csv')).toEqual({ read: false, message: 'row 3 has 2 columns, not 3', shown: true });
    expect(await importChosenFile(runtimeThat('cancelled'), '/d/a.csv')).toMatchObject({ read: false, shown: true });
    expect(await importChosenFile(runtimeThat('missing'), '/d/a.csv')).toMatchObject({ read: false, shown: false, message: expect.stringContaining('ENOENT') });
  });

  it('stops listening afterwards, whatever the outcome', async () => {
    for (const outcome of ['ready', 'missing'] as const) {
      const rt = runtimeThat(outcome);
      let active = 0;
      const subscribe = rt.events.subscribe.bind(rt.events);
      rt.events.subscribe = (listener) => {
        active++;
        const stop = subscribe(listener);
        return () => (active--, stop());
      };
      await importChosenFile(rt, '/d/a.csv');
      expect(active).toBe(0);
    }
  });
});
