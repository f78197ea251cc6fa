/**
 * How far a stable world's live window already lies from the training reference. The live drift
 * window pools a few assets over a couple of days: a slice of each one's life (a random-walk
 * temperature near one value, a motor's vibration at one stage of its wear, its operating hours at
 * one age), never the whole spread the training rows cover. The same slices cut from the training
 * data itself — a handful of assets, a stretch of consecutive readings each — measure the JS and
 * PSI such a window shows with no drift at all; the monitor raises only above that (or above the
 * fixed levels, whichever is higher), so lifecycle and slow wander do not read as drift.
 */
import { createRng } from '../common/random';
import { binOf, compareHistograms, equalMassGroups, type DriftHistogram } from './drift';

/**
 * A null window is cut from six assets (the demo fleet's number per kind); a hundred of them, and
 * the level is the largest any showed: an evaluation every ten minutes for days would pass a 95th
 * percentile often (measured: a stable motor fleet's vibration at 1.2× its 95th after 55 h).
 */
export const NULL_WINDOW = { assets: 6, windows: 100, groups: 10, quantile: 1 };

/**
 * Row sets shaped like a live window: `assets` distinct groups (assets; without groups the rows
 * are one sequence, cut into that many runs), from each `rowsPerAsset` consecutive rows at a random
 * start. Rows of a group must be in time order (the matrix keeps the dataset's order).
 */
export function nullWindows(rows: number, groups: Int32Array | null, rowsPerAsset: number, seed: number, opts = NULL_WINDOW): Int32Array[] {
  const rng = createRng(seed);
  const sequences: number[][] = [];
  if (groups) {
    const byGroup = new Map<number, number[]>();
    for (let i = 0; i < rows; i++) {
      const g = byGroup.get(groups[i]);
      if (g) g.push(i);
      else byGroup.set(groups[i], [i]);
    }
    sequences.push(...byGroup.values());
  } else sequences.push(Array.from({ length: rows }, (_, i) => i));
  const out: Int32Array[] = [];
  for (let w = 0; w < opts.windows; w++) {
    const picked: number[] = [];
    if (groups) {
      // Distinct assets, each contributing one stretch.
      const order = sequences.map((_, k) => k);
      for (let k = order.length - 1; k > 0; k--) {
        const j = rng.int(k + 1);
        [order[k], order[j]] = [order[j], order[k]];
      }
      for (const k of order.slice(0, opts.assets)) {
        const start = rng.int(Math.max(1, sequences[k].length - rowsPerAsset + 1));
        picked.push(...sequences[k].slice(start, start + rowsPerAsset));
      }
    } else {
      for (let a = 0; a < opts.assets; a++) {
        const start = rng.int(Math.max(1, rows - rowsPerAsset + 1));
        picked.push(...sequences[0].slice(start, start + rowsPerAsset));
      }
    }
    out.push(Int32Array.from(picked));
  }
  return out;
}

/** The `quantile` of JS and PSI between the reference and each window's values (3 significant digits). */
export function nullLevels(ref: DriftHistogram, values: ArrayLike<number>, windows: readonly Int32Array[], opts = NULL_WINDOW): { jsNull: number; psiNull: number } {
  const group = equalMassGroups(ref.counts, opts.groups);
  const js: number[] = [], psi: number[] = [];
  for (const rows of windows) {
    const counts = new Array<number>(ref.counts.length).fill(0);
    for (const i of rows) {
      const v = values[i];
      if (Number.isFinite(v)) counts[binOf(ref.edges, v)]++;
    }
    const c = compareHistograms(ref, counts, group);
    js.push(c.js);
    psi.push(c.psi);
  }
  const at = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return Number(xs[Math.min(xs.length - 1, Math.floor(opts.quantile * xs.length))].toPrecision(3));
  };
  return windows.length ? { jsNull: at(js), psiNull: at(psi) } : { jsNull: 0, psiNull: 0 };
}
