/**
 * Nothing lost across broker restarts (real mosquitto, persistence on, started and stopped here).
 *
 * The broker is configured as a plant broker with persistent sessions must be: no cap on the
 * messages queued for an offline client (`max_queued_messages 0`; mosquitto's default of 1000
 * would drop the 1001st message queued for a client that is away — the broker's loss, not ours).
 * A short reconnect backoff (100 ms → 1 s instead of 1 s → 60 s) keeps the run short; what is
 * tested — acknowledge after storing, duplicates absorbed by (asset, time) — does not depend on it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import { brokerMissing, TestBroker } from './test-broker';
import { connectPublisher, createIngestRig, publish, waitFor, type IngestRig } from './mqtt-test-rig';

const missing = brokerMissing();
if (missing) console.warn(missing);

const FAST = { baseMs: 100, maxMs: 1000 };
const VALUES = { airTempK: 300.2, processTempK: 310.1, speedRpm: 1500, torqueNm: 40.5, toolWearMin: 12 };
const T0 = Date.now() - 86_400_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(missing)('broker restarts (real mosquitto)', () => {
  let broker: TestBroker | null = null;
  let rig: IngestRig | null = null;
  let pub: MqttClient | null = null;
  afterEach(async () => {
    await pub?.endAsync(true);
    await rig?.close();
    await broker?.close();
    pub = rig = broker = null;
  });

  async function subscribed(r: IngestRig): Promise<void> {
    await waitFor(() => r.service.get().status.state === 'connected', 5000, 'the connection');
    await waitFor(() => (r.storage.readTwinState(['mqtt']).mqtt as { subscribed: string | null }).subscribed !== null, 5000, 'the subscription');
  }

  it('10,000 QoS 1 readings while the broker is stopped (SIGTERM) and restarted 20 times: all stored, none twice', async () => {
    broker = await TestBroker.start({ maxQueuedMessages: 0 });
    rig = await createIngestRig({ backoff: FAST });
    await rig.service.configure({ url: broker.url, enabled: true });
    await subscribed(rig);
    pub = await connectPublisher(broker.url);
    const ASSETS = 10, PER_ASSET = 1000, ROUNDS = 20, CHUNK = (ASSETS * PER_ASSET) / ROUNDS / 2;
    const messages = Array.from({ length: ASSETS * PER_ASSET }, (_, i) => {
      const asset = `P-R${i % ASSETS}`, t = T0 + Math.floor(i / ASSETS) * 1000;
      return { topic: `plant/${asset}/reading`, payload: JSON.stringify({ asset, ts: t, values: VALUES, attributes: { Type: 'L' } }) };
    });
    const sent: Promise<void>[] = [];
    let next = 0;
    const send = (n: number) => {
      for (const m of messages.slice(next, next + n)) sent.push(publish(pub!, m.topic, m.payload));
      next += n;
    };
    for (let round = 0; round < ROUNDS; round++) {
      send(CHUNK);
      await sleep(120);
      const stoppedAt = Date.now();
      await broker.stop('SIGTERM');
      // Published while the broker is down: the device keeps them and sends them when it is back.
      send(CHUNK);
      if (round === 0) {
        // What the status bar shows meanwhile: offline since the connection dropped, and the next attempt.
        await waitFor(() => rig!.service.get().status.state === 'offline', 2000, 'the offline state');
        const s = rig.service.get().status;
        expect(s.offlineSince).toBeGreaterThanOrEqual(stoppedAt);
        expect(s.nextRetryAt).toBeGreaterThan(s.offlineSince!);
      } else await sleep(80);
      await broker.restart();
      if (round === 0) {
        await waitFor(() => rig!.service.get().status.state === 'connected', 3000, 'the reconnection');
        expect(rig.service.get().status).toMatchObject({ offlineSince: null, lastError: null });
      }
    }
    await Promise.all(sent);
    await waitFor(() => rig!.service.get().status.stored >= 10_000, 30_000, `10,000 stored readings (broker log: ${broker.output})`);
    const status = rig.service.get().status;
    const rows = rig.rows('P-R');
    // Exactly the readings published, each once (the table's key would refuse a second copy; the counts show none was attempted as new).
    expect(rows).toHaveLength(10_000);
    expect(new Set(rows.map((r) => `${r.assetId}@${r.t}`)).size).toBe(10_000);
    for (let a = 0; a < ASSETS; a++) expect(rows.filter((r) => r.assetId === `P-R${a}`).map((r) => r.t)).toEqual(Array.from({ length: PER_ASSET }, (_, k) => T0 + k * 1000));
    expect(status.stored).toBe(10_000);
    // Redeliveries were absorbed as duplicates, not stored or given to the twin a second time.
    expect(status.received).toBe(10_000 + status.duplicates);
    await waitFor(() => rig!.twin.state().assets.reduce((n, a) => n + a.snapshot.readings, 0) === 10_000, 5000, 'the twin to take every reading once');
    expect(rig.twin.state().assets.map((a) => a.snapshot.readings)).toEqual(Array(ASSETS).fill(PER_ASSET));
    expect(Object.values(status.dropped).reduce((a, b) => a + b, 0)).toBe(0);
    console.info(`SIGTERM ×${ROUNDS}: stored ${status.stored}, duplicates absorbed ${status.duplicates}, received ${status.received}`);
  }, 60_000);

  it('SIGKILL loses at most what mosquitto accepted but had not saved yet (autosave every 100 changes), and only that newest tail', async () => {
    // What can be lost: messages the broker acknowledged to the publisher and queued for us while
    // we were away, after its last save. With `autosave_on_changes` every 100 changes (queued
    // messages, subscriptions) it saves, so at most 100 are unsaved when it dies. Anything we had
    // acknowledged is in our store already.
    const AUTOSAVE = 100, N = 1000;
    broker = await TestBroker.start({ maxQueuedMessages: 0, autosaveOnChanges: true, autosaveInterval: AUTOSAVE });
    rig = await createIngestRig({ backoff: FAST });
    await rig.service.configure({ url: broker.url, enabled: true });
    await subscribed(rig);
    await rig.service.disconnect();
    pub = await connectPublisher(broker.url);
    await Promise.all(Array.from({ length: N }, (_, i) => publish(pub!, 'plant/P-K/reading', JSON.stringify({ asset: 'P-K', ts: T0 + i * 1000, values: VALUES }))));
    await pub.endAsync(true);
    pub = null;
    await broker.stop('SIGKILL');
    await broker.restart();
    await rig.service.connect();
    await subscribed(rig);
    // Quiet for a second: the broker has delivered all it kept.
    let last = -1;
    await waitFor(() => {
      const s = rig!.service.get().status.stored;
      const quiet = s === last;
      last = s;
      return quiet && s > 0;
    }, 15_000, 'the queued readings');
    await sleep(1000);
    const times = rig.rows('P-K').map((r) => r.t);
    const lost = N - times.length;
    console.info(`SIGKILL: ${N} queued, ${times.length} delivered after the restart, ${lost} lost (bound: ${AUTOSAVE})`);
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(lost).toBeLessThanOrEqual(AUTOSAVE);
    // The kept ones are the oldest: the loss is exactly the unsaved tail.
    expect(times).toEqual(Array.from({ length: times.length }, (_, i) => T0 + i * 1000));
  }, 30_000);
});
