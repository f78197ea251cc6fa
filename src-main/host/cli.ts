/**
 * Web host entry (out/main/host.js): `node out/main/host.js [--port N] [--data-dir DIR] [--open]`.
 * Runs the same services as the Electron shell and prints the URL (with this launch's token).
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRuntime } from '../services/runtime';
import { createDataHost, createStorageHost, createTrainPool, createTwinHost } from '../workers/hosts';
import { DATABASE_FILE, VERSION } from '../common/app-meta';
import { lockDataFolder } from '../store/data-lock';
import { openInBrowser } from './open-browser';
import { startWebHost } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    open: { type: 'boolean', default: false },
    // Skips training the default models at first start (tests and benchmarks that measure something else).
    'no-default-models': { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0 = any free port), got "${values.port}"`);
  process.exit(2);
}
const dataDir = resolve(values['data-dir'] ?? join(homedir(), '.twinscope'));
try {
  mkdirSync(dataDir, { recursive: true });
} catch (e) {
  // Reported by the store (the app runs, saving nothing) rather than refusing to start.
  console.error(`Cannot create the data folder: ${(e as Error).message}`);
}
// One writer per data folder: a second host (or a desktop app) on the same folder is refused. A
// folder that cannot be written cannot be locked either: the app then runs without saving.
let lock: { release(): void; stale: boolean } = { release() {}, stale: false };
try {
  lock = lockDataFolder(dataDir);
} catch (e) {
  if (!['EACCES', 'EPERM', 'EROFS', 'ENOENT'].includes((e as NodeJS.ErrnoException).code ?? '')) {
    console.error(`Twinscope web host not started: ${(e as Error).message}`);
    process.exit(3);
  }
  console.error(`The data folder ${dataDir} cannot be written (${(e as Error).message}): Twinscope runs, but saves nothing.`);
}
process.on('exit', () => lock.release());
// Built layout: out/main/host.js beside out/renderer/, with datasets/ at the project root.
const root = resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const runtime = await createRuntime({
    transport: 'web',
    version: VERSION,
    dataDir,
    datasetsDir: join(root, 'datasets'),
    storage: createStorageHost(join(dataDir, DATABASE_FILE)),
    data: createDataHost(),
    train: createTrainPool(),
    twin: createTwinHost(),
    defaultModels: !values['no-default-models'],
    uncleanShutdown: lock.stale,
  });
  const host = await startWebHost({
    port,
    rendererDir: join(root, 'out', 'renderer'),
    dispatch: runtime.dispatch,
    events: runtime.events,
    log: (line) => console.log(`[web host] ${line}`),
  });
  console.log(`Twinscope ${VERSION} web host, data folder ${dataDir}`);
  console.log(`Open Twinscope at: ${host.url}   (Ctrl+C stops it)`);
  // A fixed, machine-readable line for scripts and the end-to-end tests.
  console.log(`TWINSCOPE_URL=${host.url}`);
  if (values.open && !(await openInBrowser(host.url))) console.log('Could not open a browser here: open the URL above yourself.');
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  console.error(`Twinscope web host failed to start: ${e.message}`);
  process.exit(1);
});
