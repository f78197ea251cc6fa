/**
 * `npm run sim:mqtt -- --url mqtt://127.0.0.1:1883 [--mode json|per-sensor] [--rate N] [--assets N]
 *   [--speed X] [--prefix P-] [--root plant] [--seconds S] [--username U]`
 *
 * Publishes the demo fleet's simulated readings to a broker at QoS 1, so Twinscope can be shown
 * against a real broker (Settings › Plant connection; unknown assets auto-added). Each asset's
 * simulator advances by its kind's reading spacing (milling 180 s, motors 600 s of simulated time);
 * `--speed X` runs simulated time X times real time (default 100: a milling reading every 1.8 s),
 * or `--rate N` gives every asset N readings per real second instead. Readings are stamped with
 * this computer's clock (plant time is now). The password comes from MQTT_PASSWORD, never from
 * the command line (it would show in process lists) and is never printed.
 */
import mqtt from 'mqtt';
import { nextMessages, plantFleet } from '../src-main/ingest/plant-sim';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

function positive(name: string, fallback: string): number {
  const v = Number(arg(name, fallback));
  if (!(v > 0)) throw new Error(`--${name}: expected a positive number (got ${arg(name, fallback)})`);
  return v;
}

const url = arg('url', 'mqtt://127.0.0.1:1883');
const mode = arg('mode', 'json');
if (mode !== 'json' && mode !== 'per-sensor') throw new Error(`--mode: expected json or per-sensor (got ${mode})`);
const assets = plantFleet(Math.round(positive('assets', '12')), arg('prefix', 'P-'), 20261125);
const rate = process.argv.includes('--rate') ? positive('rate', '1') : null;
const speed = positive('speed', '100');
const seconds = process.argv.includes('--seconds') ? positive('seconds', '60') : Infinity;
const root = arg('root', 'plant');

const client = mqtt.connect(url, {
  clientId: `twinscope-sim-${process.pid}`, clean: true, protocolVersion: 4, reconnectPeriod: 1000, connectTimeout: 10_000,
  username: arg('username', '') || undefined, password: process.env.MQTT_PASSWORD || undefined,
});
let published = 0, acknowledged = 0, failed = 0;
let connected = false, stopping = false;
client.on('connect', () => {
  connected = true;
  console.log(`connected to ${url}: ${assets.length} assets, ${mode} payloads under ${root}/, ${rate ? `${rate} readings/s per asset` : `simulated time ×${speed}`}`);
});
client.on('close', () => {
  if (connected && !stopping) console.log(`connection to ${url} lost: readings are kept and sent when it is back`);
  connected = false;
});
client.on('error', (e) => console.error(`broker: ${e.message}`));

// Each asset's next reading in real ms (staggered so the fleet does not publish all at once).
const startMs = Date.now();
const realIntervalMs = (intervalS: number) => (rate ? 1000 / rate : (intervalS * 1000) / speed);
const due = assets.map((a, i) => startMs + (i / assets.length) * realIntervalMs(a.intervalS));
const simMs = assets.map(() => startMs);

const timer = setInterval(() => {
  const now = Date.now();
  if (now - startMs >= seconds * 1000) return void stop();
  for (let i = 0; i < assets.length; i++) {
    const a = assets[i];
    // Bounded catch-up: a stalled process does not burst hours of readings.
    for (let n = 0; due[i] <= now && n < 100; n++) {
      simMs[i] += a.intervalS * 1000;
      // Stamped with when it was due, not when this tick ran: two readings caught up in one tick keep distinct times.
      for (const m of nextMessages(a, Math.round(due[i]), simMs[i], mode, root)) {
        published++;
        client.publish(m.topic, m.payload, { qos: 1 }, (err) => (err ? failed++ : acknowledged++));
      }
      due[i] += realIntervalMs(a.intervalS);
    }
  }
}, 20);

const report = setInterval(() => console.log(`published ${published}, acknowledged by the broker ${acknowledged}${failed ? `, failed ${failed}` : ''}${connected ? '' : ' (offline)'}`), 5000);

function stop(): void {
  stopping = true;
  clearInterval(timer);
  clearInterval(report);
  client.end(false, {}, () => {
    console.log(`stopped: published ${published}, acknowledged ${acknowledged}${failed ? `, failed ${failed}` : ''}`);
    process.exit(0);
  });
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
