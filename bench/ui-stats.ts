/** Frame-time statistics for `npm run bench:ui` (pure; tested in ui-stats.test.ts). */

export interface FrameStats {
  frames: number;
  p50: number;
  p99: number;
  max: number;
  /** Frames (rAF deltas) longer than 17 ms: at least one 60 Hz refresh missed. */
  over17: number;
  /** Longer than 33 ms: two refreshes missed, a visible stutter. */
  over33: number;
}

/** The q-quantile by nearest rank (q in 0..1) of an unsorted list; NaN for an empty one. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

export function frameStats(deltas: readonly number[]): FrameStats {
  return {
    frames: deltas.length,
    p50: quantile(deltas, 0.5),
    p99: quantile(deltas, 0.99),
    max: deltas.length ? Math.max(...deltas) : NaN,
    over17: deltas.filter((d) => d > 17).length,
    over33: deltas.filter((d) => d > 33).length,
  };
}

/** Each figure's median over the runs (the runs' own medians of p50, p99, counts…). */
export function medianStats(runs: readonly FrameStats[]): FrameStats {
  const m = (k: keyof FrameStats) => median(runs.map((r) => r[k]));
  return { frames: m('frames'), p50: m('p50'), p99: m('p99'), max: m('max'), over17: m('over17'), over33: m('over33') };
}
