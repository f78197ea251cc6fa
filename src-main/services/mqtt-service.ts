/**
 * The plant connection behind `mqtt:*`: broker readings → decoded and checked (ingest/ingestor.ts)
 * → a bounded queue → stored as new history rows (a reading already stored for its asset and time
 * is a duplicate: a redelivery) → the PUBACK → the live twin. Acknowledging only after storing
 * means a crash between receipt and storage costs nothing: the broker redelivers (mqtt-connection.ts).
 * Dropped payloads are acknowledged too: a redelivery would be just as bad.
 *
 * The configuration is stored with the twin's documents (key `mqtt`), the password in the secret
 * store (`mqtt.password`), never returned, never logged.
 */
import { randomBytes } from 'node:crypto';
import { MqttConfig, type MqttStatus, type MqttView, type RequestOf } from '../shared/contract';
import type { AssetConfig } from '../shared/contract';
import { DEFAULT_BACKOFF, type BackoffOptions } from '../ingest/backoff';
import { BoundedQueue } from '../ingest/bounded-queue';
import { DropCounters } from '../ingest/drop-counters';
import { Ingestor, subscriptionFilter, type IngestOutput, type KnownAsset } from '../ingest/ingestor';
import type { HistoryRow } from '../store/history-repo';
import { historyInputs } from '../twin/history-rows';
import type { EventHub } from './events';
import { checkedConfig, DEFAULT_MQTT_CONFIG, readTlsFiles } from './mqtt-config';
import { MqttLink, type Ack, type LinkState } from './mqtt-connection';
import { TwinFeed, type FleetReading, type TwinTarget } from './mqtt-twin-feed';

export const PASSWORD_SECRET = 'mqtt.password';
/** The token of a QoS 1 value already acknowledged: queued like any QoS 1 reading (never dropped), nothing to send. */
const ACKNOWLEDGED: Ack = { send: () => undefined };
const DOC = 'mqtt';
/** Readings per storage transaction at most. */
const BATCH = 2000;
/** Stored readings waiting for the live twin at most; beyond, the twin skips them (they are in the history). */
const TWIN_BACKLOG = 50_000;
const STATUS_EVERY_MS = 500;
const FLUSH_EVERY_MS = 250;


/** What the service needs from the store, the secret store and the live twin (narrow, so tests can give real parts). */
export interface MqttDeps {
  storage: {
    readDoc(key: string): Promise<unknown>;
    writeDoc(key: string, value: unknown): Promise<void>;
    insertNewReadings(batch: number, rows: HistoryRow[]): Promise<boolean[]>;
  };
  secrets: { get(name: string): Promise<string | null>; set(name: string, value: string | null): Promise<void> };
  twin: TwinTarget & { register(): readonly AssetConfig[] };
  events: EventHub;
  now?: () => number;
  random?: () => number;
  backoff?: BackoffOptions;
}

interface Item {
  row: HistoryRow;
  fleet: FleetReading;
  acks: (Ack | null)[];
}

interface StoredDoc {
  config: MqttConfig;
  clientId: string;
  subscribed: string | null;
}

export class MqttService {
  private doc: StoredDoc = { config: DEFAULT_MQTT_CONFIG, clientId: '', subscribed: null };
  private hasPassword = false;
  private link: MqttLink | null = null;
  private ingestor: Ingestor<Ack | null> | null = null;
  private queue = new BoundedQueue<Item>(DEFAULT_MQTT_CONFIG.queueLimit);
  private readonly drops = new DropCounters();
  private status: MqttStatus;
  private held: (() => void) | null = null;
  private draining: Promise<void> | null = null;
  private readonly twinFeed: TwinFeed;
  private nextBatch = Date.now();
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private flushTimer: ReturnType<typeof setInterval> | null = null;
  private known: { register: readonly AssetConfig[]; map: Map<string, KnownAsset> } | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: MqttDeps) {
    this.now = deps.now ?? Date.now;
    this.twinFeed = new TwinFeed(deps.twin, TWIN_BACKLOG, (message) => {
      this.status.lastError = message;
      this.changed(true);
    });
    this.status = {
      state: 'disabled', offlineSince: null, connectedSince: null, nextRetryAt: null, attempts: 0, lastError: null, received: 0, stored: 0,
      duplicates: 0, dropped: this.drops.counts, queueDepth: 0, twinSkipped: 0, lastMessageAt: null, recentDrops: [],
    };
  }

  /** Loads the stored configuration (a client id is made once) and connects when enabled. */
  async start(): Promise<void> {
    // A store that cannot be opened (an unwritable data folder) leaves the connection off with its
    // defaults: the app runs on and its storage banner says why; nothing is written over it.
    let readable = true;
    const stored = (await this.deps.storage.readDoc(DOC).catch(() => ((readable = false), undefined))) as Partial<StoredDoc> | undefined;
    const parsed = MqttConfig.safeParse(stored?.config);
    this.doc = { config: parsed.success ? parsed.data : DEFAULT_MQTT_CONFIG, clientId: stored?.clientId || `twinscope-${randomBytes(6).toString('hex')}`, subscribed: stored?.subscribed ?? null };
    if (readable && !stored?.clientId) await this.save().catch(() => undefined);
    this.hasPassword = (await this.deps.secrets.get(PASSWORD_SECRET).catch(() => null)) !== null;
    if (readable && this.doc.config.enabled) await this.reconnect();
  }

  get(): MqttView {
    return { config: this.doc.config, clientId: this.doc.clientId, hasPassword: this.hasPassword, status: this.snapshot() };
  }

  async configure(patch: RequestOf<'mqtt:configure'>): Promise<MqttView> {
    const { password, tls, mapping, ...rest } = patch;
    const c = this.doc.config;
    const next = checkedConfig({ ...c, ...rest, tls: { ...c.tls, ...tls }, mapping: { ...c.mapping, ...mapping } });
    if (password !== undefined) {
      await this.deps.secrets.set(PASSWORD_SECRET, password);
      this.hasPassword = password !== null;
    }
    this.doc = { ...this.doc, config: next };
    await this.save();
    await this.reconnect();
    return this.get();
  }

  async connect(): Promise<MqttView> {
    return this.configure({ enabled: true });
  }

  async disconnect(): Promise<MqttView> {
    return this.configure({ enabled: false });
  }

  async close(): Promise<void> {
    await this.stopLink();
    if (this.statusTimer) clearTimeout(this.statusTimer);
    await this.twinFeed.settled();
  }

  /** Stops the current connection (storing what was taken), then connects with the current configuration if enabled. */
  private async reconnect(): Promise<void> {
    await this.stopLink();
    const c = this.doc.config;
    if (!c.enabled) return this.setState('disabled', { error: null, nextRetryAt: null });
    this.queue = new BoundedQueue<Item>(c.queueLimit);
    this.ingestor = new Ingestor<Ack | null>(c, (id) => this.lookup(id), this.now);
    let files: { ca?: Buffer; cert?: Buffer; key?: Buffer };
    try {
      files = await readTlsFiles(c.tls);
    } catch (e) {
      return this.setState('refused', { error: (e as Error).message, nextRetryAt: null });
    }
    const filter = subscriptionFilter(c);
    const link = new MqttLink(
      { url: c.url, clientId: this.doc.clientId, username: c.username, password: await this.deps.secrets.get(PASSWORD_SECRET), rejectUnauthorized: c.tls.rejectUnauthorized, filter, previousFilter: this.doc.subscribed, ...files },
      {
        message: (topic, payload, ack, release) => this.onMessage(topic, payload, ack, release),
        state: (state, detail) => this.setState(state, detail),
        subscribed: (f) => {
          if (this.doc.subscribed === f) return;
          this.doc = { ...this.doc, subscribed: f };
          void this.save().catch(() => undefined);
        },
      },
      { random: this.deps.random ?? Math.random, now: this.now, backoff: this.deps.backoff ?? DEFAULT_BACKOFF },
    );
    this.link = link;
    if (c.mapping.format === 'per-sensor') {
      this.flushTimer = setInterval(() => this.ingestor && this.take(this.ingestor.flush()), FLUSH_EVERY_MS);
      this.flushTimer.unref?.();
    }
    link.start();
  }

  private async stopLink(): Promise<void> {
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.flushTimer = null;
    const link = this.link;
    this.link = null;
    if (link) await link.stop();
    // Open per-sensor readings are stored too (their PUBACKs cannot go out any more: the broker redelivers, the store absorbs).
    if (this.ingestor) this.take(this.ingestor.flush(true));
    this.ingestor = null;
    this.held?.();
    this.held = null;
    await this.drain();
  }

  private onMessage(topic: string, payload: Buffer, ack: Ack | null, release: () => void): void {
    this.status.received++;
    this.status.lastMessageAt = this.now();
    if (!this.ingestor) return release();
    // Per-sensor values are acknowledged as they join their reading: a reading spans many messages,
    // and the broker sends only so many unacknowledged ones (mosquitto: 20), so holding them until
    // the reading is stored would stall the flow. What a crash can cost here is the values of the
    // readings still open (at most SENSOR_HOLD_MS). JSON readings are acknowledged once stored.
    if (ack && this.doc.config.mapping.format === 'per-sensor') {
      ack.send();
      ack = ACKNOWLEDGED;
    }
    this.take(this.ingestor.take(topic, payload, ack));
    // A full queue stops reading from the broker (backpressure) until the store catches up.
    if (this.queue.full) this.held = release;
    else release();
  }

  private take(out: IngestOutput<Ack | null>): void {
    for (const r of out.rejected) {
      this.drops.add({ at: this.now(), reason: r.reason, topic: r.topic.slice(0, 200), detail: r.detail });
      for (const a of r.tokens) a?.send();
    }
    for (const a of out.added) this.twinFeed.addAsset(a.id, a.kind);
    for (const a of out.accepted) {
      const row: HistoryRow = { assetId: a.assetId, t: a.t, readings: a.reading.values, probability: null, modelVersion: null, inputs: historyInputs(a.kind, a.reading.values, a.reading.row) };
      const item: Item = { row, fleet: { assetId: a.assetId, atMs: a.t, reading: a.reading }, acks: a.tokens };
      // QoS 0 (no acknowledgement, no redelivery) is the only kind a full queue drops.
      if (a.tokens.some((t) => t !== null)) this.queue.push(item);
      else if (!this.queue.offer(item)) this.drops.add({ at: this.now(), reason: 'queue-full', topic: a.assetId, detail: `queue full (${this.queue.limit} readings waiting): a QoS 0 reading was dropped` });
    }
    if (out.rejected.length || out.accepted.length) this.changed();
    if (this.queue.size) void this.drain();
  }

  /** Stores the queue in batches, one transaction each, then acknowledges and feeds the twin. */
  private drain(): Promise<void> {
    if (this.draining) return this.draining;
    this.draining = (async () => {
      // One turn of the event loop first: the rest of the packets read with this one join the batch.
      await new Promise((r) => setImmediate(r));
      while (this.queue.size) {
        const items = this.queue.take(BATCH);
        if (this.held && !this.queue.full) {
          const release = this.held;
          this.held = null;
          release();
        }
        let fresh: boolean[];
        try {
          fresh = await this.deps.storage.insertNewReadings(this.nextBatch++, items.map((i) => i.row));
        } catch (e) {
          // Not acknowledged: a new connection makes the broker send them again.
          const error = `readings not stored (${(e as Error).message}): reconnecting so the broker sends them again`;
          this.status.lastError = error;
          this.link?.restart(error);
          this.changed(true);
          continue;
        }
        const forTwin: FleetReading[] = [];
        for (let i = 0; i < items.length; i++) {
          if (fresh[i]) {
            this.status.stored++;
            forTwin.push(items[i].fleet);
          } else this.status.duplicates++;
          for (const a of items[i].acks) a?.send();
        }
        this.twinFeed.add(forTwin);
        this.changed();
      }
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /** The register as the ingestor needs it, rebuilt when the register changes. */
  private lookup(id: string): KnownAsset | undefined {
    const register = this.deps.twin.register();
    if (this.known?.register !== register) this.known = { register, map: new Map(register.map((a) => [a.id, { kind: a.kind, source: a.source ?? 'sim' }])) };
    return this.known.map.get(id);
  }

  private setState(state: LinkState | 'disabled', detail: { error: string | null; nextRetryAt: number | null }): void {
    const s = this.status, now = this.now();
    if (state === 'connected') {
      s.offlineSince = null;
      s.connectedSince ??= now;
    } else {
      s.connectedSince = null;
      if (state === 'offline' || state === 'refused') s.offlineSince ??= now;
      if (state === 'disabled') s.offlineSince = null;
    }
    s.state = state;
    s.lastError = detail.error;
    s.nextRetryAt = detail.nextRetryAt;
    s.attempts = this.link?.attempts ?? 0;
    this.changed(true);
  }

  private snapshot(): MqttStatus {
    return { ...this.status, twinSkipped: this.twinFeed.skipped, dropped: { ...this.drops.counts }, queueDepth: this.queue.size + (this.ingestor?.holding ?? 0), recentDrops: this.drops.latest() };
  }

  /** `mqtt:status` at most every STATUS_EVERY_MS; a state change goes out at once. */
  private changed(urgent = false): void {
    if (urgent) {
      if (this.statusTimer) clearTimeout(this.statusTimer);
      this.statusTimer = null;
      this.deps.events.emit('mqtt:status', this.snapshot());
      return;
    }
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.deps.events.emit('mqtt:status', this.snapshot());
    }, STATUS_EVERY_MS);
    this.statusTimer.unref?.();
  }

  private save(): Promise<void> {
    return this.deps.storage.writeDoc(DOC, this.doc);
  }
}
