/**
 * The plant connection wired into the services runtime: configured through the contract, readings
 * from a real mosquitto reach the register (as broker-fed assets), the history and the fleet state.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MqttClient } from 'mqtt';
import type { AssetConfig, FleetState, MqttView } from '../shared/contract';
import { connectPublisher, publish } from './mqtt-test-rig';
import type { Runtime } from './runtime';
import { brokerMissing, TestBroker } from './test-broker';
import { createInProcessRuntime } from './in-process-runtime';

const missing = brokerMissing();
if (missing) console.warn(missing);

describe.skipIf(missing)('runtime: plant connection', () => {
  let dir: string;
  let rt: Runtime;
  let broker: TestBroker;
  let pub: MqttClient;
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await rt.dispatch(channel, payload);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'twinscope-rt-mqtt-'));
    broker = await TestBroker.start({ users: { line3: 'p4ss-w0rd' } });
    rt = await createInProcessRuntime({ dataDir: dir, defaultModels: false });
  });
  afterAll(async () => {
    await pub?.endAsync(true);
    await rt?.close();
    await broker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts disabled with a fixed client id, refuses a bad configuration naming the field', async () => {
    const view = await call<MqttView>('mqtt:get', {});
    expect(view).toMatchObject({ config: { enabled: false }, hasPassword: false, status: { state: 'disabled', offlineSince: null } });
    expect(view.clientId).toMatch(/^twinscope-[0-9a-f]{12}$/);
    const bad = await rt.dispatch('mqtt:configure', { url: 'ftp://broker' });
    expect(bad).toMatchObject({ ok: false, error: { message: expect.stringMatching(/url: use mqtt:\/\//) } });
  });

  it('connects, stores the password owner-only, and readings reach the register, history and fleet', async () => {
    const view = await call<MqttView>('mqtt:configure', { url: broker.url, username: 'line3', password: 'p4ss-w0rd', enabled: true });
    expect(view.hasPassword).toBe(true);
    expect(JSON.stringify(view)).not.toContain('p4ss-w0rd');
    expect(statSync(join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    for (let i = 0; i < 50 && (await call<MqttView>('mqtt:get', {})).status.state !== 'connected'; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 300));
    pub = await connectPublisher(broker.url.replace('mqtt://', 'mqtt://line3:p4ss-w0rd@'), 'line3-device');
    const t = Date.now() - 5000;
    await publish(pub, 'plant/L3-MTR/reading', JSON.stringify({ asset: 'L3-MTR', ts: t, values: { temperatureC: 71.5, vibrationMmS: 2.2, speedRpm: 1772 } }));
    let assets: AssetConfig[] = [];
    for (let i = 0; i < 50 && !(assets = await call<AssetConfig[]>('assets:list', {})).some((a) => a.id === 'L3-MTR'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(assets.find((a) => a.id === 'L3-MTR')).toMatchObject({ kind: 'motor', source: 'mqtt' });
    let fleet: FleetState | null = null;
    for (let i = 0; i < 50; i++) {
      fleet = await call<FleetState>('fleet:state', {});
      if (fleet.assets.find((a) => a.config.id === 'L3-MTR')?.snapshot.readings === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(fleet!.assets.find((a) => a.config.id === 'L3-MTR')!.snapshot).toMatchObject({ readings: 1, lastReadingMs: t, values: { temperatureC: 71.5, vibrationMmS: 2.2, speedRpm: 1772 } });
    expect((await call<MqttView>('mqtt:get', {})).status).toMatchObject({ state: 'connected', stored: 1, received: 1 });
    const off = await call<MqttView>('mqtt:disconnect', {});
    expect(off).toMatchObject({ config: { enabled: false }, status: { state: 'disabled' } });
  });
});
