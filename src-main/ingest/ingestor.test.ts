import { describe, expect, it } from 'vitest';
import type { MqttMapping } from '../shared/contract/ingest';
import { inferKind } from './asset-vocabulary';
import { Ingestor, SENSOR_HOLD_MS, subscriptionFilter, type KnownAsset } from './ingestor';

const NOW = Date.UTC(2026, 10, 26, 12);
const TS = NOW - 60_000;
const REGISTER: Record<string, KnownAsset> = { 'M-01': { kind: 'milling', source: 'sim' }, 'P-M1': { kind: 'milling', source: 'mqtt' }, 'P-P1': { kind: 'motor', source: 'mqtt' } };
const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const MILLING = { airTempK: 300, processTempK: 310, speedRpm: 1500, torqueNm: 40, toolWearMin: 12 };

function ingestor(mapping: Partial<MqttMapping> = {}, clock = { now: NOW }) {
  const m: MqttMapping = { format: 'json', topic: 'plant/+/reading', timestampUnit: 'auto', unknownAssets: 'auto-add', defaultKind: null, ...mapping };
  return new Ingestor<number>({ mapping: m, maxPayloadBytes: 4096, maxFutureSkewS: 300 }, (id) => REGISTER[id], () => clock.now);
}

describe('Ingestor (JSON)', () => {
  it('turns a reading of a broker-fed asset into the fleet reading and model row', () => {
    const out = ingestor().take('plant/P-M1/reading', json({ asset: 'P-M1', ts: TS, values: MILLING, attributes: { Type: 'H' } }), 7);
    expect(out.rejected).toEqual([]);
    expect(out.accepted).toHaveLength(1);
    const a = out.accepted[0];
    expect(a).toMatchObject({ assetId: 'P-M1', kind: 'milling', t: TS, tokens: [7] });
    expect(a.reading.values).toEqual(MILLING);
    expect(a.reading.row).toMatchObject({ Type: 'H', 'Air temperature [K]': 300, 'Tool wear [min]': 12 });
  });

  it('puts a motor reading in the time-series schema with its extra inputs', () => {
    const out = ingestor().take('t', json({ asset: 'P-P1', ts: TS, values: { temperatureC: 70, vibrationMmS: 2.1, power_w: 5000, band_1x: 0.4 } }), 1);
    expect(out.accepted[0].reading.row).toEqual({ timestamp: TS, machine_id: 'P-P1', temperature_c: 70, vibration_mm_s: 2.1, power_w: 5000, band_1x: 0.4 });
    expect(out.accepted[0].reading.values).toEqual({ temperatureC: 70, vibrationMmS: 2.1 });
  });

  it('drops readings for simulated assets, foreign sensors and unknown assets with one reason each', () => {
    const i = ingestor({ unknownAssets: 'drop' });
    const reasons = [
      i.take('t', json({ asset: 'M-01', ts: TS, values: MILLING }), 1),
      i.take('t', json({ asset: 'P-M1', ts: TS, values: { ...MILLING, vibrationMmS: 1 } }), 2),
      i.take('t', json({ asset: 'P-M1', ts: TS, values: MILLING, attributes: { colour: 'red' } }), 3),
      i.take('t', json({ asset: 'NEW-1', ts: TS, values: MILLING }), 4),
    ].map((o) => [o.rejected[0].reason, o.rejected[0].tokens[0], o.accepted.length]);
    expect(reasons).toEqual([['not-mqtt-asset', 1, 0], ['unknown-sensor', 2, 0], ['unknown-sensor', 3, 0], ['unknown-asset', 4, 0]]);
  });

  it('auto-adds an unknown asset once, as the kind its sensors tell', () => {
    const i = ingestor();
    const first = i.take('t', json({ asset: 'NEW-1', ts: TS, values: { vibrationMmS: 1.2, speedRpm: 1780 } }), 1);
    expect(first.added).toEqual([{ id: 'NEW-1', kind: 'motor' }]);
    expect(first.accepted[0].kind).toBe('motor');
    const again = i.take('t', json({ asset: 'NEW-1', ts: TS + 1000, values: { vibrationMmS: 1.3 } }), 2);
    expect(again.added).toEqual([]);
    expect(again.accepted).toHaveLength(1);
  });

  it('uses the default kind only when the sensors do not tell, and drops when there is none', () => {
    const shared = { speedRpm: 1500, torqueNm: 40 };
    expect(inferKind(shared, null)).toBeNull();
    expect(inferKind(shared, 'milling')).toBe('milling');
    expect(inferKind({ airTempK: 300 }, 'motor')).toBe('milling');
    const out = ingestor().take('t', json({ asset: 'NEW-2', ts: TS, values: shared }), 1);
    expect(out.rejected[0]).toMatchObject({ reason: 'unknown-asset', detail: expect.stringMatching(/default kind/) });
    expect(ingestor({ defaultKind: 'milling' }).take('t', json({ asset: 'NEW-2', ts: TS, values: shared }), 1).added).toEqual([{ id: 'NEW-2', kind: 'milling' }]);
  });
});

describe('Ingestor (per sensor)', () => {
  it('subscribes to the pattern with wildcards and gathers a known asset\'s sensors into one reading', () => {
    const mapping = { format: 'per-sensor' as const, topic: 'plant/{asset}/{sensor}' };
    expect(subscriptionFilter({ mapping: { ...mapping, timestampUnit: 'auto', unknownAssets: 'drop', defaultKind: null }, maxPayloadBytes: 100, maxFutureSkewS: 1 })).toBe('plant/+/+');
    const i = ingestor(mapping);
    const keys = Object.keys(MILLING) as (keyof typeof MILLING)[];
    const outs = keys.map((k, n) => i.take(`plant/P-M1/${k}`, json({ ts: TS / 1000, value: MILLING[k] }), n));
    expect(outs.slice(0, -1).every((o) => o.accepted.length === 0)).toBe(true);
    expect(outs[4].accepted).toHaveLength(1);
    expect(outs[4].accepted[0]).toMatchObject({ assetId: 'P-M1', t: TS, tokens: [0, 1, 2, 3, 4] });
    expect(outs[4].accepted[0].reading.values).toEqual(MILLING);
  });

  it('drops a foreign sensor of a known asset at once, and closes an unknown asset\'s reading after the hold time', () => {
    const clock = { now: NOW };
    const i = ingestor({ format: 'per-sensor', topic: 'plant/{asset}/{sensor}' }, clock);
    expect(i.take('plant/P-M1/vibrationMmS', json(1), 1).rejected[0].reason).toBe('unknown-sensor');
    expect(i.take('plant/NEW-3/vibrationMmS', json(2.5), 2).accepted).toEqual([]);
    expect(i.take('plant/NEW-3/temperatureC', json(60), 3).accepted).toEqual([]);
    expect(i.holding).toBe(2);
    clock.now += SENSOR_HOLD_MS;
    const out = i.flush();
    expect(out.added).toEqual([{ id: 'NEW-3', kind: 'motor' }]);
    expect(out.accepted[0]).toMatchObject({ assetId: 'NEW-3', t: NOW, tokens: [2, 3] });
    expect(i.holding).toBe(0);
  });
});
