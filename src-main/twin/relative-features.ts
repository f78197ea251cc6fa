/**
 * Which of a fleet model's features are relative to the asset's own recent readings (its
 * z-score in the window, change, rate and spread): they move when one reading moves, but not when
 * the world steps and stays there. The drift monitor's recent-mean shift test looks for such steps,
 * so it leaves these out — pooled over a fleet they swing together with the shared daily cycle (on
 * the simulated motors the hour's mean of "pressure_psi · z in 36" reaches 2 training SDs on a
 * stable day) — and the 48 h distribution test judges them.
 */
import type { ModelRow } from './asset-sim';
import type { LiveModel } from './scoring';

/** Reading spacing of the probe window (ms): the motor fleet's 10 minutes. */
const SPACING_MS = 600_000;

export function relativeFeatures(live: LiveModel): Set<string> {
  const p = live.model.pipeline, found = new Set<string>();
  if (!p.series) return found;
  const ranges = new Map(live.model.driftReference.features.map((h) => [h.name, [h.edges[0], h.edges[h.edges.length - 1]] as const]));
  const range = (n: string) => ranges.get(n) ?? ([0, 1] as const);
  const window = live.features.window, time = live.features.inputs.time;
  // A window with some wiggle (so spreads and z-scores are well defined), the inputs mid-range.
  const rows = (offset: Record<string, number>, lastOffset: Record<string, number>): ModelRow[] =>
    Array.from({ length: window }, (_, k) => {
      const row: ModelRow = time ? { [time]: k * SPACING_MS } : {};
      for (const n of p.numeric) {
        const [lo, hi] = range(n), wiggle = ((k % 3) - 1) * 0.05 * (hi - lo);
        row[n] = (lo + hi) / 2 + wiggle + (offset[n] ?? 0) + (k === window - 1 ? lastOffset[n] ?? 0 : 0);
      }
      for (const c of p.categorical) row[c.column] = c.categories[0] ?? '';
      return row;
    });
  const x0 = live.features.compute(rows({}, {}));
  const moved = (x: Float64Array, k: number) => Math.abs(x[k] - x0[k]) > 1e-6 * (1 + Math.abs(x0[k]));
  // Relative: moved by one reading of some input, and by a lasting step of none.
  const level = new Set<string>();
  for (const n of p.numeric) {
    const step = 0.1 * (range(n)[1] - range(n)[0]) || 1;
    const one = live.features.compute(rows({}, { [n]: step }));
    const lasting = live.features.compute(rows({ [n]: step }, {}));
    live.model.features.forEach((name, k) => {
      if (moved(one, k)) found.add(name);
      if (moved(lasting, k)) level.add(name);
    });
  }
  for (const name of level) found.delete(name);
  return found;
}
