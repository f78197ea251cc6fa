/** Cross-validation folds: stratified (each fold keeps the failure rate) and grouped by asset. */
import { createRng } from '../common/random';

/** The given rows of each column (a fold's training or test part). */
export function takeRows(columns: Float64Array[], rows: ArrayLike<number>): Float64Array[] {
  return columns.map((c) => Float64Array.from(rows, (i) => c[i]));
}

/** Fold index (0..k-1) of each row; failures and non-failures are each dealt round-robin after a seeded shuffle. */
export function stratifiedFolds(y: Uint8Array, k: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const fold = new Int32Array(y.length);
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) idx.push(i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    idx.forEach((row, n) => (fold[row] = n % k));
  }
  return fold;
}

/** Fold of each row such that no group (asset) appears in two folds; groups are balanced by row count. */
export function groupFolds(groups: Int32Array, k: number, seed: number): Int32Array {
  const sizes = new Map<number, number>();
  for (const g of groups) sizes.set(g, (sizes.get(g) ?? 0) + 1);
  const rng = createRng(seed);
  const order = [...sizes.keys()].map((g) => [g, rng.next()] as const).sort((a, b) => sizes.get(b[0])! - sizes.get(a[0])! || a[1] - b[1]);
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<number, number>();
  for (const [g] of order) {
    const f = load.indexOf(Math.min(...load));
    foldOf.set(g, f);
    load[f] += sizes.get(g)!;
  }
  return Int32Array.from(groups, (g) => foldOf.get(g)!);
}
