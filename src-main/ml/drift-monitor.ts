/**
 * The drift monitor of one live model: a sliding window of the model's features and calibrated
 * predictions, pooled over every asset the model scores, compared with the model file's training
 * reference (./drift.ts) at a fixed simulated-time cadence, with a verdict per feature and for the
 * model that must hold for several evaluations before it is raised or cleared.
 *
 * Each reading costs one bin lookup per feature and two counter updates (the window keeps bin
 * codes in a ring and counts per bin up to date), so a fleet of thousands of assets can afford it.
 * Pure: simulated time comes with each reading.
 */
import { compareHistograms, type DriftHistogram, type HistogramComparison } from './drift';
import { checkState, decodeBytes, decodeFloats, encodeBytes, encodeFloats, type DriftMonitorState } from './drift-state';
import { BinnedWindow } from './drift-window';

export interface DriftPolicy {
  /** Simulated ms of readings the window holds (older ones drop out) … */
  windowMs: number;
  /** … and at most this many readings (the newest). */
  maxSamples: number;
  /** Simulated ms between evaluations. */
  everyMs: number;
  /** JS and PSI compare the reference's bins grouped into this many groups of equal training mass. */
  groups: number;
  /** The distribution test needs this many readings, and the window filling for a whole `windowMs`. */
  minSamples: number;
  /** Distribution drift: JS > js and PSI > psi over the whole window … */
  js: number;
  psi: number;
  /** … and back to normal below clearJs (hysteresis). */
  clearJs: number;
  /**
   * Shift: the mean of the last `recentMs` (at most `maxRecent` readings) further than this many
   * training standard deviations from the training mean …
   */
  shiftSd: number;
  recentMs: number;
  maxRecent: number;
  /** … counted once the recent window holds this many readings. */
  minRecent: number;
  /** Consecutive evaluations a model must drift before it is raised, and be clear before it clears. */
  raiseAfter: number;
  clearAfter: number;
}

/**
 * The defaults, chosen on the real simulators (drift-acceptance.test.ts; README "Drift
 * monitoring"). A milling centre's air temperature is a daily cycle plus a slow random walk, so a
 * few hours of six machines are a few narrow peaks that no histogram distance can tell from drift
 * (JS 0.4, PSI 3 for a stable 2 h window): the distribution test waits for 48 h of readings (a
 * stable demo fleet's JS then stays below 0.07). A step in the world shows sooner as a shift of
 * the last hour's mean: six machines' means wander 1.5 training SDs at most (10 seeds × 48 h),
 * a +5 K ambient step moves it 2 SDs or more within the hour.
 */
export const DEFAULT_DRIFT_POLICY: DriftPolicy = {
  windowMs: 48 * 3_600_000,
  maxSamples: 50_000,
  everyMs: 10 * 60_000,
  groups: 10,
  minSamples: 500,
  js: 0.1,
  psi: 0.25,
  clearJs: 0.08,
  shiftSd: 1.8,
  recentMs: 3_600_000,
  maxRecent: 5_000,
  minRecent: 30,
  raiseAfter: 2,
  clearAfter: 3,
};

/** 'excluded': shown, but not part of the model's verdict (an input the operator sets). */
export type FeatureVerdict = 'ok' | 'drift' | 'too-few' | 'excluded';

export interface FeatureDrift extends HistogramComparison {
  name: string;
  /** The levels JS and PSI must both pass over a full window (the policy's, or the reference's null levels if higher). */
  jsLevel: number;
  psiLevel: number;
  verdict: FeatureVerdict;
  /** Why it drifts, in words (null when it does not). */
  reason: string | null;
  edges: number[];
  reference: number[];
  live: number[];
  /** Live readings below the training minimum and above its maximum (counted in the end bins). */
  below: number;
  above: number;
  /** The recent window's mean minus the training mean, in training standard deviations. */
  shift: number;
}

export type ModelVerdict = 'warming-up' | 'ok' | 'drift';

export interface DriftReport {
  runId: string;
  version: string;
  verdict: ModelVerdict;
  samples: number;
  /** Readings in the recent window, and whether the window has filled for a whole windowMs. */
  recent: number;
  windowFull: boolean;
  evaluatedAt: number | null;
  /** Features (and 'prediction') drifting at the last evaluation. */
  drifting: string[];
  features: FeatureDrift[];
  prediction: FeatureDrift;
}

/** The name the prediction distribution goes by in `drifting`. */
export const PREDICTION = 'prediction';

export class ModelDriftMonitor {
  private readonly windows: BinnedWindow[];
  private readonly all: BinnedWindow[];
  private readonly times: Float64Array;
  /** Absolute reading indexes (slot = index % maxSamples): oldest held, oldest recent, next. */
  private start = 0;
  private recentStart = 0;
  private end = 0;
  private firstMs: number | null = null;
  private nextEvalMs: number | null = null;
  private streak = 0;
  private verdict: ModelVerdict = 'warming-up';
  private report: DriftReport;

  constructor(
    readonly runId: string,
    readonly version: string,
    reference: { features: readonly (DriftHistogram & { name: string })[]; prediction: DriftHistogram },
    /** The model's features in its input order (the live vector's order). */
    readonly featureNames: readonly string[],
    readonly policy: DriftPolicy = DEFAULT_DRIFT_POLICY,
    /** Features compared and shown but left out of the verdict. */
    private readonly exclude: ReadonlySet<string> = new Set(),
    /**
     * Features judged by the distribution test only, not by the recent mean's shift: a fleet
     * model's window-relative features (z-score, change, rate, spread), which a lasting step in
     * the world does not move but the fleet's shared daily swings move together for an hour.
     */
    private readonly noShift: ReadonlySet<string> = new Set(),
  ) {
    const byName = new Map(reference.features.map((h) => [h.name, h]));
    const missing = featureNames.filter((n) => !byName.has(n));
    if (missing.length) throw new Error(`the model's drift reference has no histogram for ${missing.join(', ')}`);
    if (!(policy.recentMs <= policy.windowMs && policy.maxRecent <= policy.maxSamples)) throw new Error('the recent window (recentMs, maxRecent) must not be longer than the window (windowMs, maxSamples)');
    this.windows = featureNames.map((n) => new BinnedWindow(byName.get(n)!, policy.maxSamples, policy.groups, policy.maxRecent));
    this.all = [...this.windows, new BinnedWindow(reference.prediction, policy.maxSamples, policy.groups, policy.maxRecent)];
    this.times = new Float64Array(policy.maxSamples);
    this.report = this.compare(null);
  }

  /** One scored reading. Returns the report when it was time for an evaluation (null otherwise). */
  observe(atMs: number, x: ArrayLike<number>, probability: number): DriftReport | null {
    const p = this.policy, cap = p.maxSamples, all = this.all;
    while (this.end > this.start && (this.end - this.start === cap || this.times[this.start % cap] <= atMs - p.windowMs)) {
      if (this.recentStart === this.start) this.age();
      for (const w of all) w.drop(this.start % cap);
      this.start++;
    }
    while (this.end > this.recentStart && (this.end - this.recentStart === p.maxRecent || this.times[this.recentStart % cap] <= atMs - p.recentMs)) this.age();
    const recentSlot = this.end % p.maxRecent, slot = this.end++ % cap;
    this.times[slot] = atMs;
    for (let k = 0; k < this.windows.length; k++) this.windows[k].put(slot, recentSlot, x[k]);
    all[all.length - 1].put(slot, recentSlot, probability);
    this.firstMs ??= atMs;
    this.nextEvalMs ??= atMs + p.everyMs;
    if (atMs < this.nextEvalMs) return null;
    // Whole steps of the cadence from the first reading: the same evaluations however readings are batched.
    this.nextEvalMs += Math.ceil((atMs - this.nextEvalMs + 1) / p.everyMs) * p.everyMs;
    return this.evaluate(atMs);
  }

  /** The last evaluation's report (live counts as of then). */
  current(): DriftReport {
    return this.report;
  }

  /** The window as the fleet's state stores it (./drift-state.ts). */
  snapshot(): DriftMonitorState {
    const cap = this.policy.maxSamples, rcap = this.policy.maxRecent, n = this.end - this.start, r = this.end - this.recentStart;
    const times = Float64Array.from({ length: n }, (_, i) => this.times[(this.start + i) % cap]);
    return {
      runId: this.runId, version: this.version, times: encodeFloats(times), recentCount: r,
      codes: this.all.map((w) => encodeBytes(Uint8Array.from({ length: n }, (_, i) => w.codeAt((this.start + i) % cap)))),
      recent: this.all.map((w) => encodeFloats(Float64Array.from({ length: r }, (_, i) => w.recentAt((this.recentStart + i) % rcap)))),
      recentSums: this.all.map((w) => w.recentSum),
      firstMs: this.firstMs, nextEvalMs: this.nextEvalMs, evaluatedAt: this.report.evaluatedAt, streak: this.streak, verdict: this.verdict,
    };
  }

  /**
   * Continues from a stored window (of this monitor's run, version and features; a shorter policy
   * keeps its newest readings). Throws, naming the field, on a state that does not fit.
   */
  restore(s: DriftMonitorState): void {
    if (s.runId !== this.runId || s.version !== this.version) throw new Error(`drift state of ${s.runId} (${s.version}) is not of ${this.runId} (${this.version})`);
    checkState(s, this.all.length);
    const times = decodeFloats(s.times, 'times');
    const all = times.length;
    const codes = s.codes.map((c, k) => decodeBytes(c, `codes[${k}]`, all));
    if (s.recentCount > all) throw new Error(`drift state of ${s.runId}: recentCount ${s.recentCount} is more than the ${all} readings`);
    const recent = s.recent.map((c, k) => decodeFloats(c, `recent[${k}]`, s.recentCount));
    codes.forEach((c, k) => {
      const max = this.all[k].maxCode;
      if (c.some((v) => v > max)) throw new Error(`drift state of ${s.runId}: codes[${k}] has a bin code beyond ${max}`);
    });
    const cap = this.policy.maxSamples, rcap = this.policy.maxRecent;
    // A policy that keeps fewer readings than were stored keeps the newest.
    const from = Math.max(0, all - cap), recentFrom = Math.max(all - s.recentCount, all - rcap, from);
    this.start = this.recentStart = this.end = 0;
    for (const w of this.all) {
      w.counts.fill(0);
      w.below = w.above = 0;
    }
    for (let i = from; i < all; i++, this.end++) {
      const slot = this.end % cap, inRecent = i >= recentFrom;
      this.times[slot] = times[i];
      this.all.forEach((w, k) => w.load(slot, codes[k][i], inRecent ? this.end % rcap : null, inRecent ? recent[k][i - (all - s.recentCount)] : 0));
    }
    this.recentStart = recentFrom - from;
    // The running sums as they were (recomputing them would differ in the last bits); recomputed only when readings were dropped.
    this.all.forEach((w, k) => (w.recentSum = recentFrom === all - s.recentCount ? s.recentSums[k] : recent[k].subarray(recentFrom - (all - s.recentCount)).reduce((a, b) => a + b, 0)));
    this.firstMs = s.firstMs;
    this.nextEvalMs = s.nextEvalMs;
    this.streak = s.streak;
    this.verdict = s.verdict;
    this.report = { ...this.compare(s.evaluatedAt), verdict: s.verdict };
  }

  private age(): void {
    const slot = this.recentStart++ % this.policy.maxRecent;
    for (const w of this.all) w.age(slot);
  }

  private evaluate(atMs: number): DriftReport {
    const p = this.policy;
    const report = this.compare(atMs);
    if (report.samples < p.minSamples && report.recent < p.minRecent) {
      // Too few readings say nothing: an open drift stays open until enough readings say otherwise.
      this.streak = 0;
    } else if (this.verdict === 'drift') {
      const monitored = [...report.features, report.prediction].filter((f) => f.verdict !== 'excluded');
      const clear = monitored.every((f) => (!report.windowFull || f.js < f.jsLevel * (p.clearJs / p.js)) && (this.noShift.has(f.name) || Math.abs(f.shift) < p.shiftSd / 2));
      this.streak = clear ? this.streak + 1 : 0;
      if (this.streak >= p.clearAfter) {
        this.verdict = 'ok';
        this.streak = 0;
      }
    } else {
      this.streak = report.drifting.length > 0 ? this.streak + 1 : 0;
      this.verdict = this.streak >= p.raiseAfter ? 'drift' : 'ok';
      if (this.verdict === 'drift') this.streak = 0;
    }
    report.verdict = this.verdict;
    this.report = report;
    return report;
  }

  private compare(atMs: number | null): DriftReport {
    const p = this.policy, samples = this.end - this.start, recent = this.end - this.recentStart;
    const windowFull = atMs !== null && this.firstMs !== null && atMs - this.firstMs >= p.windowMs && samples >= p.minSamples;
    const one = (name: string, w: BinnedWindow): FeatureDrift => {
      const live = Array.from(w.counts);
      const c = compareHistograms(w.ref, live, w.groups);
      const shift = recent > 0 ? (w.recentSum / recent - w.mean) / w.sd : 0;
      const reasons: string[] = [];
      // The fixed levels, or what a stable window of the training data itself shows, whichever is higher.
      const jsLevel = Math.max(p.js, w.ref.jsNull ?? 0), psiLevel = Math.max(p.psi, w.ref.psiNull ?? 0);
      if (windowFull && c.js > jsLevel && c.psi > psiLevel) reasons.push(`JS ${c.js.toFixed(3)} > ${jsLevel} and PSI ${c.psi.toFixed(2)} > ${psiLevel} over the window`);
      if (recent >= p.minRecent && !this.noShift.has(name) && Math.abs(shift) > p.shiftSd) reasons.push(`the recent mean is ${Math.abs(shift).toFixed(1)} training SDs ${shift > 0 ? 'above' : 'below'} the training mean`);
      const verdict: FeatureVerdict = this.exclude.has(name) ? 'excluded' : !windowFull && recent < p.minRecent ? 'too-few' : reasons.length ? 'drift' : 'ok';
      return { name, ...c, jsLevel, psiLevel, verdict, reason: verdict === 'drift' ? reasons.join('; ') : null, edges: [...w.ref.edges], reference: [...w.ref.counts], live, below: w.below, above: w.above, shift };
    };
    const features = this.windows.map((w, k) => one(this.featureNames[k], w));
    const prediction = one(PREDICTION, this.all[this.all.length - 1]);
    const drifting = [...features, prediction].filter((f) => f.verdict === 'drift').map((f) => f.name);
    return { runId: this.runId, version: this.version, verdict: this.verdict, samples, recent, windowFull, evaluatedAt: atMs, drifting, features, prediction };
  }
}

