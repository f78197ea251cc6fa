/**
 * The plant connection's real parts for tests and the benchmark: the MQTT service on a real SQLite
 * store (a temporary folder), the real secret store and the twin worker's API in-process (so the
 * live twin takes the readings), and a publisher that plays the plant's devices.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import type { AssetConfig, MqttStatus } from '../shared/contract';
import { SecretStore } from '../store/secret-store';
import { createStorageApi } from '../store/storage-api';
import { DEFAULT_COSTS, type AssetKind } from '../twin/assets';
import type { BackoffOptions } from '../ingest/backoff';
import { EventHub } from './events';
import { MqttService } from './mqtt-service';
import { createTwinApi } from './twin-api';

export interface IngestRig {
  service: MqttService;
  storage: ReturnType<typeof createStorageApi>;
  twin: ReturnType<typeof createTwinApi>;
  secrets: SecretStore;
  /** Every `mqtt:status` event, in order, and when it came (ms). */
  statuses: MqttStatus[];
  statusTimes: number[];
  register(): AssetConfig[];
  /** Rows in the real history table whose asset id starts with `prefix`. */
  rows(prefix?: string): { assetId: string; t: number }[];
  close(): Promise<void>;
}

/** `failStores`: the first n storage transactions fail (as a full disk would), to show nothing is acknowledged unstored. */
export async function createIngestRig(opts: { backoff?: BackoffOptions; register?: AssetConfig[]; now?: () => number; failStores?: number } = {}): Promise<IngestRig> {
  const dir = mkdtempSync(join(tmpdir(), 'twinscope-ingest-'));
  const storage = createStorageApi(join(dir, 'db.sqlite'));
  const twin = createTwinApi();
  let register = opts.register ?? [];
  twin.init({ seed: 1, register, rules: null, fleet: null, alerts: null, events: [], clock: { speed: 1, paused: true } });
  const secrets = new SecretStore(join(dir, 'secrets.json'));
  const events = new EventHub();
  const statuses: MqttStatus[] = [];
  let failures = opts.failStores ?? 0;
  const statusTimes: number[] = [];
  events.subscribe((name, payload) => {
    if (name !== 'mqtt:status') return;
    statuses.push(payload as MqttStatus);
    statusTimes.push(performance.now());
  });
  const service = new MqttService({
    storage: {
      readDoc: async (key) => storage.readTwinState([key])[key],
      writeDoc: async (key, value) => void storage.writeTwinState({ [key]: value }),
      insertNewReadings: async (batch, rows) => {
        if (failures-- > 0) throw new Error('database or disk is full (test)');
        return storage.insertNewReadings({ batch, rows });
      },
    },
    secrets,
    twin: {
      register: () => register,
      addAsset: async (id: string, kind: AssetKind) => {
        const asset: AssetConfig = { id, name: `${id} (plant)`, kind, modelRunId: null, limits: {}, ...DEFAULT_COSTS[kind], source: 'mqtt' };
        twin.upsertAsset({ asset });
        register = [...register, asset];
      },
      ingest: async (readings) => void twin.ingestExternal({ readings }),
    },
    events, backoff: opts.backoff, now: opts.now,
  });
  await service.start();
  return {
    service, storage, twin, secrets, statuses, statusTimes,
    register: () => register,
    rows: (prefix = '') => readRows(join(dir, 'db.sqlite'), prefix),
    async close() {
      await service.close();
      storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads the history table on a side connection (what a restart would find). */
function readRows(file: string, prefix: string): { assetId: string; t: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT asset_id AS assetId, t FROM history_raw WHERE asset_id LIKE ? || '%' ORDER BY asset_id, t").all(prefix) as { assetId: string; t: number }[];
  } finally {
    db.close();
  }
}

/** Polls until `check` holds (or throws with `what` after `timeoutMs`). */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A plant device: QoS 1 publishes with its own persistent session, reconnecting quickly, so nothing it published is lost while the broker restarts. */
export async function connectPublisher(url: string, clientId = `plant-${process.pid}`): Promise<MqttClient> {
  const client = mqtt.connect(url, { clientId, clean: false, protocolVersion: 4, reconnectPeriod: 100, connectTimeout: 5000 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  return client;
}

/**
 * Publishes until the broker acknowledges, as a plant device does: mqtt.js fails publishes still
 * waiting in its queue when the connection closes ("Connection closed"), so those are sent again
 * (a copy the broker did take is then a duplicate, which the store absorbs).
 */
export async function publish(client: MqttClient, topic: string, payload: string | Buffer, qos: 0 | 1 = 1): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Promise<void>((resolve, reject) => client.publish(topic, payload, { qos }, (err) => (err ? reject(err) : resolve())));
    } catch (e) {
      if (client.disconnecting || attempt >= 600) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
