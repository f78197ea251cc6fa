/**
 * The plant connection against a real mosquitto (started here on a free loopback port, persistence
 * on): readings reach the store and the live twin, bad payloads are dropped with their reason while
 * ingestion goes on, and wrong credentials end in one clear error without a retry storm.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../common/random';
import type { AssetConfig } from '../shared/contract';
import { demoFleet } from '../twin/assets';
import type { MqttClient } from 'mqtt';
import { brokerMissing, TestBroker } from './test-broker';
import { connectPublisher, createIngestRig, publish, waitFor, type IngestRig } from './mqtt-test-rig';

const missing = brokerMissing();
if (missing) console.warn(missing);

const FAST = { baseMs: 100, maxMs: 1000 };
const MILLING = { airTempK: 300.2, processTempK: 310.1, speedRpm: 1500, torqueNm: 40.5, toolWearMin: 12 };
const T0 = Date.now() - 3_600_000;
const reading = (asset: string, t: number, values: Record<string, unknown> = MILLING) => JSON.stringify({ asset, ts: t, values, attributes: { Type: 'M' } });

describe.skipIf(missing)('plant connection (real mosquitto)', () => {
  let broker: TestBroker;
  let rig: IngestRig | null = null;
  let pub: MqttClient | null = null;
  beforeAll(async () => {
    broker = await TestBroker.start({ users: { plant: 'pl4nt-secret' } });
  });
  afterAll(async () => broker?.close());
  afterEach(async () => {
    await pub?.endAsync(true);
    pub = null;
    await rig?.close();
    rig = null;
  });

  async function connected(mapping = {}, register: AssetConfig[] = []) {
    rig = await createIngestRig({ backoff: FAST, register });
    await rig.service.configure({ url: broker.url, username: 'plant', password: 'pl4nt-secret', enabled: true, mapping });
    await waitFor(() => rig!.service.get().status.state === 'connected', 5000, 'the connection');
    // The subscription must exist before the plant publishes (the broker queues only for subscribed sessions).
    await waitFor(() => (rig!.storage.readTwinState(['mqtt']).mqtt as { subscribed: string | null }).subscribed !== null, 5000, 'the subscription');
    pub = await connectPublisher(broker.url.replace('mqtt://', 'mqtt://plant:pl4nt-secret@'), `plant-${Math.random().toString(36).slice(2)}`);
    return rig;
  }

  it('stores JSON readings, auto-adds the asset as broker-fed and feeds the live twin', async () => {
    const r = await connected();
    for (let i = 0; i < 5; i++) await publish(pub!, 'plant/P-MILL-1/reading', reading('P-MILL-1', (T0 + i * 60_000) / 1000));
    await waitFor(() => r.service.get().status.stored === 5, 5000, '5 stored readings');
    expect(r.rows('P-MILL-1').map((x) => x.t)).toEqual([0, 1, 2, 3, 4].map((i) => T0 + i * 60_000));
    expect(r.register()).toEqual([expect.objectContaining({ id: 'P-MILL-1', kind: 'milling', source: 'mqtt' })]);
    await waitFor(() => r.twin.state().assets[0]?.snapshot.readings === 5, 2000, 'the twin to take 5 readings');
    expect(r.twin.state().assets[0].snapshot).toMatchObject({ values: MILLING, lastReadingMs: T0 + 4 * 60_000 });
    // The same reading again (a redelivery) is a duplicate: not stored twice, not given to the twin twice.
    await publish(pub!, 'plant/P-MILL-1/reading', reading('P-MILL-1', (T0 + 4 * 60_000) / 1000));
    await waitFor(() => r.service.get().status.duplicates === 1, 5000, 'the duplicate');
    expect(r.rows('P-MILL-1')).toHaveLength(5);
    expect(r.twin.state().assets[0].snapshot.readings).toBe(5);
    expect(r.service.get()).toMatchObject({ hasPassword: true, config: { username: 'plant' } });
    expect(JSON.stringify(r.service.get())).not.toContain('pl4nt-secret');
  });

  it('gathers per-sensor topics into readings', async () => {
    const r = await connected({ format: 'per-sensor', topic: 'plant/{asset}/{sensor}' });
    for (let i = 0; i < 3; i++) for (const [k, v] of Object.entries(MILLING)) await publish(pub!, `plant/P-MILL-2/${k}`, JSON.stringify({ ts: T0 + i * 1000, value: v + i }));
    await waitFor(() => r.service.get().status.stored === 3, 5000, '3 assembled readings');
    expect(r.rows('P-MILL-2').map((x) => x.t)).toEqual([T0, T0 + 1000, T0 + 2000]);
    await waitFor(() => r.twin.state().assets[0]?.snapshot.readings === 3, 2000, 'the twin');
    expect(r.twin.state().assets[0].snapshot.values).toEqual(Object.fromEntries(Object.entries(MILLING).map(([k, v]) => [k, v + 2])));
  });

  it('drops each bad payload with its reason and keeps ingesting (fuzz)', async () => {
    const [mill] = demoFleet();
    const r = await connected({ unknownAssets: 'drop' }, [{ ...mill, id: 'P-F', source: 'mqtt' }]);
    await publish(pub!, 'plant/P-F/reading', reading('P-F', T0));
    const bad: [string, string | Buffer][] = [
      ['not-json', '{"asset": "P-F", "ts": '],
      ['invalid-utf8', Buffer.from([0x7b, 0xc3, 0x28, 0x7d])],
      ['oversized', reading('P-F', T0 + 1, { ...MILLING, pad: 'x'.repeat(20_000) })],
      ['wrong-type', reading('P-F', T0 + 2, { ...MILLING, torqueNm: 'forty' })],
      ['missing-field', JSON.stringify({ asset: 'P-F', values: MILLING })],
      ['nan', reading('P-F', T0 + 3, { ...MILLING, airTempK: 'NaN' })],
      ['unknown-asset', reading('NOBODY', T0 + 4)],
      ['future-timestamp', reading('P-F', Date.now() + 3_600_000)],
      ['bad-timestamp', reading('P-F', 'last tuesday' as unknown as number)],
      ['unknown-sensor', reading('P-F', T0 + 5, { ...MILLING, vibrationMmS: 2 })],
    ];
    // Random bytes and mutated readings from a seeded generator: whatever they are, each is either stored or dropped with a reason.
    const rng = createRng(8);
    const fuzz = Array.from({ length: 200 }, (_, i) => {
      if (i % 2) return Buffer.from(Array.from({ length: 1 + Math.floor(rng.next() * 60) }, () => Math.floor(rng.next() * 256)));
      const text = reading('P-F', T0 + 1000 + i);
      const at = Math.floor(rng.next() * text.length);
      return text.slice(0, at) + String.fromCharCode(32 + Math.floor(rng.next() * 90)) + text.slice(at + 1);
    });
    const firstStatus = r.statuses.length, started = performance.now();
    for (const [, payload] of bad) await publish(pub!, 'plant/P-F/reading', payload);
    for (const payload of fuzz) await publish(pub!, 'plant/P-F/reading', payload);
    // Ingestion went on: good readings after all of that are stored.
    for (let i = 0; i < 3; i++) await publish(pub!, 'plant/P-F/reading', reading('P-F', T0 + 100_000 + i));
    const total = 1 + bad.length + fuzz.length + 3;
    await waitFor(() => {
      const s = r.service.get().status;
      return s.received === total && s.queueDepth === 0 && s.stored + s.duplicates + Object.values(s.dropped).reduce((a, b) => a + b, 0) === total;
    }, 10_000, 'every message stored or dropped');
    const s = r.service.get().status;
    for (const [reason] of bad) expect(s.dropped[reason as keyof typeof s.dropped], reason).toBeGreaterThanOrEqual(1);
    expect(r.rows('P-F').filter((x) => x.t >= T0 + 100_000)).toHaveLength(3);
    expect(s.recentDrops.length).toBe(20);
    // Hundreds of messages, yet the status went out at most twice a second (the state did not change);
    // the last change goes out within half a second.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(r.statuses[r.statuses.length - 1]).toMatchObject({ received: total, stored: s.stored });
    const times = r.statusTimes.slice(firstStatus);
    expect(r.statuses.slice(firstStatus).every((x) => x.state === 'connected')).toBe(true);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(450);
    expect(times.length).toBeGreaterThan(0);
    expect(times.length).toBeLessThanOrEqual(1 + Math.ceil((performance.now() - started) / 500));
    expect(s.recentDrops[0]).toMatchObject({ topic: 'plant/P-F/reading', reason: expect.any(String), detail: expect.any(String) });
  });

  it('acknowledges only what is stored: readings whose storing failed come again from the broker', async () => {
    rig = await createIngestRig({ backoff: FAST, failStores: 3 });
    await rig.service.configure({ url: broker.url, username: 'plant', password: 'pl4nt-secret', enabled: true });
    await waitFor(() => (rig!.storage.readTwinState(['mqtt']).mqtt as { subscribed: string | null }).subscribed !== null, 5000, 'the subscription');
    pub = await connectPublisher(broker.url.replace('mqtt://', 'mqtt://plant:pl4nt-secret@'), 'plant-failing-store');
    for (let i = 0; i < 50; i++) await publish(pub, 'plant/P-S/reading', reading('P-S', T0 + i * 1000));
    // Acknowledged at once (as mqtt.js does by default), the readings of the failed transactions would be gone.
    await waitFor(() => rig!.rows('P-S').length === 50, 10_000, 'all 50 readings stored');
    expect(rig.statuses.some((s) => /readings not stored \(database or disk is full \(test\)\): reconnecting/.test(s.lastError ?? ''))).toBe(true);
    expect(rig.service.get().status.stored).toBe(50);
  });

  it('wrong credentials: one clear error, state refused, no retry storm; the right ones connect', async () => {
    rig = await createIngestRig({ backoff: FAST });
    await rig.service.configure({ url: broker.url, username: 'plant', password: 'not-the-password', enabled: true });
    await waitFor(() => rig!.service.get().status.state === 'refused', 5000, 'the refusal');
    // With a 100 ms backoff a retrying client would have tried about ten more times by now.
    await new Promise((r) => setTimeout(r, 1500));
    const states = rig.statuses.map((s) => s.state).filter((s, i, all) => i === 0 || s !== all[i - 1]);
    expect(states).toEqual(['connecting', 'refused']);
    const status = rig.service.get().status;
    expect(status.lastError).toMatch(/not authorized.*check the username and password/);
    expect(status.offlineSince).toEqual(expect.any(Number));
    expect(JSON.stringify(rig.statuses)).not.toContain('not-the-password');
    await rig.service.configure({ password: 'pl4nt-secret' });
    await waitFor(() => rig!.service.get().status.state === 'connected', 5000, 'the connection with the right password');
    expect(rig.service.get().status).toMatchObject({ lastError: null, offlineSince: null });
  });
});
