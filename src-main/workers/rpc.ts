/**
 * Typed, sequence-numbered RPC between a host and a worker thread (the Signal Desktop pattern):
 * each call carries a sequence number matched to a pending promise, errors cross as
 * {name, message, stack}, a call can be cancelled, progress flows back, and a crashed worker
 * fails its pending calls and is respawned on the next call.
 */
export interface CallContext {
  /** Aborted when the caller cancels. Long loops check it between chunks. */
  signal: AbortSignal;
  progress(value: unknown): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RpcApi = Record<string, (arg: any, ctx: CallContext) => unknown>;

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

type ToWorker = { type: 'call'; seq: number; method: string; arg: unknown } | { type: 'cancel'; seq: number };
type FromWorker =
  | { type: 'result'; seq: number; value: unknown }
  | { type: 'error'; seq: number; error: SerializedError }
  | { type: 'progress'; seq: number; value: unknown };

/** The part of a worker_threads port / Worker that the RPC uses. */
export interface Endpoint {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export interface WorkerLike extends Endpoint {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
}

const transfers = new WeakMap<object, ArrayBuffer[]>();

/**
 * Marks a result (or a call's argument) whose buffers may move to the other side instead of being
 * copied: only for values the sender drops after sending (a parsed segment), never for state it keeps.
 */
export function transferable<T extends object>(value: T, buffers: ArrayBuffer[]): T {
  transfers.set(value, [...new Set(buffers)]);
  return value;
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof Error) return { name: e.name, message: e.message, stack: e.stack };
  return { name: 'Error', message: String(e) };
}

export function deserializeError(s: SerializedError, context: string): Error {
  const e = new Error(s.message);
  e.name = s.name;
  e.stack = `${s.name}: ${s.message}\n    (in ${context})\n${(s.stack ?? '').split('\n').slice(1).join('\n')}`;
  return e;
}

export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** Worker side: answers calls on `port` with the methods of `api`. */
export function serveRpc(port: Endpoint, api: RpcApi): void {
  const running = new Map<number, AbortController>();
  port.on('message', async (raw) => {
    const msg = raw as ToWorker;
    if (msg.type === 'cancel') {
      running.get(msg.seq)?.abort();
      return;
    }
    const fn = Object.prototype.hasOwnProperty.call(api, msg.method) ? api[msg.method] : undefined;
    if (!fn) {
      port.postMessage({ type: 'error', seq: msg.seq, error: { name: 'RpcError', message: `no method "${msg.method}"` } } satisfies FromWorker);
      return;
    }
    const controller = new AbortController();
    running.set(msg.seq, controller);
    try {
      const value = await fn(msg.arg, {
        signal: controller.signal,
        progress: (v) => port.postMessage({ type: 'progress', seq: msg.seq, value: v } satisfies FromWorker),
      });
      const list = value !== null && typeof value === 'object' ? transfers.get(value) : undefined;
      port.postMessage({ type: 'result', seq: msg.seq, value } satisfies FromWorker, list);
    } catch (e) {
      port.postMessage({ type: 'error', seq: msg.seq, error: serializeError(e) } satisfies FromWorker);
    } finally {
      running.delete(msg.seq);
    }
  });
}

export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (value: unknown) => void;
}

export interface RpcClient<A extends RpcApi> {
  call<K extends keyof A & string>(method: K, arg: Parameters<A[K]>[0], opts?: CallOptions): Promise<Awaited<ReturnType<A[K]>>>;
  close(): Promise<void>;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  onProgress?: (value: unknown) => void;
}

/** Host side: one instance per worker kind. Spawns lazily and respawns after a crash. */
export class WorkerHost<A extends RpcApi> implements RpcClient<A> {
  private worker: WorkerLike | null = null;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(
    private readonly name: string,
    private readonly spawn: () => WorkerLike,
  ) {}

  private ensureWorker(): WorkerLike {
    if (this.closed) throw new Error(`${this.name} worker is closed`);
    if (this.worker) return this.worker;
    const w = this.spawn();
    w.on('message', (raw) => this.onMessage(raw as FromWorker));
    w.on('error', (err) => this.failAll(w, err));
    w.on('exit', (code) => this.failAll(w, new Error(`${this.name} worker exited with code ${code}`)));
    this.worker = w;
    return w;
  }

  private onMessage(msg: FromWorker): void {
    const p = this.pending.get(msg.seq);
    if (!p) return;
    if (msg.type === 'progress') {
      p.onProgress?.(msg.value);
      return;
    }
    this.pending.delete(msg.seq);
    if (msg.type === 'result') p.resolve(msg.value);
    else p.reject(deserializeError(msg.error, `${this.name} worker`));
  }

  private failAll(w: WorkerLike, err: Error): void {
    if (this.worker !== w) return;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  call<K extends keyof A & string>(method: K, arg: Parameters<A[K]>[0], opts: CallOptions = {}): Promise<Awaited<ReturnType<A[K]>>> {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new CancelledError(`${method} cancelled`));
      let w: WorkerLike;
      try {
        w = this.ensureWorker();
      } catch (e) {
        return reject(e as Error);
      }
      const seq = ++this.seq;
      const onAbort = () => {
        if (!this.pending.has(seq)) return;
        w.postMessage({ type: 'cancel', seq } satisfies ToWorker);
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => opts.signal?.removeEventListener('abort', onAbort);
      this.pending.set(seq, {
        resolve: (v) => { done(); resolve(v as Awaited<ReturnType<A[K]>>); },
        reject: (e) => { done(); reject(e); },
        onProgress: opts.onProgress,
      });
      // An argument marked transferable (a segment's bytes) moves to the worker uncopied.
      const list = arg !== null && typeof arg === 'object' ? transfers.get(arg) : undefined;
      w.postMessage({ type: 'call', seq, method, arg } satisfies ToWorker, list);
    });
  }

  /** Terminates the worker; pending calls fail and the next call starts a fresh one. */
  async restart(): Promise<void> {
    const w = this.worker;
    if (!w) return;
    this.failAll(w, new Error(`${this.name} worker restarted`));
    await w.terminate();
  }

  async close(): Promise<void> {
    await this.restart();
    this.closed = true;
  }
}

/** Runs an API in-process behind the same interface: for tests and tools without workers. */
export function inProcessClient<A extends RpcApi>(api: A): RpcClient<A> {
  return {
    async call(method, arg, opts = {}) {
      const controller = new AbortController();
      const abort = () => controller.abort();
      opts.signal?.addEventListener('abort', abort, { once: true });
      try {
        return (await api[method](arg, { signal: controller.signal, progress: (v) => opts.onProgress?.(v) })) as never;
      } finally {
        // One long-lived signal serves many calls (a training run's): each removes its listener.
        opts.signal?.removeEventListener('abort', abort);
      }
    },
    async close() {},
  };
}
