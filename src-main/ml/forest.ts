/**
 * Random forest of histogram CARTs. Each tree draws its bootstrap sample and feature choices from
 * its own seeded stream, so the same seed gives the same trees however trees are shared out
 * among workers.
 */
import { createRng, deriveSeed } from '../common/random';
import { binFeature, type BinnedFeature } from './binning';
import { compileTreeBlock, type TreeBlock } from './forest-codegen';
import { growTree, type Criterion, type FlatTree } from './tree';

export type ClassWeight = 'balanced' | 'none' | { negative: number; positive: number };
export type MaxFeatures = 'sqrt' | 'all' | number;

export interface ForestOptions {
  nTrees: number;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  criterion: Criterion;
  classWeight: ClassWeight;
  maxFeatures: MaxFeatures;
  bootstrap: boolean;
  seed: number;
}

export const DEFAULT_FOREST: ForestOptions = {
  nTrees: 100, maxDepth: 10, minSamplesSplit: 10, minSamplesLeaf: 5, criterion: 'gini', classWeight: 'balanced',
  maxFeatures: 'sqrt', bootstrap: true, seed: 42,
};

export interface Forest {
  trees: FlatTree[];
  nFeatures: number;
}

export interface PreparedTraining {
  features: BinnedFeature[];
  label: Uint8Array;
  classWeights: [number, number];
}

/** Bins the feature columns once; trees (in any worker) then share the binned data. */
export function prepareTraining(columns: Float64Array[], label: Uint8Array, classWeight: ClassWeight, boundaries: (readonly number[])[] = []): PreparedTraining {
  const n = label.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += label[i];
  const weights: [number, number] =
    classWeight === 'balanced' ? [n / (2 * (n - pos)), n / (2 * pos)] : classWeight === 'none' ? [1, 1] : [classWeight.negative, classWeight.positive];
  return { features: columns.map((c, k) => binFeature(c, undefined, boundaries[k] ?? [])), label, classWeights: weights };
}

export function featuresPerSplit(m: MaxFeatures, nFeatures: number): number {
  if (m === 'all') return nFeatures;
  if (m === 'sqrt') return Math.max(1, Math.floor(Math.sqrt(nFeatures)));
  return Math.max(1, Math.min(nFeatures, Math.round(m * nFeatures)));
}

/** Grows tree number `index` of a forest (the unit of work shared among workers). */
export function growForestTree(data: PreparedTraining, opts: ForestOptions, index: number): FlatTree {
  const rng = createRng(deriveSeed(opts.seed, `tree-${index}`));
  const n = data.label.length;
  const count = new Uint16Array(n);
  if (opts.bootstrap) for (let i = 0; i < n; i++) count[rng.int(n)]++;
  else count.fill(1);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) weight[i] = count[i] * data.classWeights[data.label[i]];
  return growTree(data.features, data.label, weight, count, {
    criterion: opts.criterion, maxDepth: opts.maxDepth, minSamplesSplit: opts.minSamplesSplit, minSamplesLeaf: opts.minSamplesLeaf,
    maxFeatures: featuresPerSplit(opts.maxFeatures, data.features.length),
  }, rng);
}

export function trainForest(columns: Float64Array[], label: Uint8Array, opts: ForestOptions, boundaries: (readonly number[])[] = []): Forest {
  const data = prepareTraining(columns, label, opts.classWeight, boundaries);
  return { trees: Array.from({ length: opts.nTrees }, (_, t) => growForestTree(data, opts, t)), nFeatures: columns.length };
}

/**
 * All trees in one set of typed arrays (children as absolute indexes, leaves as negative feature):
 * one-row prediction then walks flat memory instead of a tree object per tree.
 */
/**
 * A forest packed for prediction: 16 bytes per node in one buffer — the split feature and the
 * first child's index as int32, the threshold (or a leaf's value) as a double — with both children
 * of a node stored side by side (right = left + 1). A node is then one read from one cache line
 * instead of four scattered ones: prediction is memory-bound once thousands of live assets share
 * the CPU caches.
 */
interface CompiledForest {
  roots: Int32Array;
  ints: Int32Array;
  doubles: Float64Array;
}

const compiled = new WeakMap<Forest, CompiledForest>();

export function compileForest(f: Forest): CompiledForest {
  const cached = compiled.get(f);
  if (cached) return cached;
  const total = f.trees.reduce((s, t) => s + t.feature.length, 0);
  const buffer = new ArrayBuffer(16 * total);
  const c: CompiledForest = { roots: new Int32Array(f.trees.length), ints: new Int32Array(buffer), doubles: new Float64Array(buffer) };
  let next = 0;
  f.trees.forEach((t, k) => {
    // Breadth-first, giving each split's two children consecutive slots.
    const root = next++;
    c.roots[k] = root;
    const queue: [number, number][] = [[0, root]];
    for (let q = 0; q < queue.length; q++) {
      const [node, slot] = queue[q];
      if (t.feature[node] < 0) {
        c.ints[4 * slot] = -1;
        c.doubles[2 * slot + 1] = t.value[node];
        continue;
      }
      const left = next;
      next += 2;
      c.ints[4 * slot] = t.feature[node];
      c.ints[4 * slot + 1] = left;
      c.doubles[2 * slot + 1] = t.threshold[node];
      queue.push([t.left[node], left], [t.right[node], left + 1]);
    }
  });
  compiled.set(f, c);
  return c;
}

export function predictForest(f: Forest, x: ArrayLike<number>): number {
  const { roots, ints, doubles } = compileForest(f);
  let s = 0;
  for (let k = 0; k < roots.length; k++) {
    let n = roots[k];
    let d = ints[4 * n];
    while (d >= 0) {
      n = ints[4 * n + 1] + (x[d] <= doubles[2 * n + 1] ? 0 : 1);
      d = ints[4 * n];
    }
    s += doubles[2 * n + 1];
  }
  return s / roots.length;
}

/**
 * Mean leaf value for many rows at once, tree by tree over blocks of rows (thousands of live assets
 * reading in the same second). Batches of `COMPILED_FROM` rows or more run each tree as compiled
 * code (forest-codegen.ts) where it could be compiled: such a fleet calls the code often enough for
 * V8 to optimise it soon, while a small fleet would keep it in the slower unoptimised tiers and
 * pay for the compiling. Every path adds leaves in tree order, so the sums are the same exactly.
 */
const MANY_BLOCK = 32;
export const COMPILED_FROM = 256;
const treeBlocks = new WeakMap<Forest, (TreeBlock | null)[]>();
const NO_BLOCKS: null[] = [];

export function predictForestMany(f: Forest, xs: readonly ArrayLike<number>[], out: Float64Array): void {
  const { roots, ints, doubles } = compileForest(f);
  let blocks = treeBlocks.get(f) ?? NO_BLOCKS;
  if (blocks === NO_BLOCKS && xs.length >= COMPILED_FROM) treeBlocks.set(f, (blocks = f.trees.map(compileTreeBlock)));
  out.fill(0, 0, xs.length);
  for (let from = 0; from < xs.length; from += MANY_BLOCK) {
    const to = Math.min(xs.length, from + MANY_BLOCK);
    for (let k = 0; k < roots.length; k++) {
      const block = k < blocks.length ? blocks[k] : null;
      if (block) {
        block(xs, from, to, out);
        continue;
      }
      const root = roots[k];
      for (let r = from; r < to; r++) {
        const x = xs[r];
        let n = root;
        let d = ints[4 * n];
        while (d >= 0) {
          n = ints[4 * n + 1] + (x[d] <= doubles[2 * n + 1] ? 0 : 1);
          d = ints[4 * n];
        }
        out[r] += doubles[2 * n + 1];
      }
    }
  }
  for (let r = 0; r < xs.length; r++) out[r] /= roots.length;
}

/** Applies a one-row predictor to every row of column-major data (one reused row buffer). */
export function predictRows(columns: Float64Array[], predict: (x: Float64Array) => number): Float64Array {
  const n = columns[0]?.length ?? 0;
  const out = new Float64Array(n);
  const x = new Float64Array(columns.length);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < columns.length; c++) x[c] = columns[c][i];
    out[i] = predict(x);
  }
  return out;
}

export function predictForestBatch(f: Forest, columns: Float64Array[]): Float64Array {
  return predictRows(columns, (x) => predictForest(f, x));
}
