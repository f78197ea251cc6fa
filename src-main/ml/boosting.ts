/**
 * Gradient-boosted trees for a binary label (logistic loss), on the same pre-binned features and
 * flat tree layout as the forest: each round fits a regression tree to the loss's gradient and
 * hessian histograms (the second-order split gain of xgboost and LightGBM), leaf values shrunk by
 * the learning rate. Early stopping watches log-loss on a stratified validation split carved from
 * the training rows only, and keeps the best round.
 */
import { createRng, deriveSeed, type Rng } from '../common/random';
import type { BinnedFeature } from './binning';
import { predictRows, prepareTraining, type ClassWeight } from './forest';
import { partitionRows, TreeBuilder, type FlatTree } from './tree';

export interface BoostOptions {
  /** Most rounds (trees); early stopping usually ends sooner. */
  maxRounds: number;
  learningRate: number;
  maxDepth: number;
  /** Smallest hessian sum in a leaf (xgboost's min_child_weight). */
  minChildWeight: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** Fraction of rows each round sees (stochastic boosting); 1 = all. */
  subsample: number;
  classWeight: ClassWeight;
  /** Share of training rows held out for early stopping (stratified); 0 = no early stopping. */
  validationShare: number;
  /** Rounds without a validation improvement before stopping. */
  patience: number;
  seed: number;
}

export const DEFAULT_BOOST: BoostOptions = {
  maxRounds: 500, learningRate: 0.1, maxDepth: 6, minChildWeight: 1, lambda: 1, subsample: 0.8,
  classWeight: 'none', validationShare: 0.15, patience: 30, seed: 42,
};

export interface BoostedModel {
  /** Log-odds every prediction starts from (the training base rate). */
  base: number;
  /** Trees whose leaf `value` is a log-odds increment. */
  trees: FlatTree[];
  /** Validation log-loss per round (empty without early stopping). */
  validationLoss: number[];
  bestRound: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Rows held out for early stopping: the same share of each class, chosen by the seed. */
function validationMask(label: Uint8Array, share: number, rng: Rng): Uint8Array {
  const mask = new Uint8Array(label.length);
  if (share <= 0) return mask;
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < label.length; i++) if (label[i] === cls) rows.push(i);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [rows[i], rows[j]] = [rows[j], rows[i]];
    }
    for (let k = 0; k < Math.round(rows.length * share); k++) mask[rows[k]] = 1;
  }
  return mask;
}

export function trainBoosted(columns: Float64Array[], label: Uint8Array, opts: BoostOptions, boundaries: (readonly number[])[] = [], onRound?: (round: number) => boolean | void): BoostedModel {
  const n = label.length;
  const data = prepareTraining(columns, label, opts.classWeight, boundaries);
  const rng = createRng(deriveSeed(opts.seed, 'boosting'));
  const held = validationMask(label, opts.validationShare, rng);
  const w = Float64Array.from(label, (y) => data.classWeights[y]);
  let sw = 0, swy = 0;
  for (let i = 0; i < n; i++) {
    if (held[i]) continue;
    sw += w[i];
    swy += w[i] * label[i];
  }
  const p0 = Math.min(1 - 1e-6, Math.max(1e-6, swy / Math.max(sw, 1e-12)));
  const base = Math.log(p0 / (1 - p0));
  const score = new Float64Array(n).fill(base);
  const grad = new Float64Array(n), hess = new Float64Array(n);
  const trees: FlatTree[] = [], validationLoss: number[] = [];
  let best = Infinity, bestRound = 0;
  for (let round = 0; round < opts.maxRounds; round++) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) {
      if (held[i] || (opts.subsample < 1 && rng.next() >= opts.subsample)) continue;
      const p = sigmoid(score[i]);
      grad[i] = w[i] * (p - label[i]);
      hess[i] = w[i] * Math.max(p * (1 - p), 1e-16);
      rows.push(i);
    }
    const tree = growGradientTree(data.features, grad, hess, Int32Array.from(rows), opts);
    trees.push(tree);
    // Every row's score moves, held-out rows included: they are scored, never fitted.
    for (let i = 0; i < n; i++) score[i] += leafValue(tree, data.features, i);
    if (opts.validationShare > 0) {
      let loss = 0, m = 0;
      for (let i = 0; i < n; i++) {
        if (!held[i]) continue;
        const p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(score[i])));
        loss -= w[i] * (label[i] ? Math.log(p) : Math.log(1 - p));
        m += w[i];
      }
      validationLoss.push(loss / m);
      if (loss / m < best - 1e-9) {
        best = loss / m;
        bestRound = round + 1;
      } else if (round + 1 - bestRound >= opts.patience) break;
    } else bestRound = round + 1;
    if (onRound?.(round + 1) === false) break;
  }
  return { base, trees: trees.slice(0, bestRound), validationLoss, bestRound };
}

/** A training row's leaf, found through its bins (same decision as the raw threshold). */
function leafValue(t: FlatTree, features: BinnedFeature[], row: number): number {
  let node = 0;
  while (t.feature[node] >= 0) {
    const f = features[t.feature[node]];
    node = f.edges[f.bins[row]] <= t.threshold[node] ? t.left[node] : t.right[node];
  }
  return t.value[node];
}

/** Gradient and hessian sums per (feature, bin), interleaved: [f * 512 + 2b] = G, [+1] = H. */
const BIN_SLOTS = 512;

function histograms(features: BinnedFeature[], grad: Float64Array, hess: Float64Array, rows: Int32Array, start: number, end: number): Float64Array {
  const hist = new Float64Array(features.length * BIN_SLOTS);
  // Gradients gathered once in row order, then each feature's bins are read in that order.
  const n = end - start, g = new Float64Array(n), h = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const r = rows[start + k];
    g[k] = grad[r];
    h[k] = hess[r];
  }
  for (let f = 0; f < features.length; f++) {
    const bins = features[f].bins, base = f * BIN_SLOTS;
    for (let k = 0; k < n; k++) {
      const at = base + 2 * bins[rows[start + k]];
      hist[at] += g[k];
      hist[at + 1] += h[k];
    }
  }
  return hist;
}

/**
 * One regression tree on gradient/hessian histograms; leaf value = −G / (H + λ) × learning rate.
 * Only the smaller child of a split is scanned: the larger one's histograms are the parent's minus
 * the smaller's (LightGBM's subtraction trick), which halves the work per level at least.
 */
function growGradientTree(features: BinnedFeature[], grad: Float64Array, hess: Float64Array, rows: Int32Array, opts: BoostOptions): FlatTree {
  const tree = new TreeBuilder();
  const { value, cover } = tree;
  const lambda = opts.lambda;
  /** `hist` is null for nodes that will be leaves: their totals are summed from their rows. */
  type Entry = [start: number, end: number, depth: number, node: number, hist: Float64Array | null];
  const stack: Entry[] = [[0, rows.length, 0, tree.add(), histograms(features, grad, hess, rows, 0, rows.length)]];
  while (stack.length) {
    const [start, end, depth, node, hist] = stack.pop()!;
    let G = 0, H = 0;
    if (hist) {
      // Totals from the first feature's bins: every row falls in one of them.
      for (let b = 0; b < features[0].edges.length; b++) {
        G += hist[2 * b];
        H += hist[2 * b + 1];
      }
    } else {
      for (let k = start; k < end; k++) {
        G += grad[rows[k]];
        H += hess[rows[k]];
      }
    }
    value[node] = (-G / (H + lambda)) * opts.learningRate;
    cover[node] = H;
    if (!hist || depth >= opts.maxDepth || H < 2 * opts.minChildWeight) continue;
    const parentScore = (G * G) / (H + lambda);
    let bestGain = 1e-12, bestFeature = -1, bestBin = -1;
    for (let f = 0; f < features.length; f++) {
      const nb = features[f].edges.length, base = f * BIN_SLOTS;
      let gl = 0, hl = 0;
      for (let b = 0; b < nb - 1; b++) {
        gl += hist[base + 2 * b];
        hl += hist[base + 2 * b + 1];
        if (hl < opts.minChildWeight) continue;
        const hr = H - hl;
        if (hr < opts.minChildWeight) break;
        const gr = G - gl;
        const g = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (g > bestGain) {
          bestGain = g; bestFeature = f; bestBin = b;
        }
      }
    }
    if (bestFeature < 0) continue;
    const mid = partitionRows(rows, start, end, features[bestFeature].bins, bestBin);
    const [l, r] = tree.split(node, bestFeature, features[bestFeature].thresholds[bestBin], bestGain / 2);
    if (depth + 1 >= opts.maxDepth) {
      // The children are leaves: their values come from their own rows, no histograms needed.
      stack.push([mid, end, depth + 1, r, null], [start, mid, depth + 1, l, null]);
      continue;
    }
    const leftSmaller = mid - start <= end - mid;
    const small = leftSmaller ? histograms(features, grad, hess, rows, start, mid) : histograms(features, grad, hess, rows, mid, end);
    for (let i = 0; i < hist.length; i++) hist[i] -= small[i];
    const [leftHist, rightHist] = leftSmaller ? [small, hist] : [hist, small];
    stack.push([mid, end, depth + 1, r, rightHist], [start, mid, depth + 1, l, leftHist]);
  }
  return tree.finish();
}

/** Probability of failure for one row of raw feature values. */
export function predictBoosted(m: BoostedModel, x: ArrayLike<number>): number {
  let z = m.base;
  for (const t of m.trees) {
    let node = 0;
    while (t.feature[node] >= 0) node = x[t.feature[node]] <= t.threshold[node] ? t.left[node] : t.right[node];
    z += t.value[node];
  }
  return sigmoid(z);
}

export function predictBoostedBatch(m: BoostedModel, columns: Float64Array[]): Float64Array {
  return predictRows(columns, (x) => predictBoosted(m, x));
}
