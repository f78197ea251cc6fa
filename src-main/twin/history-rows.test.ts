/**
 * The fleet's history as training rows, on the real simulators: the demo fleet's readings as the
 * history keeps them (sensor values + the inputs they do not carry) become rows of the bundled
 * dataset's schema; a motor's recorded failure labels the 24 h before it, through the same
 * training pipeline as the bundled fleet.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveSeed } from '../common/random';
import { createDataApi } from '../services/data-api';
import { AlertEngine, DEFAULT_ALERT_RULES } from './alerts';
import { newSimAsset } from './asset-sim';
import { demoFleet } from './assets';
import { Fleet } from './fleet';
import { HISTORY_ASSET_SUFFIX, historyInputs, historyRows, kindOfModel, type ScoredReading } from './history-rows';
import { DEMO_SCENARIO, withDemoFault } from './scenario';
import { SPECTRAL_BANDS } from './sim/vibration';

const HOUR = 3_600_000, DAY = 24 * HOUR;
const data = createDataApi();
const ctx = { signal: new AbortController().signal, progress: () => undefined };
let fleet: Fleet;
let history: ScoredReading[];

beforeAll(async () => {
  await data.openFile({ datasetId: 'motor-fleet', title: 'Motor fleet', path: join(__dirname, '../../datasets/motor-fleet.csv'), source: 'bundled' }, ctx);
  fleet = new Fleet({ seed: 11, startMs: DEMO_SCENARIO.startMs, journal: true }, new AlertEngine(DEFAULT_ALERT_RULES));
  for (const a of demoFleet(12)) fleet.upsert(a, withDemoFault(a.id, newSimAsset(a.kind, deriveSeed(11, a.id))));
  fleet.advanceTo(DEMO_SCENARIO.startMs + 30 * HOUR);
  // As the history store returns them: by asset, then time.
  history = fleet.journal!.map((j) => ({ assetId: j.assetId, t: j.t, readings: j.readings, inputs: j.inputs ?? null })).sort((a, b) => a.assetId.localeCompare(b.assetId) || a.t - b.t);
}, 60_000);

describe('history inputs', () => {
  it('keeps what a reading\'s sensor values do not give: a milling job\'s quality, a motor\'s power, hours and bands', () => {
    const mill = history.find((h) => h.assetId.startsWith('MILL'))!, motor = history.find((h) => h.assetId.startsWith('MTR'))!;
    expect(Object.keys(mill.inputs!)).toEqual(['Type']);
    expect(Object.keys(motor.inputs!).sort()).toEqual(['operating_hours', 'power_w', ...SPECTRAL_BANDS].sort());
    expect(historyInputs('milling', { airTempK: 300 }, { 'Air temperature [K]': 300 })).toBeNull();
  });
});

describe('history rows of a fleet model', () => {
  it('adds the motors\' readings as new assets; a recorded failure labels its reading and the 24 h before it', () => {
    const base = data.trainingMatrix({ datasetId: 'motor-fleet', pipeline: 'fleet-timeseries' });
    expect(kindOfModel(base.pipeline)).toBe('motor');
    const motors = history.filter((h) => h.assetId.startsWith('MTR'));
    const failures = fleet.events.filter((e) => e.kind === 'failure' && e.assetId.startsWith('MTR'));
    expect(failures.map((f) => f.assetId)).toContain(DEMO_SCENARIO.assetId);
    const rows = historyRows(motors, fleet.events, base.pipeline, { timeSeries: true, horizonMs: DAY });
    expect(rows).toMatchObject({ assets: 6, failures: failures.length, skipped: 0 });
    expect(rows.extra.rowCount).toBe(motors.length);
    expect(rows.extra.asset![0]).toBe(motors[0].assetId + HISTORY_ASSET_SUFFIX);

    data.extendDataset({ datasetId: 'motor-fleet', newId: 'motor-fleet+history', title: 'with history', extra: rows.extra });
    const m = data.trainingMatrix({ datasetId: 'motor-fleet+history', pipeline: 'fleet-timeseries' });
    const n0 = base.label.length;
    expect(m.label.length).toBe(n0 + motors.length);
    expect(Array.from(m.label.subarray(0, n0))).toEqual(Array.from(base.label));
    // Independently of the code under test: 1 when the same motor failed at or up to 24 h after the reading.
    const expected = motors.map((r) => (failures.some((f) => f.assetId === r.assetId && f.atMs >= r.t && f.atMs - r.t <= DAY) ? 1 : 0));
    expect(Array.from(m.label.subarray(n0))).toEqual(expected);
    expect(rows.positives).toBe(expected.filter((v) => v === 1).length);
    expect(rows.positives).toBeGreaterThan(failures.length);
    // Folds keep assets whole: the history motors are assets of their own, apart from the file's MTR-02.
    expect(new Set(m.groups!).size).toBe(new Set(base.groups!).size + 6);
    // Values come from the readings: the vibration sensor and the recorded bands.
    const col = (name: string) => Array.from(m.columns[m.names.indexOf(name)].subarray(n0));
    expect(col('vibration_mm_s')).toEqual(motors.map((r) => r.readings.vibrationMmS));
    expect(col('band_bpfo')).toEqual(motors.map((r) => r.inputs!.band_bpfo));
  });

  it('leaves out readings that lack one of the model\'s inputs and names it', () => {
    const base = data.trainingMatrix({ datasetId: 'motor-fleet', pipeline: 'fleet-timeseries' });
    const motors = history.filter((h) => h.assetId === 'MTR-01').slice(0, 10);
    const rows = historyRows([...motors.slice(0, 5), { ...motors[5], inputs: null }, ...motors.slice(6)], [], base.pipeline, { timeSeries: true, horizonMs: DAY });
    expect(rows.skipped).toBe(1);
    expect(rows.missing).toBe('power_w');
    expect(rows.extra.rowCount).toBe(9);
  });
});
