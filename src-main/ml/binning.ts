/**
 * Features pre-binned into at most 255 bins (one byte per value), as histogram-based tree learners
 * do: split search then scans bins instead of sorted values. A bin's upper edge is a real feature
 * value, so a trained tree predicts on raw values without binning them.
 */
export const MAX_BINS = 255;

export interface BinnedFeature {
  /** Bin of each row. */
  bins: Uint8Array;
  /** edges[b] = largest raw value in bin b; a split "bin ≤ b" is "x ≤ threshold(b)". */
  edges: Float64Array;
  /** Raw value midway to the next bin, used as the split threshold. */
  thresholds: Float64Array;
}

/**
 * `boundaries` are values where the physics puts a rule (a margin's 0): an edge is placed just
 * below each, so a split can separate "< boundary" from "≥ boundary" exactly, whatever the quantiles.
 */
export function binFeature(values: Float64Array, maxBins = MAX_BINS, boundaries: readonly number[] = []): BinnedFeature {
  const sorted = Float64Array.from(values).sort();
  const unique: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) unique.push(sorted[i]);
  let edges: number[];
  if (unique.length <= maxBins) edges = unique;
  else {
    // Quantile edges over the distinct-aware sorted values.
    edges = [];
    for (let b = 1; b <= maxBins; b++) {
      const v = sorted[Math.min(sorted.length - 1, Math.ceil((b * sorted.length) / maxBins) - 1)];
      if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
    }
    if (edges[edges.length - 1] < unique[unique.length - 1]) edges[edges.length - 1] = unique[unique.length - 1];
    for (const b of boundaries) {
      // The largest value below the boundary becomes an edge (replacing the nearest quantile edge, so the count stays ≤ maxBins).
      const below = unique[lowerIndex(unique, b) - 1];
      if (below === undefined || edges.includes(below)) continue;
      let nearest = 0;
      for (let k = 1; k < edges.length - 1; k++) if (Math.abs(edges[k] - below) < Math.abs(edges[nearest] - below)) nearest = k;
      if (nearest === edges.length - 1) continue;
      edges[nearest] = below;
      edges.sort((x, y) => x - y);
    }
  }
  const e = Float64Array.from(edges);
  const thresholds = new Float64Array(e.length);
  for (let b = 0; b < e.length; b++) {
    // The next distinct value above this edge decides the midpoint.
    const next = b + 1 < e.length ? nextAbove(unique, e[b]) : Infinity;
    thresholds[b] = next === Infinity ? Infinity : (e[b] + next) / 2;
  }
  const bins = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) bins[i] = binOf(e, values[i]);
  return { bins, edges: e, thresholds };
}

/** Index of the first value ≥ v. */
function lowerIndex(sorted: number[], v: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nextAbove(unique: number[], v: number): number {
  let lo = 0, hi = unique.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (unique[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo < unique.length ? unique[lo] : Infinity;
}

/** The first bin whose edge is ≥ v (values above the last edge go to the last bin). */
export function binOf(edges: Float64Array, v: number): number {
  let lo = 0, hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (edges[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
