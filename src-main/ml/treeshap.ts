/**
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): each feature's contribution to one
 * prediction, in polynomial time, with expectations over the training cover of each node. The
 * contributions plus the base value sum to the prediction. Called on demand (one row, a what-if,
 * the visible rows), never inside hot loops.
 */
import type { Forest } from './forest';
import type { FlatTree } from './tree';

/**
 * The unique paths of the recursion, one segment per depth, in one set of typed arrays (the
 * layout of the reference C++ implementation): extending and unwinding work in place, so a row's
 * explanation allocates nothing per node. Segment at depth k starts where depth k−1's ended.
 */
class PathBuffer {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;

  constructor(size: number) {
    this.feature = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.weight = new Float64Array(size);
  }
}

const buffers = new Map<number, PathBuffer>();

/** A buffer for trees up to `depth` deep (reused across calls). */
function pathBuffer(depth: number): PathBuffer {
  const d = depth + 2, size = (d * (d + 1)) / 2;
  let b = buffers.get(size);
  if (!b) buffers.set(size, (b = new PathBuffer(size)));
  return b;
}

function extend(p: PathBuffer, at: number, depth: number, zero: number, one: number, feature: number): void {
  p.feature[at + depth] = feature;
  p.zero[at + depth] = zero;
  p.one[at + depth] = one;
  p.weight[at + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    p.weight[at + i + 1] += (one * p.weight[at + i] * (i + 1)) / (depth + 1);
    p.weight[at + i] = (zero * p.weight[at + i] * (depth - i)) / (depth + 1);
  }
}

function unwind(p: PathBuffer, at: number, depth: number, index: number): void {
  const one = p.one[at + index], zero = p.zero[at + index];
  let next = p.weight[at + depth];
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const w = p.weight[at + i];
      p.weight[at + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = w - (p.weight[at + i] * zero * (depth - i)) / (depth + 1);
    } else {
      p.weight[at + i] = (p.weight[at + i] * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    p.feature[at + i] = p.feature[at + i + 1];
    p.zero[at + i] = p.zero[at + i + 1];
    p.one[at + i] = p.one[at + i + 1];
  }
}

/** The sum of the path's weights with element `index` unwound, without changing the path. */
function unwoundSum(p: PathBuffer, at: number, depth: number, index: number): number {
  const one = p.one[at + index], zero = p.zero[at + index];
  let next = p.weight[at + depth], total = 0;
  if (one !== 0) {
    for (let i = depth - 1; i >= 0; i--) {
      const t = next / ((i + 1) * one);
      total += t;
      next = p.weight[at + i] - t * zero * (depth - i);
    }
  } else {
    for (let i = depth - 1; i >= 0; i--) total += p.weight[at + i] / (zero * (depth - i));
  }
  return total * (depth + 1);
}

function treeDepth(t: FlatTree, node = 0): number {
  return t.feature[node] < 0 ? 0 : 1 + Math.max(treeDepth(t, t.left[node]), treeDepth(t, t.right[node]));
}

/** Adds tree `t`'s SHAP values for row `x` into `phi`. */
export function treeShap(t: FlatTree, x: ArrayLike<number>, phi: Float64Array): void {
  const p = pathBuffer(treeDepth(t));
  const recurse = (j: number, parentAt: number, depth: number, zero: number, one: number, feature: number): void => {
    // This node's path: a copy of the parent's, extended by the split that led here.
    const at = parentAt + depth;
    if (depth > 0) {
      p.feature.copyWithin(at, parentAt, parentAt + depth);
      p.zero.copyWithin(at, parentAt, parentAt + depth);
      p.one.copyWithin(at, parentAt, parentAt + depth);
      p.weight.copyWithin(at, parentAt, parentAt + depth);
    }
    extend(p, at, depth, zero, one, feature);
    if (t.feature[j] < 0) {
      for (let i = 1; i <= depth; i++) phi[p.feature[at + i]] += unwoundSum(p, at, depth, i) * (p.one[at + i] - p.zero[at + i]) * t.value[j];
      return;
    }
    const d = t.feature[j];
    const goLeft = x[d] <= t.threshold[j];
    const hot = goLeft ? t.left[j] : t.right[j], cold = goLeft ? t.right[j] : t.left[j];
    let inZero = 1, inOne = 1, nextDepth = depth;
    // A feature split on earlier on this path is undone, then redone for this node.
    let k = 1;
    while (k <= depth && p.feature[at + k] !== d) k++;
    if (k <= depth) {
      inZero = p.zero[at + k];
      inOne = p.one[at + k];
      unwind(p, at, depth, k);
      nextDepth--;
    }
    recurse(hot, at, nextDepth + 1, (inZero * t.cover[hot]) / t.cover[j], inOne, d);
    recurse(cold, at, nextDepth + 1, (inZero * t.cover[cold]) / t.cover[j], 0, d);
  };
  recurse(0, 0, 0, 1, 1, -1);
}

export interface Explanation {
  /** Expected prediction over the training data (the forest's average leaf value by cover). */
  base: number;
  /** Contribution of each feature; base + Σ contributions = the prediction. */
  contributions: Float64Array;
}

export function explainForest(f: Forest, x: ArrayLike<number>): Explanation {
  const phi = new Float64Array(f.nFeatures);
  let base = 0;
  for (const t of f.trees) {
    treeShap(t, x, phi);
    base += t.value[0];
  }
  for (let i = 0; i < phi.length; i++) phi[i] /= f.trees.length;
  return { base: base / f.trees.length, contributions: phi };
}

/** A tree's expected output over its training cover (for boosted trees the root's own value is not it). */
function expectedValue(t: FlatTree): number {
  let sum = 0;
  for (let i = 0; i < t.feature.length; i++) if (t.feature[i] < 0) sum += t.value[i] * t.cover[i];
  return sum / t.cover[0];
}

/** Boosted trees add up (in log-odds): contributions are summed over trees, onto the model's base. */
export function explainBoosted(trees: FlatTree[], base: number, nFeatures: number, x: ArrayLike<number>): Explanation {
  const phi = new Float64Array(nFeatures);
  let expected = base;
  for (const t of trees) {
    treeShap(t, x, phi);
    expected += expectedValue(t);
  }
  return { base: expected, contributions: phi };
}
