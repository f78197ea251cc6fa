/**
 * `npm run bench:mqtt [-- --seconds N --rate N --assets N]`: 5,000 readings a second for 60 s from
 * a plant publisher through a real mosquitto (started here: persistence on, default in-flight
 * window of 20) into the app's real ingestion path — the services runtime with the storage and twin
 * workers as in the app: decode and check, queue, one SQLite transaction per batch, PUBACK after
 * storing, then the live twin (which writes each reading again with its prediction).
 *
 * Prints the throughput stored per 10 s, the end-to-end lag (the reading's scheduled publish time
 * to the moment its transaction committed) p50/p99/max, and memory — RSS (all threads: main,
 * storage, twin, publisher) and the main thread's heap — at the start, middle and end.
 * The publisher runs in a worker thread with its own event loop; readings are simulated
 * beforehand (the demo fleet's simulators) and stamped when they are due. No default models are
 * trained: the twin takes the readings without scoring them (bench:twin times scoring).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TrainPool } from '../src-main/ml/train-pool';
import { createTrainApi } from '../src-main/ml/train-api';
import { createDataApi } from '../src-main/services/data-api';
import { createRuntime } from '../src-main/services/runtime';
import { brokerMissing, TestBroker } from '../src-main/services/test-broker';
import type { TwinApi } from '../src-main/services/twin-api';
import type { StorageApi } from '../src-main/store/storage-api';
import type { MqttStatus } from '../src-main/shared/contract';
import { inProcessClient, WorkerHost, type RpcClient } from '../src-main/workers/rpc';

const num = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!(v > 0)) throw new Error(`--${name}: expected a positive number`);
  return v;
};
const SECONDS = num('seconds', 60), RATE = num('rate', 5000), ASSETS = num('assets', 100), INFLIGHT = num('inflight', 20);

const missing = brokerMissing();
if (missing) {
  console.log(missing.replace('tests', 'benchmark'));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'twinscope-bench-mqtt-'));
const src = (path: string) => JSON.stringify(pathToFileURL(join(import.meta.dirname, '..', 'src-main', path)).href);
const tsWorker = (body: string, workerData?: unknown) => new Worker(`import('tsx/esm/api').then(async (tsx) => { tsx.register(); ${body} })`, { eval: true, workerData });
const broker = await TestBroker.start({ maxQueuedMessages: 0, maxInflightMessages: INFLIGHT });
const storageHost = new WorkerHost<StorageApi>('storage', () => tsWorker(`await import(${src('workers/storage.worker.ts')});`, { file: join(dir, 'twinscope.db') }));
const twin = new WorkerHost<TwinApi>('twin', () => tsWorker(`
  const { parentPort } = await import('node:worker_threads');
  const { createTwinApi } = await import(${src('services/twin-api.ts')});
  const { serveRpc } = await import(${src('workers/rpc.ts')});
  serveRpc(parentPort, createTwinApi());`));

// Lag is measured where the readings' transactions commit: the storage client the service calls.
const lags: number[] = [];
let stored = 0;
const storage: RpcClient<StorageApi> = {
  close: () => storageHost.close(),
  call: (async (method: keyof StorageApi, arg: unknown, opts?: unknown) => {
    const result = await storageHost.call(method, arg as never, opts as never);
    if (method === 'insertNewReadings') {
      const now = Date.now(), rows = (arg as { rows: { t: number }[] }).rows, fresh = result as unknown as boolean[];
      for (let i = 0; i < rows.length; i++) if (fresh[i]) lags.push(now - rows[i].t);
      stored += fresh.filter(Boolean).length;
    }
    return result;
  }) as RpcClient<StorageApi>['call'],
};
const rt = await createRuntime({
  transport: 'web', version: 'bench-mqtt', dataDir: dir, datasetsDir: join(import.meta.dirname, '..', 'datasets'),
  storage, data: inProcessClient(createDataApi()), train: { pool: new TrainPool([inProcessClient(createTrainApi())]), close: async () => {} },
  twin, defaultModels: false,
});
const call = async (channel: string, payload: unknown) => {
  const r = await rt.dispatch(channel as never, payload as never);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as never;
};
await call('fleet:control', { paused: true });
await call('mqtt:configure', { url: broker.url, enabled: true, mapping: { topic: 'plant/+/reading' } });
const status = async () => ((await call('mqtt:get', {})) as { status: MqttStatus }).status;
for (let i = 0; (await status()).state !== 'connected'; i++) {
  if (i > 250) throw new Error(`not connected: ${(await status()).lastError}`);
  await new Promise((r) => setTimeout(r, 20));
}
await new Promise((r) => setTimeout(r, 300));
// Warm-up: one reading per asset first, so the timed run measures steady ingestion, not the
// one-off registration of 100 new assets (each a durable register write with its audit entry).
const warm = tsWorker(`
  const { parentPort, workerData } = await import('node:worker_threads');
  const { default: mqtt } = await import('mqtt');
  const { plantFleet, nextMessages } = await import(${src('ingest/plant-sim.ts')});
  const client = mqtt.connect(workerData.url, { clientId: 'bench-warmup', clean: true, protocolVersion: 4 });
  await new Promise((r) => client.once('connect', r));
  const t = Date.now() - 60_000;
  await Promise.all(plantFleet(workerData.assets, 'B-', 7).map((a) => client.publishAsync(nextMessages(a, t, 0, 'json', 'plant')[0].topic, nextMessages(a, t, 0, 'json', 'plant')[0].payload, { qos: 1 })));
  await client.endAsync();
  parentPort.postMessage('done');
`, { url: broker.url, assets: ASSETS });
await new Promise((r) => warm.once('message', r));
await warm.terminate();
for (let i = 0; ((await call('assets:list', {})) as { source?: string }[]).filter((a) => a.source === 'mqtt').length < ASSETS; i++) {
  if (i > 3000) throw new Error('the warm-up assets were not registered');
  await new Promise((r) => setTimeout(r, 20));
}
stored = 0;
lags.length = 0;

const publisher = tsWorker(`
  const { parentPort, workerData } = await import('node:worker_threads');
  const { default: mqtt } = await import('mqtt');
  const { plantFleet, nextMessages } = await import(${src('ingest/plant-sim.ts')});
  const { url, rate, seconds, assets } = workerData;
  // Simulated beforehand: 50 readings per asset, cycled, each stamped when it is due.
  const fleet = plantFleet(assets, 'B-', 7);
  const pool = fleet.map((a) => Array.from({ length: 50 }, (_, k) => JSON.parse(nextMessages(a, 0, k * a.intervalS * 1000, 'json', 'plant')[0].payload)));
  const client = mqtt.connect(url, { clientId: 'bench-plant', clean: true, protocolVersion: 4, reconnectPeriod: 500 });
  await new Promise((r) => client.once('connect', r));
  const start = Date.now() + 100, total = Math.round(rate * seconds);
  parentPort.postMessage({ start });
  let k = 0, acked = 0;
  const tick = () => {
    const due = Math.min(total, Math.floor(((Date.now() - start) * rate) / 1000));
    for (; k < due; k++) {
      const a = k % assets, m = pool[a][Math.floor(k / assets) % 50];
      m.ts = start + Math.floor((k * 1000) / rate);
      client.publish('plant/' + m.asset + '/reading', JSON.stringify(m), { qos: 1 }, () => acked++);
    }
    if (k < total) setTimeout(tick, 5);
    else parentPort.postMessage({ published: k, acked });
  };
  tick();
  parentPort.on('message', () => client.end(false, {}, () => parentPort.postMessage({ done: true, acked })));
`, { url: broker.url, rate: RATE, seconds: SECONDS, assets: ASSETS });

const mb = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MB`;
const memory: { at: string; rss: number; heap: number }[] = [];
const sample = (at: string) => {
  global.gc?.();
  const m = process.memoryUsage();
  memory.push({ at, rss: m.rss, heap: m.heapUsed });
};
const t0 = Date.now();
const publishStart = await new Promise<number>((resolve) => publisher.once('message', (m: { start: number }) => resolve(m.start)));
let lastStored = 0;
const progress = setInterval(() => {
  const s = Math.round((Date.now() - t0) / 1000);
  console.log(`${String(s).padStart(3)} s: stored ${stored} (${Math.round((stored - lastStored) / 10)}/s over the last 10 s)`);
  lastStored = stored;
}, 10_000);
setTimeout(() => sample('start (2 s)'), 2000);
setTimeout(() => sample(`middle (${Math.round(SECONDS / 2)} s)`), (SECONDS / 2) * 1000);
const published = await new Promise<number>((resolve) => publisher.once('message', (m: { published: number }) => resolve(m.published)));
const publishSeconds = (Date.now() - t0) / 1000;
while (stored < published && Date.now() - t0 < (SECONDS + 60) * 1000) await new Promise((r) => setTimeout(r, 5));
const lastStoredAt = Date.now();
const drainSeconds = (Date.now() - t0) / 1000;
sample(`end (${Math.round(drainSeconds)} s)`);
clearInterval(progress);

const final = await status();
if (process.env.BENCH_DEBUG) for (let i = 0; i < 10; i++) {
  const st = (await call('fleet:state', {})) as { assets: { config: { source?: string }; snapshot: { readings: number } }[] };
  console.log('DEBUG twin', st.assets.filter((a) => a.config.source === 'mqtt').length, st.assets.reduce((n, a) => n + a.snapshot.readings, 0), (await status()).lastError);
  await new Promise((r) => setTimeout(r, 1000));
}
const sorted = Float64Array.from(lags).sort();
const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const twinReadings = ((await call('fleet:state', {})) as { assets: { config: { source?: string }; snapshot: { readings: number } }[] }).assets.filter((a) => a.config.source === 'mqtt').reduce((n, a) => n + a.snapshot.readings, 0);
console.log(`
MQTT ingestion: ${RATE} msg/s for ${SECONDS} s, ${ASSETS} assets, JSON payloads, QoS 1, real mosquitto (${broker.url}, max_inflight_messages ${INFLIGHT})
published:            ${published} (the publisher's pace: ${(published / ((publishSeconds * 1000 - (publishStart - t0)) / 1000)).toFixed(0)} msg/s)
throughput:           ${(stored / ((lastStoredAt - publishStart) / 1000)).toFixed(0)} msg/s stored (${stored} from the first publish to the last commit, ${((lastStoredAt - publishStart) / 1000).toFixed(1)} s)
duplicates absorbed:  ${final.duplicates}; dropped: ${Object.values(final.dropped).reduce((a, b) => a + b, 0)}; twin took ${twinReadings}${final.twinSkipped ? ` (skipped ${final.twinSkipped})` : ''}
end-to-end lag:       p50 ${q(0.5).toFixed(0)} ms, p99 ${q(0.99).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms (scheduled publish → transaction committed)
memory (RSS all threads / main heap):
${memory.map((m) => `  ${m.at.padEnd(14)} ${mb(m.rss).padStart(7)} / ${mb(m.heap)}`).join('\n')}
  growth middle → end: RSS ${mb(memory[memory.length - 1].rss - memory[1].rss)}, heap ${mb(memory[memory.length - 1].heap - memory[1].heap)}`);

publisher.postMessage('stop');
await new Promise((r) => publisher.once('message', r));
await publisher.terminate();
await rt.close();
await broker.close();
rmSync(dir, { recursive: true, force: true });
