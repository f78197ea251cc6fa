#!/usr/bin/env node
/**
 * `npm start`: installs on first run, builds when sources changed, then opens Twinscope —
 * the Electron window where Electron's binary is available, otherwise the local web host in the
 * browser, saying why. Plain Node with no dependencies, so it runs on a fresh clone.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, electronSqliteBinding } from './electron-env.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const isWin = process.platform === 'win32';
const forceWeb = process.argv.includes('--web');
const say = (line) => console.log(`[twinscope] ${line}`);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: isWin, env: { ...process.env, ...env } });
  return r.status === 0;
}

function install() {
  if (existsSync(join(root, 'node_modules', '.package-lock.json'))) return;
  const npmArgs = existsSync(join(root, 'package-lock.json')) ? ['ci'] : ['install'];
  say('First run: installing dependencies…');
  if (run('npm', npmArgs)) return;
  // Electron's installer fetches its binary from GitHub; where that is unreachable the install fails,
  // and only this variable skips the download (an .npmrc setting cannot).
  say('The install failed, most likely while downloading the Electron binary. Retrying without it (ELECTRON_SKIP_BINARY_DOWNLOAD=1);');
  say('Twinscope will then run as a local web host in your browser.');
  if (!run('npm', npmArgs, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })) {
    console.error('[twinscope] npm install failed twice; see the messages above.');
    process.exit(1);
  }
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function build() {
  const marker = join(root, 'out', 'main', 'host.js');
  const sources = Math.max(newestMtime(join(root, 'src-main')), newestMtime(join(root, 'src-renderer')));
  if (existsSync(marker) && existsSync(join(root, 'out', 'renderer', 'index.html')) && statSync(marker).mtimeMs >= sources) return;
  say('Building…');
  if (!run('npm', ['run', 'build'])) process.exit(1);
}

function startWebHost(reason) {
  say(reason);
  say('Starting Twinscope as a local web host instead; it opens in your browser (or open the URL printed below).');
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'host.js'), '--open', ...process.argv.slice(2).filter((a) => a !== '--web')], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

install();
build();
if (forceWeb) {
  startWebHost('--web given.');
} else {
  const electron = electronBinary(root, { download: true, say });
  if (!electron) {
    startWebHost("Electron's binary is not installed on this machine (its download was skipped or could not reach GitHub).");
  } else {
    const binding = electronSqliteBinding(root, { say });
    if (!binding) {
      startWebHost('The SQLite module could not be built for Electron here.');
    } else {
      const child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit', env: { ...process.env, TWINSCOPE_SQLITE_BINDING: binding } });
      child.on('exit', (code) => process.exit(code ?? 0));
    }
  }
}
