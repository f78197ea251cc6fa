/**
 * One broker connection with mqtt.js 5.16.0: our own reconnect loop (mqtt.js's is off,
 * `reconnectPeriod: 0`) with capped exponential backoff and jitter, a fixed client id with
 * `clean: false` so the broker keeps the session and queues QoS 1 messages while we are away, and
 * a broker that refuses the credentials ends in state `refused` with one error and no retries.
 *
 * Acknowledge after storing: mqtt.js sends a PUBACK as soon as `handleMessage` calls back, and it
 * reads the next packet only then. Holding the callback until a reading is stored would allow one
 * message at a time. Instead `handleMessage` calls back with SKIP_PUBACK — mqtt.js 5.16's
 * handlers/publish.js then sends no PUBACK and reads on — and the PUBACK is sent by `ack()` once
 * the reading is stored, in arrival order, on the same connection only: a message received on a
 * connection that has since dropped is not acknowledged on the next one; the broker redelivers it
 * and the store's (asset, time) key absorbs the copy. The callback is still held while the
 * service's queue is full (`release` later), which stops reading: backpressure, not loss.
 */
import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import { Backoff, type BackoffOptions } from '../ingest/backoff';

/**
 * mqtt.js loads when a connection is first attempted: loading it took ~150 ms of every start,
 * before the window could be served, for a feature that is off unless a broker is configured.
 */
let mqttModule: Promise<typeof import('mqtt')> | null = null;
const loadMqtt = () => (mqttModule ??= import('mqtt'));

/** CONNACK return codes (MQTT 3.1.1) after which retrying cannot help. */
const REFUSALS: Record<number, string> = {
  1: 'the broker does not accept MQTT 3.1.1 (CONNACK 1: unacceptable protocol version)',
  2: 'the broker rejected the client id (CONNACK 2: identifier rejected)',
  4: 'the broker refused the username or password (CONNACK 4: bad user name or password)',
  // mosquitto answers a wrong password with 5, not 4.
  5: 'the broker refused the connection (CONNACK 5: not authorized): check the username and password, and the broker\'s access rules',
};
/** mqtt.js skips its PUBACK when handleMessage calls back with an error; we send it after storing. */
const SKIP_PUBACK = new Error('PUBACK deferred until the reading is stored');
const CONNECT_TIMEOUT_MS = 10_000;
const KEEPALIVE_S = 30;

export interface LinkSettings {
  url: string;
  clientId: string;
  username: string;
  password: string | null;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  rejectUnauthorized: boolean;
  /** Subscribed at QoS 1 on every connection (the session may have it already: harmless). */
  filter: string;
  /** A filter subscribed before the mapping changed: unsubscribed once connected. */
  previousFilter: string | null;
}

export type LinkState = 'connecting' | 'connected' | 'offline' | 'refused';

/** The pending acknowledgement of one QoS 1 message. */
export interface Ack {
  /** Sends the PUBACK if the message's connection is still the current one (see the file comment). */
  send(): void;
}

export interface LinkHandlers {
  /**
   * One message. `release` lets mqtt.js read the next packet: call it at once, or later while the
   * queue is full. `ack` is null for QoS 0 (nothing to acknowledge).
   */
  message(topic: string, payload: Buffer, ack: Ack | null, release: () => void): void;
  state(state: LinkState, detail: { error: string | null; nextRetryAt: number | null }): void;
  /** The subscription was acknowledged (the filter now holds for this session). */
  subscribed(filter: string): void;
}

export interface LinkOptions {
  random: () => number;
  now: () => number;
  backoff?: BackoffOptions;
}

export class MqttLink {
  private client: MqttClient | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private readonly backoff: Backoff;
  private lastError: string | null = null;

  constructor(
    private readonly settings: LinkSettings,
    private readonly handlers: LinkHandlers,
    private readonly opts: LinkOptions,
  ) {
    this.backoff = new Backoff(opts.random, opts.backoff);
  }

  get attempts(): number {
    return this.backoff.attempts;
  }

  start(): void {
    this.stopped = false;
    this.attempt();
  }

  /** Closes the connection (acknowledgements not yet sent stay unsent: the broker keeps those messages). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const c = this.client;
    this.client = null;
    if (c) await c.endAsync(true).catch(() => undefined);
  }

  /** Drops the connection and reconnects after the backoff (the broker then redelivers what was not acknowledged). */
  restart(reason: string): void {
    if (this.stopped || !this.client) return;
    this.lastError = reason;
    this.client.end(true);
  }

  private attempt(): void {
    this.timer = null;
    if (this.stopped) return;
    this.handlers.state('connecting', { error: this.lastError, nextRetryAt: null });
    const s = this.settings;
    const options: IClientOptions = {
      clientId: s.clientId, clean: false, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: CONNECT_TIMEOUT_MS, keepalive: KEEPALIVE_S,
      resubscribe: false, username: s.username || undefined, password: s.password ?? undefined,
      ca: s.ca, cert: s.cert, key: s.key, rejectUnauthorized: s.rejectUnauthorized,
      // mqtt.js logs every packet through `debug` (off, but still a call with arguments each time).
      log: () => undefined,
    };
    loadMqtt().then(
      (m) => {
        if (!this.stopped) this.connect(m.default, options);
      },
      (e: Error) => {
        this.stopped = true;
        this.handlers.state('refused', { error: `mqtt.js cannot be loaded: ${e.message}`, nextRetryAt: null });
      },
    );
  }

  private connect(mqtt: typeof import('mqtt')['default'], options: IClientOptions): void {
    const s = this.settings;
    let client: MqttClient;
    try {
      client = mqtt.connect(s.url, options);
    } catch (e) {
      // A URL mqtt.js cannot use is a configuration error: retrying would not help.
      this.stopped = true;
      this.handlers.state('refused', { error: `url: ${(e as Error).message}`, nextRetryAt: null });
      return;
    }
    this.client = client;
    client.handleMessage = (packet: IPublishPacket, callback: (err?: Error) => void) => {
      if (packet.qos === 0) return this.handlers.message(packet.topic, toBuffer(packet.payload), null, () => callback());
      const id = packet.messageId!;
      const ack: Ack = { send: () => this.sendPuback(client, id) };
      this.handlers.message(packet.topic, toBuffer(packet.payload), ack, () => callback(SKIP_PUBACK));
    };
    client.on('connect', () => {
      if (this.client !== client) return;
      this.backoff.reset();
      this.lastError = null;
      this.handlers.state('connected', { error: null, nextRetryAt: null });
      client.subscribe(s.filter, { qos: 1 }, (err, granted) => {
        if (this.client !== client) return;
        const refused = err ?? (granted?.some((g) => g.qos === 128) ? new Error(`the broker refused the subscription to ${s.filter}`) : null);
        if (refused) {
          this.lastError = `subscribe: ${refused.message}`;
          this.handlers.state('connected', { error: this.lastError, nextRetryAt: null });
          return;
        }
        this.handlers.subscribed(s.filter);
        if (s.previousFilter && s.previousFilter !== s.filter) client.unsubscribe(s.previousFilter);
      });
    });
    client.on('error', (err: Error & { code?: unknown }) => {
      if (this.client !== client) return;
      if (typeof err.code === 'number' && REFUSALS[err.code]) {
        // One clear error and no retry storm: the credentials will not start working by themselves.
        this.stopped = true;
        this.client = null;
        client.end(true);
        this.handlers.state('refused', { error: REFUSALS[err.code], nextRetryAt: null });
        return;
      }
      this.lastError = errorLine(err);
    });
    client.on('close', () => {
      if (this.client !== client || this.stopped) return;
      this.client = null;
      client.end(true);
      const delay = this.backoff.next();
      this.timer = setTimeout(() => this.attempt(), delay);
      this.handlers.state('offline', { error: this.lastError ?? 'connection closed', nextRetryAt: this.opts.now() + delay });
    });
  }

  private sendPuback(client: MqttClient, messageId: number): void {
    if (this.client !== client || !client.connected) return;
    // Not in mqtt.js's typings; present in 5.16.0 (pinned): it writes the packet on this connection.
    (client as unknown as { _sendPacket(p: { cmd: 'puback'; messageId: number }, cb: () => void): void })._sendPacket({ cmd: 'puback', messageId }, () => undefined);
  }
}

function toBuffer(payload: IPublishPacket['payload']): Buffer {
  return typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
}

/** A connection error as one line without secrets (mqtt.js errors carry host and port, never credentials). */
function errorLine(err: Error & { code?: unknown }): string {
  const code = typeof err.code === 'string' ? `${err.code}: ` : '';
  return `${code}${err.message}`.replace(/\/\/[^@/\s]*@/g, '//');
}
