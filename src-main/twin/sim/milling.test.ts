import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/random';
import { initialMillingState, stepMilling, type MillingState } from './milling';

describe('milling simulator step', () => {
  it('is deterministic for a seed', () => {
    const run = () => {
      const rng = createRng(5);
      let s = initialMillingState(rng);
      const out = [];
      for (let i = 0; i < 50; i++) {
        const r = stepMilling(s, { kind: 'none' }, rng);
        s = r.state;
        out.push(r.reading);
      }
      return out;
    };
    expect(run()).toEqual(run());
  });

  it('replacing the tool resets wear, and wear grows by the product quality', () => {
    const rng = createRng(1);
    let s: MillingState = { ...initialMillingState(rng), toolWear: 150, toolLife: 230 };
    const r = stepMilling(s, { kind: 'replaceTool' }, rng);
    expect(r.reading.toolWearMin).toBe(0);
    expect(r.state.toolChanges).toBe(1);
    s = r.state;
    const q = stepMilling(s, { kind: 'setpoint', setpoint: { quality: 'H' } }, rng);
    expect(q.state.toolWear - s.toolWear).toBe(5);
  });

  it('a setpoint holds speed and torque, and the power limits apply to it', () => {
    const rng = createRng(2);
    const s = initialMillingState(rng);
    const low = stepMilling(s, { kind: 'setpoint', setpoint: { speedRpm: 1200, torqueNm: 20 } }, rng).reading;
    expect(low.speedRpm).toBe(1200);
    expect(low.modes.PWF).toBe(true); // 2.5 kW < 3.5 kW
    const ok = stepMilling(s, { kind: 'setpoint', setpoint: { speedRpm: 1500, torqueNm: 40 } }, rng).reading;
    expect(ok.modes.PWF).toBe(false); // 6.3 kW
  });

  it('the tool is changed, or fails, inside the tool-life window', () => {
    const rng = createRng(3);
    let s = initialMillingState(rng);
    const changes: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const r = stepMilling(s, { kind: 'none' }, rng);
      if (r.state.toolChanges > s.toolChanges) changes.push(r.reading.toolWearMin);
      s = r.state;
    }
    expect(changes.length).toBeGreaterThan(40);
    for (const w of changes) {
      expect(w).toBeGreaterThanOrEqual(198);
      expect(w).toBeLessThanOrEqual(237);
    }
  });
});
