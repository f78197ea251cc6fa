import { describe, expect, it } from 'vitest';
import { binOf, compareHistograms, equalMassGroups, jsDivergence, ksPValue, ksStatistic, psi, smoothedShares } from './drift';
import { DEFAULT_DRIFT_POLICY, ModelDriftMonitor } from './drift-monitor';

describe('drift statistics against hand-computed values', () => {
  it('JS divergence (base 2): 0 for equal, 1 for disjoint, 0.3113 for (½, ½) against (1, 0)', () => {
    expect(jsDivergence([0.2, 0.8], [0.2, 0.8])).toBe(0);
    expect(jsDivergence([1, 0], [0, 1])).toBeCloseTo(1, 12);
    // m = (¾, ¼): KL(p‖m) = ½·log2(⅔) + ½·log2(2) = 0.20752, KL(q‖m) = log2(4/3) = 0.41504.
    expect(jsDivergence([0.5, 0.5], [1, 0])).toBeCloseTo(0.5 * (0.2075187 + 0.4150375), 6);
  });

  it('PSI: Σ (live − ref)·ln(live/ref) = 0.2747 for (½, ½) → (¼, ¾)', () => {
    expect(psi([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(-0.25 * Math.log(0.5) + 0.25 * Math.log(1.5), 12);
    expect(psi([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.2747, 4);
  });

  it('KS: the largest CDF gap at the bin edges, and its p-value with the sample sizes', () => {
    expect(ksStatistic([1, 1, 1, 1], [0, 0, 2, 2])).toBe(0.5);
    expect(ksStatistic([5, 5], [1, 1])).toBe(0);
    // Kolmogorov's Q(1.358) = 0.05: for large equal samples, √(n·m/(n+m))·D = 1.358 is the 5 % critical value.
    const n = 2_000_000, ne = Math.sqrt(n / 2);
    expect(ksPValue(1.358 / ne, n, n)).toBeCloseTo(0.05, 3);
    expect(ksPValue(0.5, 4, 4)).toBeGreaterThan(0.5);
    expect(ksPValue(0.3, 10_000, 10_000)).toBeLessThan(1e-12);
  });

  it('smoothing gives an empty bin half a count; bins fold out-of-range values into the end bins', () => {
    expect(smoothedShares([2, 0, 2])).toEqual([2 / 4.5, 0.5 / 4.5, 2 / 4.5]);
    const edges = [0, 1, 2, 3];
    expect([-5, 0, 0.99, 1, 2.99, 3, 10, Number.NaN].map((v) => binOf(edges, v))).toEqual([0, 0, 0, 1, 2, 2, 2, 0]);
    expect(Array.from(equalMassGroups([10, 10, 10, 10], 2))).toEqual([0, 0, 1, 1]);
    expect(Array.from(equalMassGroups([1, 0, 0, 98, 1], 10))).toEqual([0, 0, 0, 0, 1]);
  });

  it('compares a live histogram with all three, on grouped bins for JS and PSI', () => {
    const ref = { edges: [0, 1, 2, 3, 4], counts: [250, 250, 250, 250] };
    const same = compareHistograms(ref, [25, 25, 25, 25]);
    expect(same).toMatchObject({ ks: 0, js: 0, psi: 0 });
    expect(same.ksP).toBe(1);
    const moved = compareHistograms(ref, [0, 0, 50, 50], equalMassGroups(ref.counts, 2));
    expect(moved.ks).toBe(0.5);
    // Groups (½, ½) vs (0 → ½ count of 100.5, 100/100.5).
    const live = [0.5 / 100.5, 100 / 100.5];
    expect(moved.js).toBeCloseTo(jsDivergence([0.5, 0.5], live), 12);
    expect(moved.psi).toBeCloseTo(psi([0.5, 0.5], live), 12);
    expect(() => compareHistograms(ref, [1, 2])).toThrow('live counts have 2 bins, the reference 4');
  });
});

describe('the drift monitor of one model', () => {
  const ref = { features: [{ name: 'a', edges: [0, 1, 2, 3, 4], counts: [100, 100, 100, 100] }], prediction: { edges: [0, 0.5, 1], counts: [390, 10] } };
  const policy = { ...DEFAULT_DRIFT_POLICY, windowMs: 100_000, everyMs: 10_000, recentMs: 20_000, minSamples: 40, minRecent: 10, maxSamples: 1000, maxRecent: 100, groups: 4 };

  it('raises after two evaluations of a shifted mean, clears after three without, and waits for a full window before the distribution test', () => {
    const m = new ModelDriftMonitor('run', 'v1', ref, ['a'], policy);
    const verdicts: string[] = [];
    // Readings every second spread over the training range: no drift.
    for (let t = 0; t < 150_000; t += 1000) {
      const r = m.observe(t, [((t / 1000) % 40) / 10], 0.1);
      if (r) verdicts.push(r.verdict);
    }
    expect(verdicts.at(-1)).toBe('ok');
    expect(m.current().windowFull).toBe(true);
    expect(m.current().features[0].js).toBeLessThan(0.01);
    // Every value at 4.5 (past the range): the recent mean is 2.2 training SDs above the training mean (2, SD 1.118).
    const after: string[] = [];
    for (let t = 150_000; t < 200_000; t += 1000) {
      const r = m.observe(t, [4.5], 0.1);
      if (r) after.push(r.verdict);
    }
    expect(after).toContain('drift');
    expect(after.indexOf('drift')).toBeGreaterThanOrEqual(1);
    expect(m.current().drifting).toEqual(['a']);
    expect(m.current().features[0].reason).toMatch(/training SDs above/);
    const back: string[] = [];
    for (let t = 200_000; t < 420_000; t += 1000) {
      const r = m.observe(t, [((t / 1000) % 40) / 10], 0.1);
      if (r) back.push(r.verdict);
    }
    expect(back.at(-1)).toBe('ok');
  });

  it('excluded features are shown but never decide, and a reference without a feature is refused by name', () => {
    const m = new ModelDriftMonitor('run', 'v1', ref, ['a'], policy, new Set(['a']));
    for (let t = 0; t < 60_000; t += 1000) m.observe(t, [3.9], 0.1);
    expect(m.current().features[0].verdict).toBe('excluded');
    expect(m.current().verdict).toBe('ok');
    expect(() => new ModelDriftMonitor('run', 'v1', ref, ['a', 'b'], policy)).toThrow('no histogram for b');
  });
});
