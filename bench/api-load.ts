/**
 * The load generator of `npm run bench:api`, run as a separate process (so its own work never
 * shares the server's event loop). Keep-alive connections; single-row POST /predict without
 * reasons, cycling through real rows. Two modes:
 * - `paced`: open loop at `rate` requests/s — sends are scheduled on a 1 ms tick whatever the
 *   replies do, so a slow server shows as latency, not as a politely lower rate;
 * - `unthrottled`: closed loop, `connections` requests in flight at all times.
 * Latency is measured from the moment a request is written to its last response byte.
 * Reports over IPC: { sent, completed, statuses, seconds, latenciesMs (sorted sample summary) }.
 */
import { Agent, request } from 'node:http';

export interface LoadJob {
  url: string;
  token: string;
  bodies: string[];
  mode: 'paced' | 'unthrottled';
  rate: number;
  seconds: number;
  connections: number;
}

export interface LoadResult {
  mode: LoadJob['mode'];
  sent: number;
  completed: number;
  seconds: number;
  statuses: Record<string, number>;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const url = new URL('/predict', job.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0, completed = 0, errors = 0, inFlight = 0;

  const fire = (done?: () => void) => {
    const body = job.bodies[sent % job.bodies.length];
    sent++;
    inFlight++;
    const t0 = performance.now();
    const req = request(url, {
      method: 'POST', agent,
      headers: { Authorization: `Bearer ${job.token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => {
        latencies.push(performance.now() - t0);
        statuses[res.statusCode!] = (statuses[res.statusCode!] ?? 0) + 1;
        completed++;
        inFlight--;
        done?.();
      });
    });
    req.on('error', () => {
      errors++;
      inFlight--;
      done?.();
    });
    req.end(body);
  };

  const start = performance.now(), end = start + job.seconds * 1000;
  if (job.mode === 'paced') {
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const due = Math.floor(((Math.min(now, end) - start) / 1000) * job.rate);
        while (sent < due) fire();
        if (now >= end) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
  } else {
    await new Promise<void>((resolve) => {
      let open = job.connections;
      const loop = () => {
        if (performance.now() < end) fire(loop);
        else if (--open === 0) resolve();
      };
      for (let c = 0; c < job.connections; c++) loop();
    });
  }
  // Let the last replies arrive (they count; a server that stalls shows here).
  const drainUntil = performance.now() + 5000;
  while (inFlight > 0 && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return { mode: job.mode, sent, completed, seconds, statuses, errors, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!(result, () => process.exit(0)),
    (e: Error) => {
      console.error(e);
      process.exit(1);
    },
  );
});
