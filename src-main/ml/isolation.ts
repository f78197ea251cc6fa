/**
 * Isolation Forest (Liu, Ting & Zhou 2008) in the same flat trees as the forest: each tree
 * isolates a random subsample with random splits, and a reading that is isolated
 * in few splits is unusual. The score 2^(−E[h(x)] / c(ψ)) is near 1 for anomalies and near or
 * below 0.5 for ordinary readings. Needs no labels, so it also flags behaviour a failure model has
 * never seen (drift, new failure kinds). Splits are drawn on raw values, not on the forest's
 * quantile bins: an extreme reading shares the last bin with the ordinary tail, so bins would
 * hide exactly the points this is for.
 */
import { createRng, deriveSeed, type Rng } from '../common/random';
import { TreeBuilder, type FlatTree } from './tree';

export interface IsolationOptions {
  nTrees: number;
  /** Rows per tree (ψ); the depth limit is ⌈log2 ψ⌉. */
  sampleSize: number;
  seed: number;
}

export const DEFAULT_ISOLATION: IsolationOptions = { nTrees: 100, sampleSize: 256, seed: 42 };

export interface IsolationForest {
  trees: FlatTree[];
  sampleSize: number;
}

const EULER = 0.5772156649015329;

/** Average path length of an unsuccessful search in a binary search tree of n points. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER) - (2 * (n - 1)) / n;
}

export function trainIsolationForest(columns: Float64Array[], opts: IsolationOptions = DEFAULT_ISOLATION): IsolationForest {
  const n = columns[0]?.length ?? 0;
  if (n === 0) throw new Error('an isolation forest needs rows');
  const psi = Math.min(opts.sampleSize, n);
  const maxDepth = Math.ceil(Math.log2(Math.max(2, psi)));
  const trees = Array.from({ length: opts.nTrees }, (_, t) => isolationTree(columns, n, psi, maxDepth, createRng(deriveSeed(opts.seed, `isolation-${t}`))));
  return { trees, sampleSize: psi };
}

function isolationTree(columns: Float64Array[], n: number, psi: number, maxDepth: number, rng: Rng): FlatTree {
  // A sample without replacement (partial Fisher–Yates over row indices).
  const all = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < psi; i++) {
    const j = i + rng.int(n - i);
    const t = all[i]; all[i] = all[j]; all[j] = t;
  }
  const rows = all.slice(0, psi);
  const tree = new TreeBuilder();
  const stack: [start: number, end: number, depth: number, node: number][] = [[0, psi, 0, tree.add()]];
  while (stack.length) {
    const [start, end, depth, node] = stack.pop()!;
    const size = end - start;
    // A leaf stores the path length still expected below it, so a score needs no sizes.
    tree.value[node] = depth + averagePathLength(size);
    tree.cover[node] = size;
    if (size <= 1 || depth >= maxDepth) continue;
    // A random feature that still varies in this node, split uniformly within its range.
    let split: { f: number; at: number } | null = null;
    for (let attempt = 0; attempt < columns.length && !split; attempt++) {
      const f = rng.int(columns.length);
      const v = columns[f];
      let lo = Infinity, hi = -Infinity;
      for (let k = start; k < end; k++) {
        const x = v[rows[k]];
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      // Below hi, so the right side is never empty.
      if (hi > lo) split = { f, at: Math.min(lo + rng.next() * (hi - lo), hi - (hi - lo) * 1e-12) };
    }
    if (!split) continue;
    const v = columns[split.f], at = split.at;
    let mid = start;
    for (let k = start; k < end; k++) {
      if (v[rows[k]] <= at) {
        const t = rows[k]; rows[k] = rows[mid]; rows[mid] = t;
        mid++;
      }
    }
    const [l, r] = tree.split(node, split.f, at, 0);
    stack.push([mid, end, depth + 1, r], [start, mid, depth + 1, l]);
  }
  return tree.finish();
}

/** Anomaly score of one row of raw feature values: near 1 = isolated quickly = unusual. */
export function anomalyScore(forest: IsolationForest, x: ArrayLike<number>): number {
  let total = 0;
  for (const t of forest.trees) {
    let node = 0;
    while (t.feature[node] >= 0) node = x[t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
    total += t.value[node];
  }
  return 2 ** (-(total / forest.trees.length) / averagePathLength(forest.sampleSize));
}
