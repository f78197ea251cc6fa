/**
 * Shares a forest's trees out among training workers (one per core), in small batches so a
 * faster worker takes more, with progress per tree and cancel between trees. Workers are reached
 * through an RPC client interface, so the same code runs with real threads or in-process.
 */
import type { ForestOptions, Forest } from './forest';
import type { TrainApi } from './train-api';
import type { FlatTree } from './tree';
import type { ReferenceOptions } from './reference-forest';
import type { BoostedModel, BoostOptions } from './boosting';

/** The RPC surface the pool needs (WorkerHost<TrainApi> or an in-process client). */
export interface TrainClient {
  call<K extends keyof TrainApi & string>(method: K, arg: Parameters<TrainApi[K]>[0], opts?: { signal?: AbortSignal; onProgress?: (v: unknown) => void }): Promise<Awaited<ReturnType<TrainApi[K]>>>;
  /** Stops the worker mid-call (real workers only). */
  restart?(): Promise<void>;
}

export interface PoolProgress {
  treesDone: number;
  treesTotal: number;
}

const BATCH = 4;
let jobs = 0;

export class TrainPool {
  constructor(private readonly workers: TrainClient[]) {
    if (workers.length === 0) throw new Error('a training pool needs at least one worker');
  }

  get size(): number {
    return this.workers.length;
  }

  async trainForest(columns: Float64Array[], label: Uint8Array, opts: ForestOptions, run: { signal?: AbortSignal; onProgress?: (p: PoolProgress) => void; boundaries?: number[][] } = {}): Promise<Forest> {
    const key = `job-${++jobs}`;
    await Promise.all(this.workers.map((w) => w.call('prepare', { key, columns, label, classWeight: opts.classWeight, boundaries: run.boundaries }, { signal: run.signal })));
    const trees: FlatTree[] = new Array(opts.nTrees);
    let next = 0, done = 0;
    const worker = async (w: TrainClient) => {
      while (next < opts.nTrees) {
        if (run.signal?.aborted) throw Object.assign(new Error('training cancelled'), { name: 'CancelledError' });
        const indices = Array.from({ length: Math.min(BATCH, opts.nTrees - next) }, (_, i) => next + i);
        next += indices.length;
        const grown = await w.call('grow', { key, opts, indices }, {
          signal: run.signal,
          onProgress: () => run.onProgress?.({ treesDone: ++done, treesTotal: opts.nTrees }),
        });
        grown.forEach((t, i) => (trees[indices[i]] = t));
      }
    };
    try {
      await Promise.all(this.workers.map(worker));
    } finally {
      await Promise.all(this.workers.map((w) => w.call('release', { key }).catch(() => false)));
    }
    return { trees, nFeatures: columns.length };
  }

  /**
   * Trains the reference engine (ml-random-forest) in one worker. It offers no way to stop between
   * trees, so a cancel restarts that worker (the next call starts a fresh one).
   */
  async trainReference(columns: Float64Array[], label: Uint8Array, opts: ReferenceOptions, run: { signal?: AbortSignal } = {}): Promise<Forest> {
    const w = this.workers[0];
    const stop = () => void w.restart?.();
    run.signal?.addEventListener('abort', stop, { once: true });
    try {
      return await w.call('reference', { columns, label, opts }, { signal: run.signal });
    } catch (e) {
      if (run.signal?.aborted) throw Object.assign(new Error('training cancelled'), { name: 'CancelledError' });
      throw e;
    } finally {
      run.signal?.removeEventListener('abort', stop);
    }
  }

  /** Boosting is sequential: one worker grows the rounds, reporting each. */
  async trainBoosted(columns: Float64Array[], label: Uint8Array, opts: BoostOptions, run: { signal?: AbortSignal; onRound?: (round: number) => void; boundaries?: number[][] } = {}): Promise<BoostedModel> {
    return this.workers[0].call('boost', { columns, label, opts, boundaries: run.boundaries }, { signal: run.signal, onProgress: (r) => run.onRound?.(r as number) });
  }

  /** Predicts boosted trees in slices spread over the workers. */
  predictBoosted(model: BoostedModel, columns: Float64Array[]): Promise<Float64Array> {
    return this.sliced(columns, (w, part) => w.call('predictBoosted', { model, columns: part }));
  }

  /** Predicts rows in slices spread over the workers. */
  predict(forest: Forest, columns: Float64Array[]): Promise<Float64Array> {
    return this.sliced(columns, (w, part) => w.call('predict', { trees: forest.trees, columns: part }));
  }

  /** Rows cut into one slice per worker, predicted in parallel and joined in order. */
  private async sliced(columns: Float64Array[], predict: (w: TrainClient, part: Float64Array[]) => Promise<Float64Array>): Promise<Float64Array> {
    const n = columns[0]?.length ?? 0;
    const slice = Math.ceil(n / this.workers.length);
    const parts = await Promise.all(
      this.workers.map((w, k) => {
        const lo = k * slice, hi = Math.min(n, lo + slice);
        return hi > lo ? predict(w, columns.map((c) => c.subarray(lo, hi))) : Promise.resolve(new Float64Array(0));
      }),
    );
    const out = new Float64Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

}
