/**
 * From broker messages to fleet readings: decode (payload.ts), gather per-sensor values
 * (sensor-assembler.ts), resolve the asset against the register — auto-adding an unknown one as a
 * broker-fed asset of the kind its sensors tell, or dropping it, as configured — and check that
 * every value belongs to that kind. Each message's token (its pending acknowledgement) comes out
 * either with an accepted reading or with exactly one drop reason. Pure: clock injected.
 */
import type { DropReason, MqttConfig } from '../shared/contract/ingest';
import type { AssetKind } from '../twin/assets';
import type { Reading } from '../twin/fleet-types';
import { acceptedKeys, foreignAttributeKey, foreignValueKey, inferKind, sensorKeys, toReading } from './asset-vocabulary';
import { decodeJson, decodeSensor, parseTopicPattern, type DecodeOptions, type TopicPattern } from './payload';
import { SensorAssembler } from './sensor-assembler';

/** How long a per-sensor reading waits for its missing sensors (ms of this computer's clock). */
export const SENSOR_HOLD_MS = 1000;

export interface KnownAsset {
  kind: AssetKind;
  source: 'sim' | 'mqtt';
}

export interface Accepted<T> {
  assetId: string;
  kind: AssetKind;
  t: number;
  reading: Reading;
  tokens: T[];
}

export interface Rejected<T> {
  reason: DropReason;
  detail: string;
  topic: string;
  tokens: T[];
}

export interface IngestOutput<T> {
  accepted: Accepted<T>[];
  rejected: Rejected<T>[];
  /** Assets to add to the register (as broker-fed) before their readings reach the twin. */
  added: { id: string; kind: AssetKind }[];
}

export type IngestorConfig = Pick<MqttConfig, 'mapping' | 'maxPayloadBytes' | 'maxFutureSkewS'>;

/** Throws with the field named when the mapping cannot work (checked before connecting). */
export function checkMapping(config: IngestorConfig): TopicPattern | null {
  if (config.mapping.format !== 'per-sensor') return null;
  const p = parseTopicPattern(config.mapping.topic);
  if (!p.ok) throw new Error(p.detail);
  return p.value;
}

/** The subscription filter for a mapping. */
export function subscriptionFilter(config: IngestorConfig): string {
  return checkMapping(config)?.filter ?? config.mapping.topic;
}

export class Ingestor<T> {
  private readonly decode: DecodeOptions;
  private readonly pattern: TopicPattern | null;
  private readonly assembler: SensorAssembler<T>;
  /** Assets this ingestor auto-added that the register does not show yet. */
  private readonly added = new Map<string, KnownAsset>();

  constructor(
    private readonly config: IngestorConfig,
    private readonly lookup: (assetId: string) => KnownAsset | undefined,
    private readonly now: () => number,
  ) {
    this.decode = { maxPayloadBytes: config.maxPayloadBytes, timestampUnit: config.mapping.timestampUnit, maxFutureMs: config.maxFutureSkewS * 1000 };
    this.pattern = checkMapping(config);
    this.assembler = new SensorAssembler<T>(SENSOR_HOLD_MS, (id) => {
      const known = this.known(id);
      return known ? sensorKeys(known.kind) : null;
    });
  }

  take(topic: string, payload: Uint8Array, token: T): IngestOutput<T> {
    const out: IngestOutput<T> = { accepted: [], rejected: [], added: [] };
    const nowMs = this.now();
    if (!this.pattern) {
      const d = decodeJson(payload, nowMs, this.decode);
      if (!d.ok) out.rejected.push({ reason: d.reason, detail: d.detail, topic, tokens: [token] });
      else this.resolve(out, topic, d.value.assetId, d.value.t, d.value.values, d.value.attributes, [token]);
      return out;
    }
    const v = decodeSensor(topic, this.pattern, payload, nowMs, this.decode);
    if (!v.ok) {
      out.rejected.push({ reason: v.reason, detail: v.detail, topic, tokens: [token] });
      return out;
    }
    // A known asset's sensor is checked at once; an unknown asset's values wait for its kind to show.
    const known = this.known(v.value.assetId);
    if (known && foreignValueKey(known.kind, { [v.value.sensor]: 0 }) !== null) {
      out.rejected.push({ reason: 'unknown-sensor', detail: `${v.value.sensor} is not a sensor of ${known.kind} asset ${v.value.assetId} (accepted: ${acceptedKeys(known.kind)})`, topic, tokens: [token] });
      return out;
    }
    for (const r of this.assembler.add(v.value, nowMs, token)) this.resolve(out, topic, r.assetId, r.t, r.values, {}, r.tokens);
    return out;
  }

  /** Per-sensor readings that waited long enough (all of them with `all`, e.g. before closing). */
  flush(all = false): IngestOutput<T> {
    const out: IngestOutput<T> = { accepted: [], rejected: [], added: [] };
    for (const r of this.assembler.flush(this.now(), all)) this.resolve(out, `${r.assetId} (per-sensor reading)`, r.assetId, r.t, r.values, {}, r.tokens);
    return out;
  }

  /** Values held in open per-sensor readings. */
  get holding(): number {
    return this.assembler.pending;
  }

  private known(assetId: string): KnownAsset | undefined {
    const registered = this.lookup(assetId);
    if (registered) {
      this.added.delete(assetId);
      return registered;
    }
    return this.added.get(assetId);
  }

  private resolve(out: IngestOutput<T>, topic: string, assetId: string, t: number, values: Record<string, number>, attributes: Record<string, string>, tokens: T[]): void {
    const reject = (reason: DropReason, detail: string) => out.rejected.push({ reason, detail, topic, tokens });
    let asset = this.known(assetId);
    if (!asset) {
      if (this.config.mapping.unknownAssets === 'drop') return void reject('unknown-asset', `asset ${assetId} is not in the register (unknown assets are set to be dropped)`);
      const kind = inferKind(values, this.config.mapping.defaultKind);
      if (!kind) return void reject('unknown-asset', `asset ${assetId} is not in the register and its sensors (${Object.keys(values).join(', ')}) do not tell its kind: set a default kind for new assets`);
      asset = { kind, source: 'mqtt' };
      this.added.set(assetId, asset);
      out.added.push({ id: assetId, kind });
    }
    if (asset.source !== 'mqtt') return void reject('not-mqtt-asset', `asset ${assetId} is simulated (register source "sim"): set its source to the broker to feed it from there`);
    const foreign = foreignValueKey(asset.kind, values);
    if (foreign !== null) return void reject('unknown-sensor', `values.${foreign} is not a sensor of ${asset.kind} asset ${assetId} (accepted: ${acceptedKeys(asset.kind)})`);
    const foreignAttr = foreignAttributeKey(asset.kind, attributes);
    if (foreignAttr !== null) return void reject('unknown-sensor', `attributes.${foreignAttr} is not an input of a ${asset.kind} asset`);
    out.accepted.push({ assetId, kind: asset.kind, t, reading: toReading(asset.kind, assetId, t, values, attributes), tokens });
  }
}
