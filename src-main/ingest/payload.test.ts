import { describe, expect, it } from 'vitest';
import { decodeJson, decodeSensor, parseTopicPattern } from './payload';

const NOW = Date.UTC(2026, 10, 26, 12);
const O = { maxPayloadBytes: 512, timestampUnit: 'auto' as const, maxFutureMs: 300_000 };
const bytes = (s: string) => new TextEncoder().encode(s);
const json = (v: unknown) => bytes(JSON.stringify(v));
const TS = Math.floor(NOW / 1000) - 60;

describe('decodeJson', () => {
  it('decodes {asset, ts, values, attributes} with the time in ms', () => {
    const r = decodeJson(json({ asset: 'M-01', ts: TS, values: { airTempK: 300.5, torqueNm: 40 }, attributes: { Type: 'M' } }), NOW, O);
    expect(r).toEqual({ ok: true, value: { assetId: 'M-01', t: TS * 1000, values: { airTempK: 300.5, torqueNm: 40 }, attributes: { Type: 'M' } } });
  });

  it.each([
    ['not-json', bytes('{"asset": "M-01", ts'), /not JSON/],
    ['invalid-utf8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /UTF-8/],
    ['oversized', json({ asset: 'M-01', ts: TS, values: { x: 1 }, pad: 'x'.repeat(600) }), /bytes \(limit 512\)/],
    ['wrong-type', json([1, 2]), /^payload: .*an array/],
    ['missing-field', json({ ts: TS, values: { airTempK: 1 } }), /^asset: missing/],
    ['wrong-type', json({ asset: 7, ts: TS, values: { airTempK: 1 } }), /^asset: expected text/],
    ['wrong-type', json({ asset: 'M 01/x', ts: TS, values: { airTempK: 1 } }), /^asset: .* not an asset id/],
    ['missing-field', json({ asset: 'M-01', values: { airTempK: 1 } }), /^ts: missing/],
    ['future-timestamp', json({ asset: 'M-01', ts: TS + 3600, values: { airTempK: 1 } }), /^ts: /],
    ['bad-timestamp', json({ asset: 'M-01', ts: 'soon', values: { airTempK: 1 } }), /^ts: /],
    ['missing-field', json({ asset: 'M-01', ts: TS }), /^values: missing/],
    ['wrong-type', json({ asset: 'M-01', ts: TS, values: [300] }), /^values: expected an object/],
    ['missing-field', json({ asset: 'M-01', ts: TS, values: {} }), /^values: empty/],
    ['nan', json({ asset: 'M-01', ts: TS, values: { airTempK: 'NaN' } }), /^values\.airTempK: "NaN"/],
    ['nan', json({ asset: 'M-01', ts: TS, values: { airTempK: '-Infinity' } }), /^values\.airTempK/],
    ['nan', json({ asset: 'M-01', ts: TS, values: { airTempK: null } }), /^values\.airTempK: null/],
    ['nan', bytes(`{"asset":"M-01","ts":${TS},"values":{"airTempK":1e400}}`), /^values\.airTempK: Infinity/],
    ['wrong-type', json({ asset: 'M-01', ts: TS, values: { airTempK: '300.1' } }), /^values\.airTempK: expected a number, got string "300.1"/],
    ['wrong-type', json({ asset: 'M-01', ts: TS, values: { airTempK: true } }), /^values\.airTempK: expected a number, got boolean/],
    ['wrong-type', json({ asset: 'M-01', ts: TS, values: { airTempK: 1 }, attributes: { Type: 1 } }), /^attributes\.Type: expected text/],
  ])('drops as %s: %s', (reason, payload, detail) => {
    const r = decodeJson(payload, NOW, O);
    expect(r).toMatchObject({ ok: false, reason });
    expect(!r.ok && r.detail).toMatch(detail);
  });
});

describe('per-sensor topics', () => {
  const p = parseTopicPattern('plant/{asset}/{sensor}');
  if (!p.ok) throw new Error(p.detail);

  it('subscribes with + for the placeholders and refuses patterns without them', () => {
    expect(p.value.filter).toBe('plant/+/+');
    expect(parseTopicPattern('plant/{asset}/x')).toMatchObject({ ok: false, detail: expect.stringMatching(/^mapping\.topic: .*\{sensor\}/) });
    expect(parseTopicPattern('plant/#/{asset}/{sensor}')).toMatchObject({ ok: false });
    expect(parseTopicPattern('a/{asset}/{asset}/{sensor}')).toMatchObject({ ok: false });
  });

  it('reads bare numbers and {ts, value}', () => {
    expect(decodeSensor('plant/M-01/airTempK', p.value, bytes('300.25'), NOW, O)).toEqual({ ok: true, value: { assetId: 'M-01', sensor: 'airTempK', value: 300.25, t: null } });
    expect(decodeSensor('plant/M-01/airTempK', p.value, json({ ts: TS, value: 301 }), NOW, O)).toEqual({ ok: true, value: { assetId: 'M-01', sensor: 'airTempK', value: 301, t: TS * 1000 } });
  });

  it.each([
    ['bad-topic', 'plant/M-01', bytes('1')],
    ['bad-topic', 'other/M-01/airTempK', bytes('1')],
    ['bad-topic', 'plant/M 01/airTempK', bytes('1')],
    ['nan', 'plant/M-01/airTempK', bytes('"nan"')],
    ['wrong-type', 'plant/M-01/airTempK', bytes('"hot"')],
    ['not-json', 'plant/M-01/airTempK', bytes('30O.1')],
    ['missing-field', 'plant/M-01/airTempK', json({ ts: TS })],
    ['future-timestamp', 'plant/M-01/airTempK', json({ ts: TS + 86_400, value: 1 })],
  ])('drops as %s: %s', (reason, topic, payload) => {
    expect(decodeSensor(topic, p.value, payload, NOW, O)).toMatchObject({ ok: false, reason });
  });
});
