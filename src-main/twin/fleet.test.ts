import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../common/random';
import { AlertEngine, DEFAULT_ALERT_RULES } from './alerts';
import { newSimAsset } from './asset-sim';
import { demoFleet } from './assets';
import { Fleet } from './fleet';
import { DEMO_SCENARIO, withDemoFault } from './scenario';
import { overridden } from './scoring';

const HOUR = 3_600_000;

function demo(seed = 7): Fleet {
  const f = new Fleet({ seed, startMs: DEMO_SCENARIO.startMs }, new AlertEngine(DEFAULT_ALERT_RULES));
  for (const a of demoFleet()) f.upsert(a, withDemoFault(a.id, newSimAsset(a.kind, deriveSeed(seed, a.id))));
  return f;
}

describe('the live fleet', () => {
  it('is deterministic: the same seed and simulated time give the same fleet however the loop ticks', () => {
    const jump = demo(), ticks = demo();
    jump.advanceTo(DEMO_SCENARIO.startMs + 12 * HOUR);
    for (let t = 1; t <= 12 * 36; t++) ticks.advanceTo(DEMO_SCENARIO.startMs + (t * HOUR) / 36);
    expect(JSON.stringify(ticks.snapshots())).toBe(JSON.stringify(jump.snapshots()));
    expect(ticks.events).toEqual(jump.events);
    expect(ticks.alerts.all().map((a) => a.id)).toEqual(jump.alerts.all().map((a) => a.id));
    // One reading per process (3 min) except while down for repair after a failure.
    expect(jump.snapshot('MILL-01').readings).toBeGreaterThan(100);
    expect(jump.snapshot('MILL-01').readings).toBeLessThanOrEqual(12 * 20);
    expect(jump.snapshot('MTR-01').readings).toBe(12 * 6);
    // A different seed is a different fleet.
    const other = demo(8);
    other.advanceTo(DEMO_SCENARIO.startMs + 12 * HOUR);
    expect(other.snapshot('MTR-01').values).not.toEqual(jump.snapshot('MTR-01').values);
  });

  it('runs the demo scenario: the named motor reaches CRITICAL at a known simulated time, then fails', () => {
    const f = demo();
    let criticalAt: number | null = null;
    for (let m = 10; m <= 8 * 60 && criticalAt === null; m += 10) {
      f.advanceTo(DEMO_SCENARIO.startMs + m * 60_000);
      if (f.snapshot(DEMO_SCENARIO.assetId).status === 'CRITICAL') criticalAt = m / 60;
    }
    // Without a model only the sensor zones decide: vibration reaches ISO zone D in about 5 hours.
    expect(criticalAt).toBeGreaterThanOrEqual(4);
    expect(criticalAt).toBeLessThanOrEqual(6);
    expect(f.events.some((e) => e.assetId === DEMO_SCENARIO.assetId && e.kind === 'failure' && e.detail.includes('bearing'))).toBe(true);
    expect(f.alerts.all().some((a) => a.assetId === DEMO_SCENARIO.assetId && a.ruleName.toLowerCase().includes('vibration'))).toBe(true);
  });

  it('applies maintenance through the simulator: a new tool starts at zero wear, a serviced bearing stops the vibration rise', () => {
    const f = demo();
    f.advanceTo(DEMO_SCENARIO.startMs + 3 * HOUR);
    expect(f.snapshot('MILL-01').values.toolWearMin).toBeGreaterThan(60);
    f.maintain('MILL-01', 'replaceTool', 'test');
    f.advanceTo(f.nextDue('MILL-01'));
    expect(f.snapshot('MILL-01').values.toolWearMin).toBe(0);

    f.advanceTo(DEMO_SCENARIO.startMs + 3.5 * HOUR);
    const before = f.snapshot(DEMO_SCENARIO.assetId).values.vibrationMmS;
    expect(before).toBeGreaterThan(3);
    expect(f.snapshot(DEMO_SCENARIO.assetId).status).toBe('WARNING');
    f.maintain(DEMO_SCENARIO.assetId, 'serviceBearing', 'test');
    // The serviced motor shows NORMAL from its first reading after: maintenance releases the status off-delay.
    f.advanceTo(f.nextDue(DEMO_SCENARIO.assetId));
    expect(f.snapshot(DEMO_SCENARIO.assetId).status).toBe('NORMAL');
    f.advanceTo(DEMO_SCENARIO.startMs + 5.5 * HOUR);
    expect(f.snapshot(DEMO_SCENARIO.assetId).values.vibrationMmS).toBeLessThan(before / 2);
    expect(f.events.filter((e) => e.kind === 'maintenance').map((e) => e.assetId)).toEqual(['MILL-01', DEMO_SCENARIO.assetId]);
  });

  it('what-if works on a copy: the live readings window and snapshot are untouched', () => {
    const f = demo();
    f.advanceTo(DEMO_SCENARIO.startMs + 2 * HOUR);
    const rows = JSON.stringify(f.rows('MILL-01')), snap = JSON.stringify(f.snapshot('MILL-01'));
    const w = overridden('milling', f.rows('MILL-01'), f.snapshot('MILL-01').values, { torqueNm: 70, toolWearMin: 210 });
    expect(w.values.torqueNm).toBe(70);
    expect(w.rows.at(-1)!['Torque [Nm]']).toBe(70);
    expect(JSON.stringify(f.rows('MILL-01'))).toBe(rows);
    expect(JSON.stringify(f.snapshot('MILL-01'))).toBe(snap);
    expect(() => overridden('milling', f.rows('MILL-01'), {}, { vibrationMmS: 3 })).toThrow('"vibrationMmS" is not an input of a milling asset');
  });

  it('what-if holds an override over the whole window, and a motor\'s vibration spectrum scales with its level', () => {
    const f = demo();
    f.advanceTo(DEMO_SCENARIO.startMs + 8 * HOUR);
    const rows = f.rows(DEMO_SCENARIO.assetId);
    const w = overridden('motor', rows, f.snapshot(DEMO_SCENARIO.assetId).values, { vibrationMmS: 1.2 });
    expect(w.rows.every((r) => r.vibration_mm_s === 1.2)).toBe(true);
    rows.forEach((r, k) => {
      const energy = (1.2 / (r.vibration_mm_s as number)) ** 2;
      expect(w.rows[k].band_bpfo).toBeCloseTo((r.band_bpfo as number) * energy, 12);
      expect(w.rows[k].temperature_c).toBe(r.temperature_c);
    });
  });

  it('resumes after a restart where it stopped: same future, and no burst of stale-data alerts for the time away', () => {
    const straight = demo();
    straight.advanceTo(DEMO_SCENARIO.startMs + 10 * HOUR);

    const first = demo();
    first.advanceTo(DEMO_SCENARIO.startMs + 5 * HOUR);
    const stored = JSON.parse(JSON.stringify({ fleet: first.persisted(), alerts: first.alerts.snapshot() }));
    const second = new Fleet({ seed: 7, startMs: DEMO_SCENARIO.startMs }, AlertEngine.restore(DEFAULT_ALERT_RULES, stored.alerts));
    for (const a of demoFleet()) second.upsert(a, withDemoFault(a.id, newSimAsset(a.kind, deriveSeed(7, a.id))));
    second.restore(stored.fleet);
    second.alerts.resume(second.simTimeMs);
    expect(second.simTimeMs).toBe(first.simTimeMs);
    const raised = second.advanceTo(DEMO_SCENARIO.startMs + 10 * HOUR).filter((c) => c.change === 'raised');
    expect(raised.filter((c) => c.alert.ruleId.includes('stale'))).toEqual([]);
    expect(JSON.stringify(second.snapshots())).toBe(JSON.stringify(straight.snapshots()));
  });
});
