/**
 * Time-series features and labels for fleets of assets. Rows arrive sorted by (asset, time), as
 * the import's mapping step leaves them. Every feature looks backwards only (a reading's own past
 * on its own asset), so the same numbers can be computed live by the twin; labels look forwards
 * ("does this asset fail within the horizon?"), which is what a planner acts on.
 */

/** Rows of the same asset form one run; a window never reaches into another asset's rows. */
function runStart(asset: ArrayLike<number>, i: number, start: number): number {
  return i > 0 && asset[i] !== asset[i - 1] ? i : start;
}

/**
 * 1 where the same asset has a failure event at this reading or within `horizonMs` after it.
 * Events are rows whose `failure` flag is 1.
 */
export function horizonLabels(asset: ArrayLike<number>, timeMs: ArrayLike<number>, failure: ArrayLike<number>, horizonMs: number): Uint8Array {
  const n = asset.length;
  const out = new Uint8Array(n);
  let nextFailure = Infinity;
  for (let i = n - 1; i >= 0; i--) {
    if (i === n - 1 || asset[i] !== asset[i + 1]) nextFailure = Infinity;
    if (failure[i] === 1) nextFailure = timeMs[i];
    out[i] = nextFailure - timeMs[i] <= horizonMs ? 1 : 0;
  }
  return out;
}

export interface RollingFeatures {
  mean: Float64Array;
  std: Float64Array;
  /** Change over the window: this reading minus the oldest in it. */
  delta: Float64Array;
  /** That change per hour of elapsed time. */
  ratePerHour: Float64Array;
}

/**
 * Mean, standard deviation, change and rate of change over the last `window` readings of the
 * same asset (fewer at the start of an asset's history). Each window is summed afresh (two
 * passes: mean, then squared deviations) rather than with running sums: O(rows × window), a few
 * million additions for a window of 36, and every row's numbers then depend only on its own
 * window — so the live twin, holding just those readings, computes them bit for bit the same
 * (and with `fromRow`, only for the rows it needs).
 */
export function rollingFeatures(asset: ArrayLike<number>, timeMs: ArrayLike<number>, values: ArrayLike<number>, window: number, fromRow = 0): RollingFeatures {
  const n = values.length;
  const mean = new Float64Array(n), std = new Float64Array(n), delta = new Float64Array(n), ratePerHour = new Float64Array(n);
  const out: WindowStats = { mean: 0, std: 0, delta: 0, ratePerHour: 0 };
  let start = 0;
  for (let i = 0; i < n; i++) {
    start = runStart(asset, i, start);
    // Rows before `fromRow` are left at 0.
    if (i < fromRow) continue;
    windowStats(timeMs, values, Math.max(start, i - window + 1), i, out);
    mean[i] = out.mean;
    std[i] = out.std;
    delta[i] = out.delta;
    ratePerHour[i] = out.ratePerHour;
  }
  return { mean, std, delta, ratePerHour };
}

export interface WindowStats {
  mean: number;
  std: number;
  delta: number;
  ratePerHour: number;
}

/**
 * The window [oldest, i] of one asset's readings: mean, standard deviation (two passes), change and
 * change per hour. The one kernel behind both the batch features and the live twin's newest row.
 */
export function windowStats(timeMs: ArrayLike<number>, values: ArrayLike<number>, oldest: number, i: number, out: WindowStats): void {
  const count = i - oldest + 1;
  let sum = 0;
  for (let k = oldest; k <= i; k++) sum += values[k];
  const m = sum / count;
  let squares = 0;
  for (let k = oldest; k <= i; k++) squares += (values[k] - m) * (values[k] - m);
  out.mean = m;
  out.std = count > 1 ? Math.sqrt(squares / (count - 1)) : 0;
  out.delta = values[i] - values[oldest];
  const hours = (timeMs[i] - timeMs[oldest]) / 3_600_000;
  out.ratePerHour = hours > 0 ? out.delta / hours : 0;
}
