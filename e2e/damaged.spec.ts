/**
 * A database damaged by a power cut: the host starts anyway (never a crash), checks the file in the
 * background because the last run did not shut down, shows the damage and offers the automatic
 * backup; restoring it brings back what the backup held.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
// The app's database file name (src-main/common/app-meta.ts; that module reads package.json, which Playwright's loader cannot import).
const DATABASE_FILE = 'twinscope.db';
import { LOCK_FILE } from '../src-main/store/data-lock';
import { tearTable } from '../src-main/store/damage-fixture';
import { createStorageApi } from '../src-main/store/storage-api';
import { expect, startHost, test } from './fixtures';

test('a damaged database is reported after an unclean shutdown and the backup restores it', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'twinscope-e2e-damaged-'));
  const file = join(dataDir, DATABASE_FILE);
  // Yesterday's run: settings and history, and one automatic backup of them.
  const api = createStorageApi(file);
  api.updateSettings({ operatorName: 'Backup shift' });
  // The two days before the demo fleet's start (2026-03-02 06:00 UTC), so the 7-day retention keeps them.
  const start = Date.UTC(2026, 2, 2, 6);
  api.appendHistory({ batch: 1, rows: Array.from({ length: 3000 }, (_, i) => ({ assetId: `MTR-0${1 + (i % 6)}`, t: start - (3000 - i) * 60_000, readings: { temperatureC: 60 + (i % 9) }, probability: null, modelVersion: null })) });
  api.backup();
  api.close();
  // Then the power went: the history table's root page is torn, and the lock of the dead run is left behind.
  tearTable(file, 'history_raw');
  writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 7, host: hostname(), startedAt: 'yesterday' }));

  const host = await startHost(dataDir, { defaultModels: false });
  try {
    await page.goto(host.url);
    const banner = page.getByTestId('damage-banner');
    await expect(banner).toContainText('The database is damaged (SQLite', { timeout: 30_000 });
    await expect(page.getByTestId('fleet-list').locator('[data-testid^="fleet-row-"]')).toHaveCount(12);
    await page.screenshot({ path: 'test-results/damaged-banner.png' });
    await page.getByTestId('restore-backup').click();
    await expect(banner).toHaveCount(0);
    // Saving works again (the twin's next readings are stored): no "Not saving" banner.
    await expect(page.getByTestId('storage-banner')).toHaveCount(0, { timeout: 20_000 });
    await page.getByTestId('nav-settings').click();
    await expect.poll(async () => {
      await page.getByTestId('storage-panel').getByRole('button', { name: 'Refresh' }).click();
      return page.getByTestId('storage-state').textContent();
    }, { timeout: 20_000 }).toBe('Saving normally.');
    // The restored file holds the backup's history (and the twin's readings since).
    await expect(page.getByTestId('storage-usage')).toContainText(/\b3,\d{3} readings/);
    await expect(page.getByTestId('settings-operator-name-input')).toHaveValue('Backup shift');
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
