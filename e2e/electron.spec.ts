/**
 * Launches the real Electron app where Electron's binary exists. On machines where it cannot be
 * installed (no access to its download), the test is skipped and says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { electronBinary, electronSqliteBinding } from '../scripts/electron-env.mjs';
import { expect, test } from './fixtures';

const executable = electronBinary(process.cwd());
const reason = 'Electron binary not installed on this machine (node_modules/electron/dist is missing: its download was skipped)';
if (!executable) console.log(`[electron e2e] skipped: ${reason}`);

test('the Electron window opens the overview over IPC', async () => {
  // Skipped, with its printed reason, only where Electron's binary cannot be installed (no access to its download).
  test.skip(!executable, reason);
  const userData = mkdtempSync(join(tmpdir(), 'twinscope-electron-'));
  const binding = electronSqliteBinding(process.cwd(), { say: console.log });
  // Electron needs its own build of the SQLite module; without a compiler or Electron headers it cannot run the app.
  test.skip(!binding, 'better-sqlite3 could not be built for Electron on this machine');
  const app = await electron.launch({
    executablePath: executable!,
    args: ['.'],
    env: { ...process.env, TWINSCOPE_SQLITE_BINDING: binding!, TWINSCOPE_DATA_DIR: userData },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('status')).toContainText('Desktop app');
    await window.getByTestId('nav-data').click();
    await expect(window.getByTestId('stat-rows-value')).toHaveText('10,000');
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0];
      // getLastWebPreferences is public API but missing from Electron's type definitions.
      return (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
    });
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  } finally {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  }
});
