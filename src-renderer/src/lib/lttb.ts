/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the points that shape a
 * line as drawn — peaks, dips, a lone spike — which plain decimation or bucket averages lose.
 * Charts get at most one point per pixel; this picks which ones.
 *
 * Gaps. A NaN y (or a non-finite x) is a missing reading and must stay visible as a break in the
 * line, not be bridged. The input is split into runs of finite points; each run is downsampled on
 * its own, and between runs ONE gap marker is kept: a point with y = NaN at the x where the gap
 * begins (leading / trailing gaps are marked at the first / last x, so the x extent is kept).
 * Renderers turn that NaN into a break (uPlot: null). If there are more runs than the budget can
 * mark (about threshold / 3), the narrowest gaps (in x) are bridged first: at one point per pixel
 * a gap narrower than the others is the least visible one to lose.
 *
 * Contract: x is non-decreasing; x and y are read up to the shorter length; threshold is floored
 * and treated as at least 2 (both ends are always kept). Output has at most `threshold` points,
 * x stays in input order. With length <= threshold the data comes back unchanged (copied).
 */
export interface Downsampled {
  x: Float64Array;
  y: Float64Array;
}

const finite = (x: number, y: number) => Number.isFinite(x) && Number.isFinite(y);

export function lttb(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number): Downsampled {
  const n = Math.min(x.length, y.length);
  const budget = Math.max(2, Math.floor(Number.isFinite(threshold) ? threshold : 2));
  if (n <= budget) return { x: Float64Array.from({ length: n }, (_, i) => x[i]), y: Float64Array.from({ length: n }, (_, i) => y[i]) };

  // Runs of finite points as [start, end) index pairs.
  const starts: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!finite(x[i], y[i])) continue;
    const s = i;
    while (i + 1 < n && finite(x[i + 1], y[i + 1])) i++;
    starts.push(s);
    ends.push(i + 1);
  }
  const outX = new Float64Array(budget);
  const outY = new Float64Array(budget);
  let count = 0;
  const push = (i: number, gap = false) => {
    outX[count] = x[i];
    outY[count++] = gap ? NaN : y[i];
  };
  if (starts.length === 0) {
    if (Number.isFinite(x[0])) push(0, true);
    if (Number.isFinite(x[n - 1]) && n > 1) push(n - 1, true);
    return { x: outX.slice(0, count), y: outY.slice(0, count) };
  }

  // Leading / trailing gaps are marked only where their x is usable (x must stay ordered).
  let lead = starts[0] > 0 && Number.isFinite(x[0]) ? 1 : 0;
  let trail = ends[ends.length - 1] < n && Number.isFinite(x[n - 1]) ? 1 : 0;
  mergeNarrowestGaps(x, starts, ends, budget - lead - trail);
  const k = starts.length;
  // Tiny budgets only: the ends of the data beat the marks for its leading/trailing gaps.
  if (2 + lead + trail > budget) trail = 0;
  if (2 + lead + trail > budget) lead = 0;

  // Each run gets min(len, 2) points, the rest of the budget is shared in proportion to length.
  const markers = lead + trail + (k - 1);
  const lens = starts.map((s, r) => ends[r] - s);
  const base = lens.map((len) => Math.min(len, 2));
  const spare = budget - markers - base.reduce((a, b) => a + b, 0);
  const extraWant = lens.reduce((a, len, r) => a + len - base[r], 0);

  if (lead) push(0, true);
  for (let r = 0; r < k; r++) {
    if (r > 0) push(gapMarkIndex(x, ends[r - 1], starts[r]), true);
    const extra = extraWant > 0 ? Math.floor((spare * (lens[r] - base[r])) / extraWant) : 0;
    count = run(x, y, starts[r], ends[r], base[r] + extra, outX, outY, count);
  }
  if (trail) push(n - 1, true);
  return { x: outX.slice(0, count), y: outY.slice(0, count) };
}

/** The gap [from, to) is marked at its first point, or at the point before it if that x is unusable. */
function gapMarkIndex(x: ArrayLike<number>, from: number, to: number): number {
  return Number.isFinite(x[from]) && from < to ? from : from - 1;
}

/** Bridges the narrowest gaps until every run can have 2 points and every gap a marker: 3k - 1 <= room. */
function mergeNarrowestGaps(x: ArrayLike<number>, starts: number[], ends: number[], room: number): void {
  const k = starts.length;
  const maxRuns = Math.max(1, Math.floor((room + 1) / 3));
  if (k <= maxRuns) return;
  // Gap g sits between run g and run g + 1; its width is measured between their finite ends.
  const order = Array.from({ length: k - 1 }, (_, g) => g).sort(
    (a, b) => x[starts[a + 1]] - x[ends[a] - 1] - (x[starts[b + 1]] - x[ends[b] - 1]) || a - b,
  );
  const bridged = new Uint8Array(k - 1);
  for (let i = 0; i < k - maxRuns; i++) bridged[order[i]] = 1;
  let w = 0;
  for (let r = 1; r < k; r++) {
    if (bridged[r - 1]) ends[w] = ends[r];
    else {
      w++;
      starts[w] = starts[r];
      ends[w] = ends[r];
    }
  }
  starts.length = ends.length = w + 1;
}

/**
 * LTTB over indices [s, e) with m output points. Both ends of a run are finite; points inside that
 * are not (bridged gaps) are skipped. Returns the new output count.
 */
function run(x: ArrayLike<number>, y: ArrayLike<number>, s: number, e: number, m: number, ox: Float64Array, oy: Float64Array, c: number): number {
  const len = e - s;
  const emit = (i: number) => {
    ox[c] = x[i];
    oy[c++] = y[i];
  };
  if (m >= len) {
    for (let i = s; i < e; i++) if (finite(x[i], y[i])) emit(i);
    return c;
  }
  emit(s);
  if (m < 2) return c;
  const every = (len - 2) / (m - 2);
  let a = s;
  for (let b = 0; b < m - 2; b++) {
    // Average of the next bucket: the third corner of the triangle.
    const nextFrom = s + Math.floor((b + 1) * every) + 1;
    const nextTo = Math.min(s + Math.floor((b + 2) * every) + 1, e);
    let avgX = 0;
    let avgY = 0;
    let seen = 0;
    for (let i = nextFrom; i < nextTo; i++) {
      if (!finite(x[i], y[i])) continue;
      avgX += x[i];
      avgY += y[i];
      seen++;
    }
    if (seen > 0) {
      avgX /= seen;
      avgY /= seen;
    } else {
      avgX = x[e - 1];
      avgY = y[e - 1];
    }
    // The point of this bucket spanning the largest triangle with the last kept point and that average.
    const from = s + Math.floor(b * every) + 1;
    const to = s + Math.floor((b + 1) * every) + 1;
    const ax = x[a];
    const ay = y[a];
    let best = -1;
    let bestArea = -1;
    for (let i = from; i < to; i++) {
      if (!finite(x[i], y[i])) continue;
      const area = Math.abs((ax - avgX) * (y[i] - ay) - (ax - x[i]) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = i;
      }
    }
    if (best >= 0) {
      emit(best);
      a = best;
    }
  }
  emit(e - 1);
  return c;
}
