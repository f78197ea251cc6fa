/**
 * `npm run bench:ui`'s web hosts: the real built host (out/main/host.js) as a child process with the
 * arguments a scene needs, its printed URL, and a clean stop. Like e2e/fixtures.ts, plus extra
 * arguments and the real time the process was spawned (for the cold-start figure).
 */
import { spawn } from 'node:child_process';

export interface BenchHost {
  url: string;
  /** Date.now() just before the process was spawned. */
  spawnedAt: number;
  /** Date.now() when the host printed its URL (it serves the page from then on). */
  servingAt: number;
  output(): string;
  stop(): Promise<void>;
}

export async function startHost(dataDir: string, extra: string[] = []): Promise<BenchHost> {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ['out/main/host.js', '--port', '0', '--data-dir', dataDir, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const m = /TWINSCOPE_URL=(\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const servingAt = Date.now();
  return {
    url,
    spawnedAt,
    servingAt,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      // A host that does not stop in time is killed (its data folder is a throwaway one).
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
