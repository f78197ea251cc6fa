import { describe, expect, it } from 'vitest';
import { fft, powerSpectrum } from './fft';

describe('fft', () => {
  it('matches a direct DFT', () => {
    const n = 16;
    const x = Array.from({ length: n }, (_, i) => Math.sin(i * 0.7) + 0.3 * Math.cos(i * 2.1) + (i % 3));
    const re = Float64Array.from(x), im = new Float64Array(n);
    fft(re, im);
    for (let k = 0; k < n; k++) {
      let r = 0, m = 0;
      for (let t = 0; t < n; t++) {
        r += x[t] * Math.cos((2 * Math.PI * k * t) / n);
        m -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
      }
      expect(re[k]).toBeCloseTo(r, 9);
      expect(im[k]).toBeCloseTo(m, 9);
    }
  });

  it('refuses lengths that are not powers of two', () => {
    expect(() => fft(new Float64Array(12), new Float64Array(12))).toThrow(/power of two/);
  });

  it('power spectrum sums to the mean square and puts a tone in its bin', () => {
    const n = 1024, fs = 1024, f = 50, a = 3;
    const x = Array.from({ length: n }, (_, i) => a * Math.sin((2 * Math.PI * f * i) / fs));
    const p = powerSpectrum(x);
    const total = p.reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo((a * a) / 2, 9);
    expect(p[f]).toBeCloseTo((a * a) / 2, 9);
  });
});
