/**
 * The plant connection: readings from an MQTT broker into the store and the live twin. The
 * configuration never carries the password (it is write-only, kept in the secret store); the
 * status carries what the status bar and Settings › Plant connection show — the connection state,
 * since when it is offline, the last error, and per-reason counts of dropped payloads.
 */
import { z } from 'zod';
import { AssetKind } from './twin';

/** Why a payload was dropped: one reason per drop, counted per reason. */
export const DROP_REASONS = [
  'not-json', 'wrong-type', 'missing-field', 'nan', 'oversized', 'invalid-utf8', 'bad-topic', 'unknown-sensor',
  'unknown-asset', 'not-mqtt-asset', 'bad-timestamp', 'future-timestamp', 'queue-full',
] as const;
export const DropReason = z.enum(DROP_REASONS);
export type DropReason = z.infer<typeof DropReason>;

const BROKER_URL = /^(mqtt|mqtts|ws|wss):\/\/[^\s/?#]+(\/[^\s]*)?$/i;

/**
 * Where readings come from and how they are read. `json`: each message is `{asset, ts, values}`
 * (values by sensor key; `attributes` for text model inputs such as the milling product quality).
 * `per-sensor`: the topic names asset and sensor (`plant/{asset}/{sensor}`) and the payload is a
 * number or `{ts, value}`; one asset's sensors are gathered into one reading (see ingest/assembler).
 */
export const MqttMapping = z.object({
  format: z.enum(['json', 'per-sensor']),
  /** json: a subscription filter (`plant/+/data`, `#`); per-sensor: a pattern with `{asset}` and `{sensor}` levels. */
  topic: z.string().trim().min(1).max(200),
  /** `auto`: below 10^11 the number is seconds (10^11 s is the year 5138), otherwise milliseconds. */
  timestampUnit: z.enum(['auto', 's', 'ms']),
  /** A reading for an asset not in the register: added as a broker-fed asset, or dropped. */
  unknownAssets: z.enum(['auto-add', 'drop']),
  /** Kind of an auto-added asset whose sensors do not say (null: such readings are dropped as unknown-asset). */
  defaultKind: AssetKind.nullable(),
}).strict();
export type MqttMapping = z.infer<typeof MqttMapping>;

export const MqttTls = z.object({
  /** PEM files on this computer (paths; read when connecting). */
  caFile: z.string().max(1000).nullable(),
  certFile: z.string().max(1000).nullable(),
  keyFile: z.string().max(1000).nullable(),
  /** false accepts a broker certificate that does not verify (a self-signed test broker): say so in the UI. */
  rejectUnauthorized: z.boolean(),
}).strict();
export type MqttTls = z.infer<typeof MqttTls>;

/** The stored configuration (without the password). */
export const MqttConfig = z.object({
  /** Connect at start and stay connected. */
  enabled: z.boolean(),
  url: z.string().trim().regex(BROKER_URL, 'use mqtt://, mqtts://, ws:// or wss:// followed by host[:port]'),
  username: z.string().max(200),
  tls: MqttTls,
  mapping: MqttMapping,
  /** Payloads larger than this are dropped as oversized. */
  maxPayloadBytes: z.number().int().min(64).max(1_048_576),
  /** A timestamp further than this ahead of this computer's clock is dropped as future-timestamp. */
  maxFutureSkewS: z.number().min(0).max(86_400),
  /** Readings waiting to be stored at most (see README › Plant connection for the drop policy). */
  queueLimit: z.number().int().min(10).max(1_000_000),
}).strict();
export type MqttConfig = z.infer<typeof MqttConfig>;

export const MqttState = z.enum(['disabled', 'connecting', 'connected', 'offline', 'refused']);
export type MqttState = z.infer<typeof MqttState>;

export const MqttDrop = z.object({ at: z.number(), reason: DropReason, topic: z.string(), detail: z.string() });
export type MqttDrop = z.infer<typeof MqttDrop>;

/** Times are this computer's clock (ms since the epoch), not the fleet's simulated clock. */
export const MqttStatus = z.object({
  state: MqttState,
  /** When the connection was lost (or first failed); null while connected or disabled. */
  offlineSince: z.number().nullable(),
  connectedSince: z.number().nullable(),
  /** The next reconnect attempt (null: none planned). */
  nextRetryAt: z.number().nullable(),
  /** Failed attempts since the last connection. */
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  /** Messages taken from the broker; stored: new readings written; duplicates: readings already stored (redeliveries). */
  received: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  dropped: z.record(DropReason, z.number().int()),
  /** Readings waiting to be stored. */
  queueDepth: z.number().int(),
  /** Stored readings the live twin skipped because it fell too far behind (they are in the history). */
  twinSkipped: z.number().int(),
  lastMessageAt: z.number().nullable(),
  /** The latest drops, newest first (at most 20), so the UI can show what was wrong. */
  recentDrops: z.array(MqttDrop),
});
export type MqttStatus = z.infer<typeof MqttStatus>;

export const MqttView = z.object({
  config: MqttConfig,
  /** Fixed, generated once and stored: the broker keeps this client's session (clean: false) across reconnects. */
  clientId: z.string(),
  hasPassword: z.boolean(),
  status: MqttStatus,
});
export type MqttView = z.infer<typeof MqttView>;

export const ingestRequests = {
  'mqtt:get': { request: z.object({}).strict(), response: MqttView },
  /**
   * Changes the configuration (what is given) and reconnects when enabled. `password`: a string
   * sets it, null clears it, absent keeps it — it is never sent back.
   */
  'mqtt:configure': {
    request: MqttConfig.omit({ tls: true, mapping: true }).partial().extend({
      tls: MqttTls.partial().optional(), mapping: MqttMapping.partial().optional(), password: z.string().max(1000).nullable().optional(),
    }).strict(),
    response: MqttView,
  },
  /** Turns the connection on (enabled) and connects now, also after a refusal. */
  'mqtt:connect': { request: z.object({}).strict(), response: MqttView },
  /** Turns it off (disabled) and closes the connection; readings already taken are stored first. */
  'mqtt:disconnect': { request: z.object({}).strict(), response: MqttView },
} as const;

export const ingestEvents = {
  /** At most twice a second, and at once when the state changes. */
  'mqtt:status': MqttStatus,
} as const;
