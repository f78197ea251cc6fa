import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/random';
import { ISO_10816_CLASS_II, MOTOR_RATING, initialMotorState, stepMotor, vibrationAmplitudes, type MotorState } from './motor';
import { bandEnergies, rmsVelocity, synthesizeSnapshot } from './vibration';

const healthy = (seed = 1): MotorState => ({
  ...initialMotorState(createRng(seed)),
  bearingWear: 0.05, misalignment: 0, cooling: 0, baseLoad: 0.75, overloadLeftMin: 0,
});

/** Runs n steps with every random degradation onset switched off except the one under test. */
function run(state: MotorState, n: number, dt = 10, seed = 9) {
  const rng = createRng(seed);
  let s = state;
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = stepMotor(s, { kind: 'none' }, rng, dt);
    s = r.state;
    out.push(r);
  }
  return out;
}

describe('induction-motor simulator', () => {
  it('is deterministic for a seed', () => {
    expect(run(healthy(), 30)).toEqual(run(healthy(), 30));
  });

  it('runs near its rating when healthy: ISO zone A/B, 1750 rpm at full load, class-B temperatures', () => {
    const r = run({ ...healthy(), baseLoad: 1 }, 12);
    for (const { reading } of r.slice(2)) {
      expect(reading.vibrationMmS).toBeLessThan(ISO_10816_CLASS_II.bc);
      expect(reading.temperatureC).toBeLessThan(130);
      expect(reading.failure).toBe(false);
    }
    const day = r.find((x) => x.reading.load > 0.95);
    if (day) {
      expect(Math.abs(day.reading.speedRpm - MOTOR_RATING.speedRpm)).toBeLessThan(10);
      expect(day.reading.powerW).toBeGreaterThan(37_285);
    }
  });

  it('bearing wear grows defect-frequency energy and ends in zone D as a bearing failure', () => {
    const r = run({ ...healthy(), bearingWear: 0.3, bearingRatePerH: 0.03 }, 2000);
    const first = r[0].bands!, failure = r.find((x) => x.reading.failure);
    expect(failure?.reading.mode).toBe('bearing');
    expect(failure!.reading.vibrationMmS).toBeGreaterThan(ISO_10816_CLASS_II.cd);
    const before = r[r.indexOf(failure!) - 1].bands!;
    expect(before.band_bpfo / first.band_bpfo).toBeGreaterThan(10);
    expect(before.band_hf / first.band_hf).toBeGreaterThan(10);
  });

  it('servicing the bearing resets vibration', () => {
    const worn = { ...healthy(), bearingWear: 0.85 };
    const rng = createRng(3);
    const before = stepMotor(worn, { kind: 'none' }, rng, 10).reading.vibrationMmS;
    const after = stepMotor(worn, { kind: 'serviceBearing' }, rng, 10).reading.vibrationMmS;
    expect(before).toBeGreaterThan(ISO_10816_CLASS_II.bc);
    expect(after).toBeLessThan(ISO_10816_CLASS_II.ab + 0.5);
  });

  it('cooling degradation raises temperature up to an overheat failure at the class-F limit', () => {
    const r = run({ ...healthy(), cooling: 0.5, coolingRatePerH: 0.05 }, 600);
    const f = r.find((x) => x.reading.failure);
    expect(f?.reading.mode).toBe('overheat');
    expect(f!.reading.temperatureC).toBeGreaterThan(155);
  });

  it('misalignment disturbs pressure and raises 2× vibration; realigning clears it', () => {
    const aligned = run(healthy(), 60), misaligned = run({ ...healthy(), misalignment: 0.8 }, 60);
    const sd = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
    };
    expect(sd(misaligned.map((x) => x.reading.pressurePsi))).toBeGreaterThan(3 * sd(aligned.map((x) => x.reading.pressurePsi)));
    expect(misaligned[5].bands!.band_2x).toBeGreaterThan(10 * aligned[5].bands!.band_2x);
    const fixed = stepMotor({ ...healthy(), misalignment: 0.8 }, { kind: 'realign' }, createRng(1), 10);
    expect(fixed.state.misalignment).toBeLessThan(0.06);
  });

  it('sustained overload trips as an overload failure; reducing load prevents it', () => {
    const over = { ...healthy(), minutes: 8 * 60, baseLoad: 0.85, overloadExtra: 0.5, overloadLeftMin: 200 }; // day shift
    expect(run(over, 12).find((x) => x.reading.failure)?.reading.mode).toBe('overload');
    const rng = createRng(4);
    let s = over;
    const first = stepMotor(s, { kind: 'reduceLoad', loadLimit: 0.8 }, rng, 10);
    s = first.state;
    const rest = [first, ...Array.from({ length: 11 }, () => { const r = stepMotor(s, { kind: 'none' }, rng, 10); s = r.state; return r; })];
    expect(rest.some((x) => x.reading.failure)).toBe(false);
  });

  it('a snapshot is taken every 10 simulated minutes and its RMS is the vibration reading', () => {
    const r = run(healthy(), 20, 1);
    expect(r.filter((x) => x.bands).length).toBe(2);
    const a = vibrationAmplitudes({ ...healthy(), bearingWear: 0.6 }, 0.8);
    const snap = synthesizeSnapshot(a, 1770, createRng(2));
    const rms = Math.sqrt(snap.reduce((s, v) => s + v * v, 0) / snap.length);
    expect(Math.abs(rms / rmsVelocity(a) - 1)).toBeLessThan(0.1);
    const bands = bandEnergies(snap, 1770);
    expect(bands.band_bpfo).toBeGreaterThan(bands.band_bpfi);
  });
});
