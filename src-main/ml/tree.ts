/**
 * Histogram-based CART for binary labels (failure / no failure), grown depth-first on pre-binned
 * features, stored flat (typed arrays) for fast prediction. Gini or entropy; sample weights carry
 * class weights and bootstrap multiplicities; per-split feature sampling.
 */
import type { Rng } from '../common/random';
import type { BinnedFeature } from './binning';

export type Criterion = 'gini' | 'entropy';

export interface TreeOptions {
  criterion: Criterion;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features tried per split. */
  maxFeatures: number;
}

/** A trained tree: node i is a leaf when feature[i] < 0. */
export interface FlatTree {
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Weighted fraction of failures at the node. */
  value: Float64Array;
  /** Weighted impurity decrease of each split, for importance. */
  gain: Float64Array;
  /** Weighted samples reaching the node: TreeSHAP's expectations are taken over these. */
  cover: Float64Array;
}

/** Node arrays of a tree being grown, packed into a FlatTree when done. */
export class TreeBuilder {
  readonly feature: number[] = [];
  readonly threshold: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly value: number[] = [];
  readonly gain: number[] = [];
  readonly cover: number[] = [];

  /** A new leaf; returns its index. */
  add(): number {
    this.feature.push(-1); this.threshold.push(0); this.left.push(-1); this.right.push(-1); this.value.push(0); this.gain.push(0); this.cover.push(0);
    return this.feature.length - 1;
  }

  /** Turns leaf `node` into a split on `feature` at `threshold`; returns its [left, right] children. */
  split(node: number, feature: number, threshold: number, gain: number): [number, number] {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.gain[node] = gain;
    const l = this.add(), r = this.add();
    this.left[node] = l;
    this.right[node] = r;
    return [l, r];
  }

  finish(): FlatTree {
    return {
      feature: Int32Array.from(this.feature), threshold: Float64Array.from(this.threshold), left: Int32Array.from(this.left),
      right: Int32Array.from(this.right), value: Float64Array.from(this.value), gain: Float64Array.from(this.gain), cover: Float64Array.from(this.cover),
    };
  }
}

/** Reorders rows[start, end) so rows with bin ≤ `bin` come first; returns where the others begin. */
export function partitionRows(rows: Int32Array, start: number, end: number, bins: Uint8Array, bin: number): number {
  let i = start, j = end - 1;
  while (i <= j) {
    if (bins[rows[i]] <= bin) i++;
    else {
      const t = rows[i]; rows[i] = rows[j]; rows[j] = t;
      j--;
    }
  }
  return i;
}

function impurity(criterion: Criterion, w0: number, w1: number): number {
  const w = w0 + w1;
  if (w <= 0) return 0;
  const p = w1 / w;
  if (criterion === 'gini') return 2 * p * (1 - p);
  return (p > 0 ? -p * Math.log2(p) : 0) + (p < 1 ? -(1 - p) * Math.log2(1 - p) : 0);
}

/**
 * Grows one tree. `weight[i]` is row i's sample weight (0 = not in this tree's sample),
 * `count[i]` its multiplicity (for the minimum-samples rules).
 */
export function growTree(features: BinnedFeature[], label: Uint8Array, weight: Float64Array, count: Uint16Array, opts: TreeOptions, rng: Rng): FlatTree {
  const nFeatures = features.length;
  // Rows in this tree's sample, partitioned in place per node.
  let n = 0;
  for (let i = 0; i < weight.length; i++) if (count[i] > 0) n++;
  const rows = new Int32Array(n);
  for (let i = 0, k = 0; i < weight.length; i++) if (count[i] > 0) rows[k++] = i;

  const tree = new TreeBuilder();
  const { value, cover } = tree;
  const h0 = new Float64Array(256), h1 = new Float64Array(256), hc = new Float64Array(256);
  const order = Int32Array.from({ length: nFeatures }, (_, i) => i);
  const stack: [start: number, end: number, depth: number, node: number][] = [[0, n, 0, tree.add()]];
  while (stack.length) {
    const [start, end, depth, node] = stack.pop()!;
    let w0 = 0, w1 = 0, c = 0;
    for (let k = start; k < end; k++) {
      const r = rows[k];
      if (label[r]) w1 += weight[r];
      else w0 += weight[r];
      c += count[r];
    }
    value[node] = w0 + w1 > 0 ? w1 / (w0 + w1) : 0;
    cover[node] = w0 + w1;
    const parentImp = impurity(opts.criterion, w0, w1);
    if (depth >= opts.maxDepth || c < opts.minSamplesSplit || c < 2 * opts.minSamplesLeaf || parentImp <= 1e-12) continue;

    // Shuffle the feature order; try at least maxFeatures, more if none of them can split (as sklearn).
    for (let i = nFeatures - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = order[i]; order[i] = order[j]; order[j] = t;
    }
    let bestGain = 0, bestFeature = -1, bestBin = -1;
    for (let fi = 0; fi < nFeatures; fi++) {
      if (fi >= opts.maxFeatures && bestFeature >= 0) break;
      const f = order[fi];
      const bins = features[f].bins;
      const nb = features[f].edges.length;
      h0.fill(0, 0, nb); h1.fill(0, 0, nb); hc.fill(0, 0, nb);
      for (let k = start; k < end; k++) {
        const r = rows[k], b = bins[r];
        if (label[r]) h1[b] += weight[r];
        else h0[b] += weight[r];
        hc[b] += count[r];
      }
      let l0 = 0, l1 = 0, lc = 0;
      for (let b = 0; b < nb - 1; b++) {
        l0 += h0[b]; l1 += h1[b]; lc += hc[b];
        if (hc[b] === 0) continue;
        const rc = c - lc;
        if (lc < opts.minSamplesLeaf) continue;
        if (rc < opts.minSamplesLeaf) break;
        const r0 = w0 - l0, r1 = w1 - l1;
        const g = parentImp * (w0 + w1) - impurity(opts.criterion, l0, l1) * (l0 + l1) - impurity(opts.criterion, r0, r1) * (r0 + r1);
        if (g > bestGain + 1e-12) {
          bestGain = g; bestFeature = f; bestBin = b;
        }
      }
    }
    if (bestFeature < 0) continue;
    // Partition rows: bin ≤ bestBin to the left.
    const mid = partitionRows(rows, start, end, features[bestFeature].bins, bestBin);
    const [l, r] = tree.split(node, bestFeature, features[bestFeature].thresholds[bestBin], bestGain);
    stack.push([mid, end, depth + 1, r], [start, mid, depth + 1, l]);
  }
  return tree.finish();
}

/** Probability of failure for one row of raw feature values. */
export function predictTree(t: FlatTree, x: ArrayLike<number>): number {
  let n = 0;
  while (t.feature[n] >= 0) n = x[t.feature[n]] <= t.threshold[n] ? t.left[n] : t.right[n];
  return t.value[n];
}
