/**
 * Decoding one broker message into a reading, or refusing it with exactly one reason naming the
 * field. Nothing here knows the register: asset resolution comes after (see ingestor.ts).
 *
 * JSON: `{"asset": "M-01", "ts": 1764130000, "values": {"airTempK": 300.1, …}, "attributes": {"Type": "M"}}`.
 * Per sensor: topic `plant/M-01/airTempK`, payload `300.1` or `{"ts": …, "value": 300.1}`.
 */
import type { DropReason } from '../shared/contract/ingest';
import { normaliseTimestamp, typeName, type TimestampUnit } from './timestamps';

/** The same rule the register applies to asset ids. */
export const ASSET_ID = /^[A-Za-z0-9._-]{1,40}$/;

export interface DecodeOptions {
  maxPayloadBytes: number;
  timestampUnit: TimestampUnit;
  maxFutureMs: number;
}

export interface Decoded {
  assetId: string;
  /** ms since the epoch (plant time). */
  t: number;
  values: Record<string, number>;
  attributes: Record<string, string>;
}

export interface SensorValue {
  assetId: string;
  sensor: string;
  value: number;
  /** null: the payload had no time (the receive time stands in). */
  t: number | null;
}

export type Drop = { ok: false; reason: DropReason; detail: string };
export type Result<T> = { ok: true; value: T } | Drop;

const drop = (reason: DropReason, detail: string): Drop => ({ ok: false, reason, detail });
const NAN_TEXT = /^[+-]?(nan|inf|infinity)$/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Size, UTF-8 and JSON, in that order (the first failure is the reason). */
function parseText(payload: Uint8Array, o: DecodeOptions): Result<unknown> {
  if (payload.byteLength > o.maxPayloadBytes) return drop('oversized', `payload is ${payload.byteLength} bytes (limit ${o.maxPayloadBytes})`);
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return drop('invalid-utf8', 'payload is not valid UTF-8');
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return drop('not-json', `payload is not JSON: ${JSON.stringify(text.slice(0, 40))}`);
  }
}

/** One number: finite numbers pass; NaN and infinities (as text, or 1e400 overflowing) and null are `nan`. */
export function numberField(v: unknown, field: string): Result<number> {
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : drop('nan', `${field}: ${v} is not a finite number`);
  if (v === null) return drop('nan', `${field}: null (no value)`);
  if (typeof v === 'string' && NAN_TEXT.test(v.trim())) return drop('nan', `${field}: "${v}" is not a finite number`);
  return drop('wrong-type', `${field}: expected a number, got ${typeName(v)}${typeof v === 'string' ? ` "${v.slice(0, 20)}"` : ''}`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function decodeJson(payload: Uint8Array, nowMs: number, o: DecodeOptions): Result<Decoded> {
  const parsed = parseText(payload, o);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  if (!isPlainObject(m)) return drop('wrong-type', `payload: expected an object {asset, ts, values}, got ${typeName(m)}`);
  if (m.asset === undefined) return drop('missing-field', 'asset: missing');
  if (typeof m.asset !== 'string') return drop('wrong-type', `asset: expected text, got ${typeName(m.asset)}`);
  if (!ASSET_ID.test(m.asset)) return drop('wrong-type', `asset: "${m.asset.slice(0, 50)}" is not an asset id (1–40 letters, digits, dot, dash or underscore)`);
  if (m.ts === undefined) return drop('missing-field', 'ts: missing');
  const ts = normaliseTimestamp(m.ts, o.timestampUnit, nowMs, o.maxFutureMs);
  if (!ts.ok) return ts;
  if (m.values === undefined) return drop('missing-field', 'values: missing');
  if (!isPlainObject(m.values)) return drop('wrong-type', `values: expected an object of numbers, got ${typeName(m.values)}`);
  const values: Record<string, number> = {};
  for (const [k, v] of Object.entries(m.values)) {
    const n = numberField(v, `values.${k}`);
    if (!n.ok) return n;
    values[k] = n.value;
  }
  if (Object.keys(values).length === 0) return drop('missing-field', 'values: empty (no sensor value)');
  const attributes: Record<string, string> = {};
  if (m.attributes !== undefined) {
    if (!isPlainObject(m.attributes)) return drop('wrong-type', `attributes: expected an object of text, got ${typeName(m.attributes)}`);
    for (const [k, v] of Object.entries(m.attributes)) {
      if (typeof v !== 'string') return drop('wrong-type', `attributes.${k}: expected text, got ${typeName(v)}`);
      attributes[k] = v;
    }
  }
  return { ok: true, value: { assetId: m.asset, t: ts.ms, values, attributes } };
}

/** A per-sensor topic pattern: `{asset}` and `{sensor}` each a whole level, once. */
export interface TopicPattern {
  levels: string[];
  asset: number;
  sensor: number;
  /** The subscription filter (placeholders as `+`). */
  filter: string;
}

export function parseTopicPattern(pattern: string): Result<TopicPattern> {
  const levels = pattern.split('/');
  const asset = levels.indexOf('{asset}'), sensor = levels.indexOf('{sensor}');
  if (asset < 0 || sensor < 0 || levels.lastIndexOf('{asset}') !== asset || levels.lastIndexOf('{sensor}') !== sensor) {
    return drop('bad-topic', `mapping.topic: "${pattern}" needs {asset} and {sensor} once each, as whole levels (e.g. plant/{asset}/{sensor})`);
  }
  if (levels.some((l, i) => i !== asset && i !== sensor && (l.includes('{') || l.includes('+') || l.includes('#')))) {
    return drop('bad-topic', `mapping.topic: "${pattern}" may hold no wildcards besides {asset} and {sensor}`);
  }
  return { ok: true, value: { levels, asset, sensor, filter: levels.map((l, i) => (i === asset || i === sensor ? '+' : l)).join('/') } };
}

export function decodeSensor(topic: string, pattern: TopicPattern, payload: Uint8Array, nowMs: number, o: DecodeOptions): Result<SensorValue> {
  const levels = topic.split('/');
  if (levels.length !== pattern.levels.length || pattern.levels.some((l, i) => i !== pattern.asset && i !== pattern.sensor && l !== levels[i])) {
    return drop('bad-topic', `topic "${topic.slice(0, 80)}" does not match ${pattern.levels.join('/')}`);
  }
  const assetId = levels[pattern.asset], sensor = levels[pattern.sensor];
  if (!ASSET_ID.test(assetId)) return drop('bad-topic', `topic "${topic.slice(0, 80)}": "${assetId.slice(0, 50)}" is not an asset id`);
  const parsed = parseText(payload, o);
  if (!parsed.ok) return parsed;
  const m = parsed.value;
  if (!isPlainObject(m)) {
    const n = numberField(m, 'payload');
    return n.ok ? { ok: true, value: { assetId, sensor, value: n.value, t: null } } : n;
  }
  if (m.value === undefined) return drop('missing-field', 'value: missing');
  const n = numberField(m.value, 'value');
  if (!n.ok) return n;
  if (m.ts === undefined) return { ok: true, value: { assetId, sensor, value: n.value, t: null } };
  const ts = normaliseTimestamp(m.ts, o.timestampUnit, nowMs, o.maxFutureMs);
  return ts.ok ? { ok: true, value: { assetId, sensor, value: n.value, t: ts.ms } } : ts;
}
