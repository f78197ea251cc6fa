/**
 * Vibration waveform snapshots of an induction motor's drive-end bearing, in velocity (mm/s).
 * The spectrum carries the components a vibration analyst looks for: 1× running speed
 * (unbalance), 2× (misalignment), the outer- and inner-race defect frequencies of the bearing
 * with a harmonic, and a structural resonance excited by the defect impacts (what envelope
 * analysis finds). The overall RMS of the snapshot is the vibration reading itself.
 */
import type { Rng } from '../../common/random';
import { powerSpectrum } from '../../common/fft';

export const SNAPSHOT_SAMPLES = 1024;
export const SNAPSHOT_RATE_HZ = 3200;
/** Defect-frequency multipliers of a 6309 deep-groove ball bearing (orders of running speed). */
export const BEARING_ORDERS = { bpfo: 3.07, bpfi: 4.93 } as const;
const RESONANCE_HZ = 1150;
const SQRT3 = Math.sqrt(3);

export interface VibrationAmplitudes {
  /** Peak velocity (mm/s) of each component. */
  oneX: number;
  twoX: number;
  bpfo: number;
  bpfi: number;
  resonance: number;
  /** Broadband noise RMS (mm/s). */
  noise: number;
}

export const SPECTRAL_BANDS = ['band_1x', 'band_2x', 'band_bpfo', 'band_bpfi', 'band_hf'] as const;
export type SpectralBand = (typeof SPECTRAL_BANDS)[number];
export type BandEnergies = Record<SpectralBand, number>;

/** RMS velocity implied by the component amplitudes (what a transmitter between snapshots reads). */
export function rmsVelocity(a: VibrationAmplitudes): number {
  const tones = a.oneX ** 2 + a.twoX ** 2 + a.bpfo ** 2 * 1.25 + a.bpfi ** 2 + a.resonance ** 2 * 0.5;
  return Math.sqrt(tones / 2 + a.noise ** 2);
}

export function synthesizeSnapshot(a: VibrationAmplitudes, speedRpm: number, rng: Rng): Float64Array {
  const fr = speedRpm / 60;
  const fo = fr * BEARING_ORDERS.bpfo, fi = fr * BEARING_ORDERS.bpfi;
  // Tones as rotating phasors (one complex multiply per sample instead of a sine call).
  const freqs = [fr, 2 * fr, fo, 2 * fo, fi, fo, RESONANCE_HZ];
  const amps = [a.oneX, a.twoX, a.bpfo, 0.5 * a.bpfo, a.bpfi, 0, 0];
  const n = freqs.length;
  const c = new Float64Array(n), s = new Float64Array(n), dc = new Float64Array(n), ds = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const phase = k === n - 1 ? 0 : rng.next() * 2 * Math.PI;
    c[k] = Math.cos(phase); s[k] = Math.sin(phase);
    const step = (2 * Math.PI * freqs[k]) / SNAPSHOT_RATE_HZ;
    dc[k] = Math.cos(step); ds[k] = Math.sin(step);
  }
  const out = new Float64Array(SNAPSHOT_SAMPLES);
  for (let i = 0; i < SNAPSHOT_SAMPLES; i++) {
    let v = 0;
    for (let k = 0; k < n; k++) {
      if (k < 5) v += amps[k] * s[k];
      const nc = c[k] * dc[k] - s[k] * ds[k];
      s[k] = s[k] * dc[k] + c[k] * ds[k];
      c[k] = nc;
    }
    // Impacts at the outer-race frequency ring the resonance: an amplitude-modulated carrier.
    const envelope = 0.5 * (1 + c[5]);
    // Broadband noise: an Irwin–Hall sum of four uniforms (unit variance, cheaper than Box–Muller).
    const white = (rng.next() + rng.next() + rng.next() + rng.next() - 2) * SQRT3;
    out[i] = v + a.resonance * envelope * s[6] + a.noise * white;
  }
  return out;
}

/** Energy (mm/s)² in each diagnostic band of a snapshot, from its power spectrum. */
export function bandEnergies(snapshot: ArrayLike<number>, speedRpm: number): BandEnergies {
  const p = powerSpectrum(snapshot);
  const df = SNAPSHOT_RATE_HZ / snapshot.length;
  const fr = speedRpm / 60;
  const sum = (lo: number, hi: number): number => {
    let s = 0;
    for (let k = Math.max(1, Math.floor(lo / df)); k <= Math.min(p.length - 1, Math.ceil(hi / df)); k++) s += p[k];
    return s;
  };
  const fo = fr * BEARING_ORDERS.bpfo, fi = fr * BEARING_ORDERS.bpfi;
  return {
    band_1x: sum(0.7 * fr, 1.3 * fr),
    band_2x: sum(1.7 * fr, 2.3 * fr),
    band_bpfo: sum(0.94 * fo, 1.06 * fo) + sum(1.94 * fo, 2.06 * fo),
    band_bpfi: sum(0.96 * fi, 1.04 * fi),
    band_hf: sum(800, 1500),
  };
}
