/**
 * Web host entry (out/main/host.js):
 * `node out/main/host.js [--port N] [--data-dir DIR] [--open] [--no-default-models] [--demo-assets N] [--demo-interval S] [--demo-kind K]`.
 * Runs the same services as the Electron shell and prints the URL (with this launch's token).
 *
 * `--demo-assets N`: a data folder's first start registers a demo fleet of N assets (milling centres
 * and pump motors alternating) instead of the usual 12; `--demo-interval S` makes every one of them
 * read every S simulated seconds (default: each kind's own spacing, 180 s milling, 600 s motors);
 * `--demo-kind milling|motor` makes them all of one kind (default `mixed`). These are written to
 * the folder with the register (with --demo-interval the clock starts at 1×, not 100×) and ignored
 * by later starts on it (a register exists then). For load tests: `npm run bench:ui` runs the
 * Fleet view on 10,000 milling centres reading at 1 Hz.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EventHub } from '../services/events';
import { createRuntime } from '../services/runtime';
import { createDataHost, createStorageHost, createTrainPool, createTwinHost } from '../workers/hosts';
import { DATABASE_FILE, VERSION } from '../common/app-meta';
import { lockDataFolder } from '../store/data-lock';
import { createFileLog, logDirOf } from '../store/log-file';
import { ASSET_KINDS, demoFleet, type AssetKind } from '../twin/assets';
import { openInBrowser } from './open-browser';
import { startWebHost } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    open: { type: 'boolean', default: false },
    // Skips training the default models at first start (tests and benchmarks that measure something else).
    'no-default-models': { type: 'boolean', default: false },
    // A first start's demo fleet of N assets reading every S simulated seconds (see above).
    'demo-assets': { type: 'string' },
    'demo-interval': { type: 'string' },
    'demo-kind': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number (0 = any free port), got "${values.port}"`);
  process.exit(2);
}
const demoAssets = values['demo-assets'] === undefined ? null : Number(values['demo-assets']);
if (demoAssets !== null && !(Number.isInteger(demoAssets) && demoAssets >= 1 && demoAssets <= 100_000)) {
  console.error(`--demo-assets must be a number of assets from 1 to 100000, got "${values['demo-assets']}"`);
  process.exit(2);
}
const demoInterval = values['demo-interval'] === undefined ? null : Number(values['demo-interval']);
if (demoInterval !== null && !(demoInterval >= 0.1 && demoInterval <= 86_400)) {
  console.error(`--demo-interval must be seconds from 0.1 to 86400, got "${values['demo-interval']}"`);
  process.exit(2);
}
const demoKind = values['demo-kind'] ?? 'mixed';
if (!['mixed', ...ASSET_KINDS].includes(demoKind)) {
  console.error(`--demo-kind must be mixed, ${ASSET_KINDS.join(' or ')}, got "${demoKind}"`);
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
let writable = true;
try {
  lock = lockDataFolder(dataDir);
} catch (e) {
  if (!['EACCES', 'EPERM', 'EROFS', 'ENOENT'].includes((e as NodeJS.ErrnoException).code ?? '')) {
    // The folder, and its log, belong to another Twinscope: nothing is written there.
    console.error(`Twinscope web host not started: ${(e as Error).message}`);
    process.exit(3);
  }
  writable = false;
  console.error(`The data folder ${dataDir} cannot be written (${(e as Error).message}): Twinscope runs, but saves nothing.`);
}
process.on('exit', () => lock.release());
// `<data folder>/logs/twinscope.log`: start-up, the URL without its token, refusals and errors. A
// folder that cannot be written has no log either (the line above has said why).
const log = createFileLog(logDirOf(dataDir), writable ? {} : { onWriteError: () => undefined });
process.on('uncaughtExceptionMonitor', (e, origin) => log.error('host', `${origin}: ${e.stack ?? e.message}`));
log.info('host', `Twinscope ${VERSION} web host starting: Node ${process.versions.node}, ${process.platform} ${process.arch}, pid ${process.pid}; data folder ${dataDir}`);
if (lock.stale) log.warn('host', 'the last run did not shut down cleanly: the database is checked in the background');
// Built layout: out/main/host.js beside out/renderer/, with datasets/ at the project root.
const root = resolve(__dirname, '..', '..');

/**
 * A first start's demo fleet of another size: written as the register (and the reading interval as
 * the `demo` document) before the twin starts, so the twin takes it as if it had been stored. A
 * folder that already has a register keeps it. A store that fails here is reported by the runtime.
 */
async function seedDemoFleet(storage: ReturnType<typeof createStorageHost>): Promise<void> {
  if (demoAssets === null && demoInterval === null && demoKind === 'mixed') return;
  try {
    const docs = await storage.call('readTwinState', ['register']);
    if (docs.register) return console.log('--demo-assets/--demo-interval ignored: this data folder already has an asset register');
    // A fleet reading that often starts at real time (1×): at the usual 100× it would read 100 times a second.
    const fast = demoInterval !== null ? { demo: { intervalS: demoInterval }, clock: { speed: 1, paused: false } } : {};
    await storage.call('writeTwinState', { register: demoFleet(demoAssets ?? 12, demoKind === 'mixed' ? ASSET_KINDS : [demoKind as AssetKind]), ...fast });
  } catch {
    // Damaged or unwritable: the runtime opens the store again and says so.
  }
}

async function main(): Promise<void> {
  const storage = createStorageHost(join(dataDir, DATABASE_FILE));
  await seedDemoFleet(storage);
  // The window is served while the services start (workers, database, models): the browser loads
  // and parses the app meanwhile, and its first requests wait for the services (cold start).
  const events = new EventHub();
  const starting = createRuntime({
    events,
    transport: 'web',
    version: VERSION,
    dataDir,
    datasetsDir: join(root, 'datasets'),
    storage,
    data: createDataHost(),
    train: createTrainPool(),
    twin: createTwinHost(),
    defaultModels: !values['no-default-models'],
    uncleanShutdown: lock.stale,
  });
  // Awaited below; a failure before then must not count as unhandled (main's catch reports it).
  starting.catch(() => undefined);
  const host = await startWebHost({
    port,
    rendererDir: join(root, 'out', 'renderer'),
    dispatch: async (channel, payload) => (await starting).dispatch(channel, payload),
    events,
    log: (line) => {
      console.log(`[web host] ${line}`);
      log.warn('host', line);
    },
  });
  // The token stays on the console: whoever can read the log file must not be able to open the app.
  const withoutToken = new URL(host.url);
  withoutToken.search = '';
  log.info('host', `serving ${withoutToken.href}`);
  console.log(`Twinscope ${VERSION} web host, data folder ${dataDir}`);
  console.log(`Open Twinscope at: ${host.url}   (Ctrl+C stops it)`);
  // A fixed, machine-readable line for scripts and the end-to-end tests.
  console.log(`TWINSCOPE_URL=${host.url}`);
  if (values.open && !(await openInBrowser(host.url))) console.log('Could not open a browser here: open the URL above yourself.');
  const runtime = await starting;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info('host', `stopping (${signal})`);
    await host.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: Error) => {
  log.error('host', e);
  console.error(`Twinscope web host failed to start: ${e.message}`);
  process.exit(1);
});
