/**
 * Electron on a developer's machine: where its binary is, and a better-sqlite3 built for its ABI
 * (node_modules keeps the Node build, which the web host and the tests use).
 * Shared by `npm start` and the Electron end-to-end test.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const isWin = process.platform === 'win32';

/** The Electron executable, downloading it once if it is missing; null where it cannot be had. */
export function electronBinary(root, { download = false, say = () => {} } = {}) {
  const pkgDir = join(root, 'node_modules', 'electron');
  const located = () => {
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const exe = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(exe) ? exe : null;
  };
  if (located() || !download || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return located();
  say('Fetching the Electron binary (once)…');
  spawnSync(process.execPath, [join(pkgDir, 'install.js')], { cwd: root, stdio: 'ignore', timeout: 300_000 });
  return located();
}

/**
 * better-sqlite3 in node_modules is built for Node (the web host and the tests). Electron needs
 * one built for its own ABI: build that copy once in .electron-native/ and point the app at it.
 */
export function electronSqliteBinding(root, { build = true, say = () => {} } = {}) {
  const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const dir = join(root, '.electron-native', `${version}-${process.platform}-${process.arch}`);
  const binding = join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  if (!build) return null;
  say(`Building the SQLite module for Electron ${version} (once)…`);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const mod of ['better-sqlite3', 'bindings', 'file-uri-to-path']) {
    cpSync(join(root, 'node_modules', mod), join(dir, 'node_modules', mod), { recursive: true, filter: (src) => !src.includes(`${mod}${isWin ? '\\' : '/'}build`) });
  }
  const sqliteVersion = JSON.parse(readFileSync(join(dir, 'node_modules', 'better-sqlite3', 'package.json'), 'utf8')).version;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'twinscope-electron-native', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }));
  const rebuild = join(root, 'node_modules', '.bin', isWin ? 'electron-rebuild.cmd' : 'electron-rebuild');
  const r = spawnSync(rebuild, ['--version', version, '--module-dir', dir, '--only', 'better-sqlite3', '--force'], { cwd: root, stdio: 'inherit', shell: isWin });
  return r.status === 0 && existsSync(binding) ? binding : null;
}

