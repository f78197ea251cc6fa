/** Broker-fed assets in the live fleet: never stepped by the simulated clock, fed from outside. */
import { describe, expect, it } from 'vitest';
import { AlertEngine, DEFAULT_ALERT_RULES } from './alerts';
import { demoFleet, type AssetConfig } from './assets';
import { Fleet } from './fleet';
import { DEMO_SCENARIO } from './scenario';

const HOUR = 3_600_000;
const PLANT_MS = Date.UTC(2026, 10, 26, 10);

function fleet(): { f: Fleet; fed: AssetConfig } {
  const f = new Fleet({ seed: 3, startMs: DEMO_SCENARIO.startMs, journal: true }, new AlertEngine(DEFAULT_ALERT_RULES));
  const [mill] = demoFleet();
  f.upsert(mill);
  const fed: AssetConfig = { ...mill, id: 'P-MILL', name: 'Plant mill', source: 'mqtt' };
  f.upsert(fed);
  return { f, fed };
}

const reading = (air: number) => ({
  values: { airTempK: air, processTempK: air + 10, speedRpm: 1500, torqueNm: 40, toolWearMin: 10 },
  row: { Type: 'M', 'Air temperature [K]': air, 'Process temperature [K]': air + 10, 'Rotational speed [rpm]': 1500, 'Torque [Nm]': 40, 'Tool wear [min]': 10 },
  failure: null,
});

describe('broker-fed assets', () => {
  it('are not stepped by the clock and raise no stale-data alert on it, however far it runs', () => {
    const { f } = fleet();
    f.advanceTo(DEMO_SCENARIO.startMs + 24 * HOUR);
    expect(f.snapshot('P-MILL').readings).toBe(0);
    expect(f.snapshot('MILL-01').readings).toBeGreaterThan(100);
    expect(f.nextDue('P-MILL')).toBe(Infinity);
    f.ingestExternal([{ assetId: 'P-MILL', atMs: DEMO_SCENARIO.startMs + 24 * HOUR, reading: reading(300) }]);
    f.advanceTo(DEMO_SCENARIO.startMs + 72 * HOUR);
    expect(f.alerts.all().filter((a) => a.assetId === 'P-MILL' && a.ruleId === 'stale-data')).toEqual([]);
  });

  it('take readings at plant time in order without moving the simulated clock, and skip simulated or removed assets', () => {
    const { f } = fleet();
    const clock = f.simTimeMs;
    const r = f.ingestExternal([
      { assetId: 'P-MILL', atMs: PLANT_MS, reading: reading(300) },
      { assetId: 'MILL-01', atMs: PLANT_MS, reading: reading(350) },
      { assetId: 'GONE', atMs: PLANT_MS, reading: reading(350) },
      { assetId: 'P-MILL', atMs: PLANT_MS + 60_000, reading: reading(301) },
    ]);
    expect(r.taken).toBe(2);
    expect(f.simTimeMs).toBe(clock);
    expect(f.snapshot('P-MILL')).toMatchObject({ readings: 2, lastReadingMs: PLANT_MS + 60_000, values: { airTempK: 301 } });
    expect(f.snapshot('MILL-01').readings).toBe(0);
    // Stored by the ingest service already: without a prediction to add, not journaled for a second write.
    expect(f.journal).toEqual([]);
  });

  it('switch between simulator and broker, and restore as broker-fed from stored (JSON) state', () => {
    const { f, fed } = fleet();
    f.upsert({ ...fed, source: 'sim' });
    expect(Number.isFinite(f.nextDue('P-MILL'))).toBe(true);
    f.upsert(fed);
    expect(f.nextDue('P-MILL')).toBe(Infinity);
    const stored = JSON.parse(JSON.stringify(f.persisted()));
    const { f: again } = fleet();
    again.restore(stored);
    expect(again.nextDue('P-MILL')).toBe(Infinity);
    again.advanceTo(again.simTimeMs + HOUR);
    expect(again.snapshot('P-MILL').readings).toBe(0);
  });
});
