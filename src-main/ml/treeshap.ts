/**
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): each feature's contribution to one
 * prediction, in polynomial time, with expectations over the training cover of each node. The
 * contributions plus the base value sum to the prediction. Called on demand (one row, a what-if,
 * the visible rows), never inside hot loops.
 */
import type { Forest } from './forest';
import type { FlatTree } from './tree';

interface PathElement {
  d: number; // feature index
  z: number; // fraction of zero paths (feature not in S)
  o: number; // fraction of one paths (feature in S)
  w: number; // permutation weight
}

function extend(m: PathElement[], pz: number, po: number, pi: number): PathElement[] {
  const l = m.length;
  const out = m.map((e) => ({ ...e }));
  out.push({ d: pi, z: pz, o: po, w: l === 0 ? 1 : 0 });
  for (let i = l - 1; i >= 0; i--) {
    out[i + 1].w += (po * out[i].w * (i + 1)) / (l + 1);
    out[i].w = (pz * out[i].w * (l - i)) / (l + 1);
  }
  return out;
}

function unwind(m: PathElement[], i: number): PathElement[] {
  const l = m.length - 1;
  const out = m.map((e) => ({ ...e }));
  let n = out[l].w;
  const { o, z } = out[i];
  for (let j = l - 1; j >= 0; j--) {
    if (o !== 0) {
      const t = out[j].w;
      out[j].w = (n * (l + 1)) / ((j + 1) * o);
      n = t - (out[j].w * z * (l - j)) / (l + 1);
    } else {
      out[j].w = (out[j].w * (l + 1)) / (z * (l - j));
    }
  }
  for (let j = i; j < l; j++) {
    out[j].d = out[j + 1].d;
    out[j].z = out[j + 1].z;
    out[j].o = out[j + 1].o;
  }
  out.pop();
  return out;
}

function unwoundSum(m: PathElement[], i: number): number {
  return unwind(m, i).reduce((s, e) => s + e.w, 0);
}

/** Adds tree `t`'s SHAP values for row `x` into `phi`. */
export function treeShap(t: FlatTree, x: ArrayLike<number>, phi: Float64Array): void {
  const recurse = (j: number, path: PathElement[], pz: number, po: number, pi: number) => {
    let m = extend(path, pz, po, pi);
    if (t.feature[j] < 0) {
      for (let i = 1; i < m.length; i++) phi[m[i].d] += unwoundSum(m, i) * (m[i].o - m[i].z) * t.value[j];
      return;
    }
    const d = t.feature[j];
    const goLeft = x[d] <= t.threshold[j];
    const hot = goLeft ? t.left[j] : t.right[j], cold = goLeft ? t.right[j] : t.left[j];
    let iz = 1, io = 1;
    const k = m.findIndex((e, idx) => idx > 0 && e.d === d);
    if (k > 0) {
      iz = m[k].z;
      io = m[k].o;
      m = unwind(m, k);
    }
    recurse(hot, m, (iz * t.cover[hot]) / t.cover[j], io, d);
    recurse(cold, m, (iz * t.cover[cold]) / t.cover[j], 0, d);
  };
  recurse(0, [], 1, 1, -1);
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
