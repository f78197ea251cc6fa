/**
 * Drift statistics: live values compared with a model's training reference (per-feature
 * equal-width histograms over the training min/max, and the calibrated prediction histogram over
 * [0, 1], kept in every model file by ./model-build.ts).
 *
 * Live values are binned on the reference's own edges. Values outside the training range go into
 * the END bins (below the minimum into the first, above the maximum into the last), not into extra
 * overflow bins: the reference has no mass outside its range by construction, so an overflow bin
 * would compare live mass with a smoothing constant and a handful of readings just past the
 * training maximum (a random walk touching its edge) would read as a large divergence. Folded into
 * the end bins they compare with the training rows nearest to them; how many fell outside is
 * reported separately (`below`, `above`) for the panel.
 */

export interface DriftHistogram {
  edges: readonly number[];
  counts: readonly number[];
  /** JS and PSI a stable live window already shows (drift-null.ts); absent in older model files. */
  jsNull?: number;
  psiNull?: number;
}

export interface HistogramComparison {
  /** Largest gap between the reference and live CDFs at the bin edges. */
  ks: number;
  /** Two-sample KS p-value for that gap with the live and reference sample sizes. */
  ksP: number;
  /** Jensen–Shannon divergence, base 2: 0 identical, 1 disjoint. */
  js: number;
  /** Population stability index, Σ (live − ref) · ln(live / ref). */
  psi: number;
}

/** Bin of a value on equal-width edges; out-of-range values go to the end bins (see the header). */
export function binOf(edges: readonly number[], v: number): number {
  const bins = edges.length - 1, lo = edges[0], hi = edges[bins];
  if (!(v > lo)) return 0;
  if (!(v < hi)) return bins - 1;
  // The same arithmetic as the reference histogram (model-build.ts), so a training value lands in the same bin.
  return Math.min(bins - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * bins)));
}

/**
 * Shares per bin with empty bins given half a count (then renormalised): a bin no training or
 * live value fell into must not make PSI or the KL terms of JS infinite, and half an observation
 * is the smallest amount that says "could have happened" at this sample size.
 */
export function smoothedShares(counts: readonly number[]): number[] {
  let total = 0;
  for (const c of counts) total += c > 0 ? c : 0.5;
  return counts.map((c) => (c > 0 ? c : 0.5) / total);
}

/** Jensen–Shannon divergence of two distributions over the same bins, base 2 (in [0, 1]). */
export function jsDivergence(p: readonly number[], q: readonly number[]): number {
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i] + q[i]) / 2;
    if (p[i] > 0) js += 0.5 * p[i] * Math.log2(p[i] / m);
    if (q[i] > 0) js += 0.5 * q[i] * Math.log2(q[i] / m);
  }
  return Math.min(1, Math.max(0, js));
}

/** Population stability index of `live` against `ref` (both without zero shares: smooth first). */
export function psi(ref: readonly number[], live: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < ref.length; i++) s += (live[i] - ref[i]) * Math.log(live[i] / ref[i]);
  return s;
}

/** Kolmogorov's Q(λ) = 2 Σ (−1)^(j−1) e^(−2 j² λ²): the asymptotic KS tail probability. */
function kolmogorovQ(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += (j % 2 ? 1 : -1) * term;
    if (term < 1e-12) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}

/**
 * Two-sample KS p-value for a gap `d` between samples of n and m values, with the effective size
 * n·m/(n+m) and Stephens' small-sample correction (Numerical Recipes' probks). Readings of a live
 * fleet are autocorrelated, so this p-value is optimistic: it is reported, and the verdict rests
 * on JS and PSI, whose thresholds do not shrink with the sample size.
 */
export function ksPValue(d: number, n: number, m: number): number {
  if (n <= 0 || m <= 0) return 1;
  const ne = Math.sqrt((n * m) / (n + m));
  return kolmogorovQ((ne + 0.12 + 0.11 / ne) * d);
}

/** KS gap between two binned samples: the CDFs compared at every bin edge. */
export function ksStatistic(ref: readonly number[], live: readonly number[]): number {
  let nr = 0, nl = 0;
  for (let i = 0; i < ref.length; i++) {
    nr += ref[i];
    nl += live[i];
  }
  if (nr === 0 || nl === 0) return 0;
  let cr = 0, cl = 0, d = 0;
  for (let i = 0; i < ref.length; i++) {
    cr += ref[i];
    cl += live[i];
    d = Math.max(d, Math.abs(cr / nr - cl / nl));
  }
  return d;
}

/**
 * Groups adjacent reference bins into about `groups` groups of equal training mass (the deciles PSI's
 * conventional 0.1 / 0.25 levels were set on): the sparse tail bins of an equal-width histogram
 * otherwise hold a few training rows each, and a live window's few readings there swing PSI by
 * whole units. Returns the group of each bin.
 */
export function equalMassGroups(counts: readonly number[], groups: number): Int32Array {
  const total = counts.reduce((a, b) => a + b, 0);
  const out = new Int32Array(counts.length);
  let g = 0, cum = 0;
  for (let i = 0; i < counts.length; i++) {
    out[i] = g;
    cum += counts[i];
    if (total > 0 && cum >= ((g + 1) * total) / groups && g < groups - 1) g++;
  }
  // A last group left empty (the top bins held no mass) joins the one before.
  const last = out[counts.length - 1];
  if (last > 0 && counts.every((c, i) => out[i] !== last || c === 0)) for (let i = 0; i < counts.length; i++) if (out[i] === last) out[i] = last - 1;
  return out;
}

function grouped(counts: readonly number[], group: Int32Array): number[] {
  const out = new Array<number>(group[group.length - 1] + 1).fill(0);
  for (let i = 0; i < counts.length; i++) out[group[i]] += counts[i];
  return out;
}

/**
 * All three statistics of live bin counts against a reference histogram: KS on the bins' edges,
 * JS and PSI on the bins grouped by `group` (equalMassGroups; every bin its own without it).
 */
export function compareHistograms(ref: DriftHistogram, live: readonly number[], group?: Int32Array): HistogramComparison {
  if (live.length !== ref.counts.length) throw new Error(`live counts have ${live.length} bins, the reference ${ref.counts.length}`);
  const ks = ksStatistic(ref.counts, live);
  const n = live.reduce((a, b) => a + b, 0), m = ref.counts.reduce((a, b) => a + b, 0);
  const r = smoothedShares(group ? grouped(ref.counts, group) : ref.counts), l = smoothedShares(group ? grouped(live, group) : live);
  return { ks, ksP: ksPValue(ks, n, m), js: jsDivergence(r, l), psi: psi(r, l) };
}
