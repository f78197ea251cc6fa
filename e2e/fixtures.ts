/**
 * Starts the real web host (out/main/host.js, built by `npm run build`) on a free port with a
 * fresh temporary data folder, and stops it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface RunningHost {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  output: () => string;
}

export async function startHost(
  dataDir = mkdtempSync(join(tmpdir(), 'twinscope-e2e-')),
  /** `user`: run the host as this uid/gid (root only), for permission faults root would ignore. */
  opts: { defaultModels?: boolean; user?: { uid: number; gid: number } } = {},
): Promise<RunningHost & { stop(): Promise<void>; kill(): Promise<void> }> {
  // Tests of something else than the live twin can skip the first start's background training.
  const args = ['out/main/host.js', '--port', '0', '--data-dir', dataDir, ...(opts.defaultModels === false ? ['--no-default-models'] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(opts.user ?? {}) });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /TWINSCOPE_URL=(\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}:\n${output}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token')!,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    },
    /** Pulls the plug: SIGKILL, no shutdown code runs (what a power cut does to the process). */
    async kill() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

export const test = base.extend<{ host: RunningHost; defaultModels: boolean }>({
  /** A new user's first start shows a guided tour; these tests are not about it (e2e/shell.spec.ts is). */
  page: async ({ page }, use) => {
    await page.addInitScript("localStorage.setItem('twinscope.tourDone', '1')");
    await use(page);
  },
  /** `test.use({ defaultModels: false })`: the host skips the first start's background training. */
  defaultModels: [true, { option: true }],
  host: async ({ defaultModels }, use) => {
    const host = await startHost(undefined, { defaultModels });
    await use(host);
    await host.stop();
    rmSync(host.dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
