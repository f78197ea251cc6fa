/**
 * ml-random-forest 2.1.0, the engine the stack first named, kept as a selectable reference: it
 * trains here, and its trees are converted into Twinscope's flat layout so everything downstream
 * (calibration, model files, TreeSHAP, the twin) treats them like our own. On AI4I it needs about a
 * minute per 100 trees and rarely predicts a failure (see bench:ml) — which is why it is a reference.
 */
import { RandomForestClassifier } from 'ml-random-forest';
import type { Forest } from './forest';
import { TreeBuilder, type FlatTree } from './tree';

export interface ReferenceOptions {
  nTrees: number;
  maxDepth: number;
  /** Share of features each tree sees (ml-random-forest samples features per tree, not per split). */
  maxFeatures: number;
  seed: number;
}

/** The shape of an ml-cart node once serialised (what the library's toJSON gives). */
interface CartNode {
  splitValue?: number;
  splitColumn?: number;
  left?: CartNode;
  right?: CartNode;
  distribution?: number[][] | { data: number[][] };
}

/** The largest double below v: ml-cart sends x < v left, our trees send x ≤ threshold left. */
function below(v: number): number {
  const f = new Float64Array([v]), u = new BigInt64Array(f.buffer);
  if (v === 0) return -Number.MIN_VALUE;
  u[0] += v > 0 ? -1n : 1n;
  return f[0];
}

function leafProbability(node: CartNode): number {
  const d = node.distribution;
  const row = Array.isArray(d) ? d[0] : d?.data?.[0];
  // Class shares can drift past 1 by a rounding error; ours are probabilities, checked as such.
  return row && row.length > 1 ? Math.min(1, Math.max(0, row[1])) : 0;
}

/** Flattens one ml-cart tree; `columns` maps its local feature indexes to the forest's. */
export function flattenCartTree(root: CartNode, columns: number[], x: Float64Array[]): FlatTree {
  const tree = new TreeBuilder();
  const visit = (node: CartNode, at: number) => {
    if (node.left && node.right && node.splitColumn !== undefined && node.splitValue !== undefined) {
      const [l, r] = tree.split(at, columns[node.splitColumn], below(node.splitValue), 0);
      visit(node.left, l);
      visit(node.right, r);
    } else tree.value[at] = leafProbability(node);
  };
  visit(root, tree.add());
  const flat = tree.finish();
  // Cover (rows reaching each node), which ml-cart does not keep: TreeSHAP needs it.
  const n = x[0]?.length ?? 0;
  for (let i = 0; i < n; i++) {
    let node = 0;
    flat.cover[node]++;
    while (flat.feature[node] >= 0) {
      node = x[flat.feature[node]][i] <= flat.threshold[node] ? flat.left[node] : flat.right[node];
      flat.cover[node]++;
    }
  }
  return flat;
}

export function trainReferenceForest(columns: Float64Array[], label: Uint8Array, opts: ReferenceOptions): Forest {
  const rows = Array.from(label, (_, i) => columns.map((c) => c[i]));
  const rf = new RandomForestClassifier({
    nEstimators: opts.nTrees, maxFeatures: opts.maxFeatures, seed: opts.seed, replacement: true, useSampleBagging: true,
    noOOB: true, treeOptions: { maxDepth: opts.maxDepth },
  } as never);
  rf.train(rows, Array.from(label));
  // Plain objects, as the library itself serialises its trees (matrices become nested arrays).
  const own = rf as unknown as { estimators: unknown[]; indexes: number[][] };
  const estimators = JSON.parse(JSON.stringify(own.estimators)) as { root: CartNode }[];
  return { nFeatures: columns.length, trees: estimators.map((e, t) => flattenCartTree(e.root, own.indexes[t], columns)) };
}
