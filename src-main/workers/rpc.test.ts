import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { CancelledError, serveRpc, WorkerHost, type CallContext, type WorkerLike } from './rpc';

/** A worker stand-in made of a real MessageChannel: the worker side runs serveRpc on port2. */
function channelWorker(api: Parameters<typeof serveRpc>[1]): WorkerLike & { crash(): void } {
  const { port1, port2 } = new MessageChannel();
  serveRpc(port2, api);
  const exitListeners: ((code: number) => void)[] = [];
  return {
    postMessage: (m) => port1.postMessage(m),
    on(event: string, listener: (x: unknown) => void) {
      if (event === 'message') port1.on('message', listener);
      if (event === 'exit') exitListeners.push(listener as (code: number) => void);
      return this;
    },
    async terminate() {
      port1.close();
      port2.close();
      return 0;
    },
    crash() {
      port1.close();
      port2.close();
      exitListeners.forEach((l) => l(1));
    },
  } as WorkerLike & { crash(): void };
}

const api = {
  add: (arg: { a: number; b: number }) => arg.a + arg.b,
  fail: () => {
    throw new RangeError('bad range');
  },
  slow: async (arg: { steps: number }, ctx: CallContext) => {
    for (let i = 0; i < arg.steps; i++) {
      if (ctx.signal.aborted) throw new CancelledError('stopped at step ' + i);
      ctx.progress(i);
      await new Promise((r) => setTimeout(r, 5));
    }
    return 'done';
  },
  never: () => new Promise(() => {}),
};

describe('worker RPC', () => {
  it('matches concurrent calls to their results by sequence number', async () => {
    const host = new WorkerHost<typeof api>('test', () => channelWorker(api));
    const results = await Promise.all([1, 2, 3, 4].map((i) => host.call('add', { a: i, b: 10 })));
    expect(results).toEqual([11, 12, 13, 14]);
    await host.close();
  });

  it('carries errors across with name, message and stack', async () => {
    const host = new WorkerHost<typeof api>('test', () => channelWorker(api));
    const err = await host.call('fail', undefined).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe('RangeError');
    expect((err as Error).message).toBe('bad range');
    expect((err as Error).stack).toContain('in test worker');
    await host.close();
  });

  it('reports progress and cancels a running call', async () => {
    const host = new WorkerHost<typeof api>('test', () => channelWorker(api));
    const controller = new AbortController();
    const seen: unknown[] = [];
    const p = host.call('slow', { steps: 1000 }, {
      signal: controller.signal,
      onProgress: (v) => {
        seen.push(v);
        if (seen.length === 3) controller.abort();
      },
    });
    const err = await p.catch((e: Error) => e);
    expect((err as Error).name).toBe('CancelledError');
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThan(10);
    await host.close();
  });

  it('fails pending calls when the worker dies and respawns on the next call', async () => {
    let spawned = 0;
    let current: ReturnType<typeof channelWorker> | null = null;
    const host = new WorkerHost<typeof api>('test', () => {
      spawned++;
      current = channelWorker(api);
      return current;
    });
    const pending = host.call('never', undefined);
    await new Promise((r) => setTimeout(r, 5));
    current!.crash();
    await expect(pending).rejects.toThrow(/exited with code 1/);
    expect(await host.call('add', { a: 1, b: 1 })).toBe(2);
    expect(spawned).toBe(2);
    await host.close();
    await expect(host.call('add', { a: 1, b: 1 })).rejects.toThrow(/closed/);
  });

  it('refuses unknown methods with a clear error', async () => {
    const host = new WorkerHost<Record<string, () => number>>('test', () => channelWorker(api));
    await expect(host.call('toString', undefined)).rejects.toThrow(/no method "toString"/);
    await host.close();
  });
});
