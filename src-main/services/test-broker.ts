/**
 * A real mosquitto for tests and benchmarks, configured as a plant broker would be: persistence
 * on (a temporary data folder), optional password file, on a free loopback port. It can be
 * stopped with SIGTERM (mosquitto saves its database) or SIGKILL (it loses what it had not saved
 * yet, bounded by its autosave settings) and started again on the same port and data folder.
 * Never a system service: one process per test, its files in a temporary folder.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const MOSQUITTO = '/usr/sbin/mosquitto';
const MOSQUITTO_PASSWD = '/usr/bin/mosquitto_passwd';

export interface BrokerOptions {
  /** user → password; absent: anonymous clients are allowed. */
  users?: Record<string, string>;
  /**
   * Seconds between saves of the in-memory database (mosquitto's default is 1800), or with
   * `autosaveOnChanges` the number of changes (queued messages, subscriptions) that triggers one.
   */
  autosaveInterval?: number;
  autosaveOnChanges?: boolean;
  /** QoS 1 messages queued per offline client (mosquitto's default 1000; a plant broker raises it). 0: no limit. */
  maxQueuedMessages?: number;
  /** QoS 1 messages in flight per client (mosquitto's default 20). */
  maxInflightMessages?: number;
}

/** Why broker tests cannot run here (null: they can). */
export function brokerMissing(): string | null {
  return existsSync(MOSQUITTO) ? null : `${MOSQUITTO} is not installed (apt-get install -y mosquitto): broker tests skipped`;
}

export class TestBroker {
  private proc: ChildProcess | null = null;
  private log = '';

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly conf: string,
  ) {}

  static async start(opts: BrokerOptions = {}): Promise<TestBroker> {
    const dir = mkdtempSync(join(tmpdir(), 'twinscope-mosquitto-'));
    const data = join(dir, 'data');
    mkdirSync(data);
    const port = await freePort();
    const lines = [
      `listener ${port} 127.0.0.1`,
      // Running as root, mosquitto would switch to the 'mosquitto' user, who cannot write the temporary folder.
      `user ${userInfo().username}`,
      'persistence true',
      `persistence_location ${data}/`,
      `autosave_interval ${opts.autosaveInterval ?? 1800}`,
      `autosave_on_changes ${opts.autosaveOnChanges ? 'true' : 'false'}`,
      `max_queued_messages ${opts.maxQueuedMessages ?? 1000}`,
      `max_inflight_messages ${opts.maxInflightMessages ?? 20}`,
      'log_dest stderr',
      'log_type error',
      'log_type warning',
    ];
    if (opts.users) {
      const file = join(dir, 'passwd');
      for (const [i, [user, password]] of Object.entries(opts.users).entries()) execFileSync(MOSQUITTO_PASSWD, [...(i === 0 ? ['-c'] : []), '-b', file, user, password]);
      lines.push('allow_anonymous false', `password_file ${file}`);
    } else lines.push('allow_anonymous true');
    const conf = join(dir, 'mosquitto.conf');
    writeFileSync(conf, `${lines.join('\n')}\n`);
    const broker = new TestBroker(port, dir, conf);
    await broker.restart();
    return broker;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.proc !== null;
  }

  /** What mosquitto wrote to stderr (errors and warnings), for a failing test's message. */
  get output(): string {
    return this.log;
  }

  /** Starts mosquitto on the same port and data folder (after a stop); resolves once it accepts connections. */
  async restart(): Promise<void> {
    if (this.proc) throw new Error('the broker is already running');
    const proc = spawn(MOSQUITTO, ['-c', this.conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    proc.stderr!.on('data', (b: Buffer) => (this.log = (this.log + b.toString()).slice(-4000)));
    this.proc = proc;
    const exited = new Promise<never>((_, reject) => proc.once('exit', (code) => reject(new Error(`mosquitto exited (${code}) at start: ${this.log}`))));
    await Promise.race([waitForPort(this.port, 5000), exited]);
  }

  /** SIGTERM: mosquitto saves its database and exits. SIGKILL: it dies with whatever it had not saved. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.proc = null;
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    await gone;
  }

  async close(): Promise<void> {
    await this.stop('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({ port, host: '127.0.0.1' }, () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`mosquitto did not listen on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
