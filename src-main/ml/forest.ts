/**
 * Random forest of histogram CARTs. Each tree draws its bootstrap sample and feature choices from
 * its own seeded stream, so the same seed gives the same trees however trees are shared out
 * among workers.
 */
import { createRng, deriveSeed } from '../common/random';
import { binFeature, type BinnedFeature } from './binning';
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
interface CompiledForest {
  roots: Int32Array;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

const compiled = new WeakMap<Forest, CompiledForest>();

export function compileForest(f: Forest): CompiledForest {
  const cached = compiled.get(f);
  if (cached) return cached;
  const total = f.trees.reduce((s, t) => s + t.feature.length, 0);
  const c: CompiledForest = {
    roots: new Int32Array(f.trees.length), feature: new Int32Array(total), threshold: new Float64Array(total),
    left: new Int32Array(total), right: new Int32Array(total), value: new Float64Array(total),
  };
  let o = 0;
  f.trees.forEach((t, k) => {
    c.roots[k] = o;
    c.feature.set(t.feature, o);
    c.threshold.set(t.threshold, o);
    c.value.set(t.value, o);
    for (let i = 0; i < t.feature.length; i++) {
      c.left[o + i] = t.left[i] + o;
      c.right[o + i] = t.right[i] + o;
    }
    o += t.feature.length;
  });
  compiled.set(f, c);
  return c;
}

export function predictForest(f: Forest, x: ArrayLike<number>): number {
  const c = compileForest(f);
  const { roots, feature, threshold, left, right, value } = c;
  let s = 0;
  for (let k = 0; k < roots.length; k++) {
    let n = roots[k];
    let d = feature[n];
    while (d >= 0) {
      n = x[d] <= threshold[n] ? left[n] : right[n];
      d = feature[n];
    }
    s += value[n];
  }
  return s / roots.length;
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
