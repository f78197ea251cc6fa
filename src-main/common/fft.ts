/**
 * In-place radix-2 FFT on separate real/imaginary arrays. Small and allocation-free, for the
 * motor's vibration snapshots (2,048 samples) in the simulator and the feature pipeline.
 */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  if (n !== im.length || (n & (n - 1)) !== 0) throw new Error(`fft: length ${n} is not a power of two`);
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]; re[i] = re[j]; re[j] = tr;
      const ti = im[i]; im[i] = im[j]; im[j] = ti;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    const wr = Math.cos(ang), wi = Math.sin(ang);
    for (let i = 0; i < n; i += len) {
      let cr = 1, ci = 0;
      for (let k = 0; k < len / 2; k++) {
        const a = i + k, b = a + len / 2;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr; im[b] = im[a] - ti;
        re[a] += tr; im[a] += ti;
        const nr = cr * wr - ci * wi;
        ci = cr * wi + ci * wr;
        cr = nr;
      }
    }
  }
}

/**
 * One-sided power spectrum scaled so that the bins sum to the signal's mean square
 * (Parseval): a band's sum is that band's share of RMS².
 */
export function powerSpectrum(signal: ArrayLike<number>): Float64Array {
  const n = signal.length;
  const re = Float64Array.from(signal), im = new Float64Array(n);
  fft(re, im);
  const half = n / 2;
  const out = new Float64Array(half + 1);
  for (let k = 0; k <= half; k++) {
    const p = (re[k] * re[k] + im[k] * im[k]) / (n * n);
    out[k] = k === 0 || k === half ? p : 2 * p;
  }
  return out;
}
