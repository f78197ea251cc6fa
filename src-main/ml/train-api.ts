/**
 * What a training worker answers: bin a training set once per job, then grow the trees it is
 * given. Every tree draws from its own seeded stream, so which worker grows which tree does not
 * change the forest.
 */
import { growForestTree, predictForestBatch, prepareTraining, type ClassWeight, type Forest, type ForestOptions, type PreparedTraining } from './forest';
import type { FlatTree } from './tree';
import { trainReferenceForest, type ReferenceOptions } from './reference-forest';
import { predictBoostedBatch, trainBoosted, type BoostedModel, type BoostOptions } from './boosting';

export interface TrainCallContext {
  signal: AbortSignal;
  progress(value: unknown): void;
}

export class TrainingCancelled extends Error {
  override name = 'CancelledError';
}

export function createTrainApi() {
  const prepared = new Map<string, PreparedTraining>();
  return {
    prepare(arg: { key: string; columns: Float64Array[]; label: Uint8Array; classWeight: ClassWeight; boundaries?: number[][] }) {
      prepared.set(arg.key, prepareTraining(arg.columns, arg.label, arg.classWeight, arg.boundaries));
      return true;
    },
    grow(arg: { key: string; opts: ForestOptions; indices: number[] }, ctx: TrainCallContext): FlatTree[] {
      const data = prepared.get(arg.key);
      if (!data) throw new Error(`training set "${arg.key}" was not prepared in this worker`);
      return arg.indices.map((t) => {
        if (ctx.signal.aborted) throw new TrainingCancelled('training cancelled');
        const tree = growForestTree(data, arg.opts, t);
        ctx.progress(t);
        return tree;
      });
    },
    /** The reference engine (ml-random-forest), whole forest in this worker: it cannot be shared out. */
    reference(arg: { columns: Float64Array[]; label: Uint8Array; opts: ReferenceOptions }): Forest {
      return trainReferenceForest(arg.columns, arg.label, arg.opts);
    },
    /** Gradient-boosted trees, round after round in this worker; progress per round, cancel between rounds. */
    boost(arg: { columns: Float64Array[]; label: Uint8Array; opts: BoostOptions; boundaries?: number[][] }, ctx: TrainCallContext): BoostedModel {
      return trainBoosted(arg.columns, arg.label, arg.opts, arg.boundaries, (round) => {
        if (ctx.signal.aborted) throw new TrainingCancelled('training cancelled');
        ctx.progress(round);
      });
    },
    /** Batch prediction of boosted trees off the main thread. */
    predictBoosted(arg: { model: BoostedModel; columns: Float64Array[] }): Float64Array {
      return predictBoostedBatch(arg.model, arg.columns);
    },
    /** Batch prediction off the main thread (held-out folds can be large). */
    predict(arg: { trees: FlatTree[]; columns: Float64Array[] }): Float64Array {
      return predictForestBatch({ trees: arg.trees, nFeatures: arg.columns.length }, arg.columns);
    },
    release(arg: { key: string }) {
      return prepared.delete(arg.key);
    },
  };
}

export type TrainApi = ReturnType<typeof createTrainApi>;
