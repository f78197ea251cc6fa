/**
 * The load generator of `npm run bench:api`, run as a separate process (so its own work never
 * shares the server's event loop). Single-row POST /predict without reasons over keep-alive
 * connections, cycling through real rows. Two modes:
 * - `paced`: open loop at `rate` requests/s — sends are scheduled on a 1 ms tick whatever the
 *   replies do, so a slow server shows as latency, not as a politely lower rate; a request due
 *   while every connection is busy waits for one, and that wait counts in its latency;
 * - `unthrottled`: closed loop, `connections` requests in flight at all times.
 * Latency runs from the tick that sends a request (including any wait for a free connection) to
 * its last response byte.
 *
 * Requests are prebuilt bytes written to raw sockets and responses are framed by Content-Length,
 * as wrk and autocannon do: node:http's client costs ~200 µs of CPU per call, and on two cores
 * that work and its garbage collections showed up in the measured tail as if the server were slow.
 * Reports over IPC: { sent, completed, statuses, seconds, p50, p99, max }.
 */
import { connect, type Socket } from 'node:net';

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
  /** Requests sent again because the server had just closed their idle keep-alive connection. */
  retried: number;
  p50: number;
  p99: number;
  max: number;
}

function percentile(sorted: Float64Array, q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;
const CLOSE = /\r\nconnection:[ \t]*close/i;

/** One keep-alive connection with at most one request in flight. */
class Connection {
  private socket!: Socket;
  private pending: Buffer = Buffer.alloc(0);
  private t0 = 0;
  busy = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly done: (status: number | 'retry' | null, startedAt: number) => void,
  ) {
    this.open();
  }

  send(request: Buffer, startedAt: number): void {
    this.busy = true;
    this.t0 = startedAt;
    this.socket.write(request);
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }

  private open(): void {
    this.pending = Buffer.alloc(0);
    this.socket = connect({ host: this.host, port: this.port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => {
      // Closed with no answer begun: the server timed the idle keep-alive connection out as the
      // request was written, and never read it. Sent again, as browsers do (/predict changes
      // nothing); closed mid-answer, it is an error.
      if (this.busy) this.finish(this.pending.length === 0 ? 'retry' : null);
      this.open();
    });
  }

  private read(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const end = this.pending.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.pending.toString('latin1', 0, end);
    const length = Number(CONTENT_LENGTH.exec(head)?.[1] ?? 0);
    if (this.pending.length < end + 4 + length) return;
    this.pending = this.pending.subarray(end + 4 + length);
    this.finish(Number(head.slice(9, 12)));
    if (CLOSE.test(head)) this.socket.destroy();
  }

  private finish(status: number | 'retry' | null): void {
    this.busy = false;
    this.done(status, this.t0);
  }
}

async function run(job: LoadJob): Promise<LoadResult> {
  const url = new URL('/predict', job.url);
  const requests = job.bodies.map((body) => Buffer.from(
    `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${job.token}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: keep-alive\r\n\r\n${body}`,
  ));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0, completed = 0, errors = 0, inFlight = 0, retried = 0;
  /** Paced requests waiting for a free connection: the time of the tick that sent each (its latency's start). */
  const waiting: number[] = [];
  let next: () => void = () => undefined;

  const connections: Connection[] = [];
  const onDone = (status: number | 'retry' | null, startedAt: number): void => {
    inFlight--;
    if (status === 'retry') {
      sent--;
      retried++;
      if (job.mode === 'paced') waiting.unshift(startedAt);
    } else if (status === null) errors++;
    else {
      latencies.push(performance.now() - startedAt);
      statuses[status] = (statuses[status] ?? 0) + 1;
      completed++;
    }
    next();
  };
  for (let c = 0; c < job.connections; c++) connections.push(new Connection(url.hostname, Number(url.port), onDone));
  const fire = (startedAt: number): boolean => {
    const free = connections.find((c) => !c.busy);
    if (!free) return false;
    free.send(requests[sent % requests.length], startedAt);
    sent++;
    inFlight++;
    return true;
  };

  const start = performance.now(), end = start + job.seconds * 1000;
  if (job.mode === 'paced') {
    next = () => {
      while (waiting.length && fire(waiting[0])) waiting.shift();
    };
    // A request's clock starts on the tick that sends it (ticks are ~1 ms apart, so counting from
    // its exact due time would add the tick's own granularity to every latency).
    let scheduled = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const due = Math.floor(((Math.min(now, end) - start) / 1000) * job.rate);
        for (; scheduled < due; scheduled++) waiting.push(now);
        next();
        if (now >= end) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
  } else {
    await new Promise<void>((resolve) => {
      next = () => {
        if (performance.now() < end) fire(performance.now());
        else if (inFlight === 0) resolve();
      };
      for (let c = 0; c < job.connections; c++) next();
    });
  }
  // Let the last replies arrive (they count; a server that stalls shows here).
  const drainUntil = performance.now() + 5000;
  while ((inFlight > 0 || waiting.length > 0) && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - start) / 1000;
  for (const c of connections) c.close();
  const sorted = Float64Array.from(latencies).sort();
  return { mode: job.mode, sent, completed, seconds, statuses, errors, retried, p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted[sorted.length - 1] ?? NaN };
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
