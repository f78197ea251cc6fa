/**
 * A data folder the app cannot write (tested as an unprivileged user: root ignores permissions):
 * the host starts, says it is not saving, and the simulation runs; once the folder is fixed, the
 * next start saves normally and the file is sound.
 */
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, startHost, test } from './fixtures';

const NOBODY = { uid: 65534, gid: 65534 };

test('an unwritable data folder: a visible error, the fleet runs on, and saving works once fixed', async ({ page }) => {
  test.skip(process.getuid?.() !== 0, 'needs root, to start the host as the unprivileged user "nobody"');
  const dataDir = mkdtempSync(join(tmpdir(), 'twinscope-e2e-unwritable-'));
  try {
    // Readable, not writable, for nobody.
    chmodSync(dataDir, 0o755);
    const host = await startHost(dataDir, { defaultModels: false, user: NOBODY });
    try {
      await page.goto(host.url);
      await expect(page.getByTestId('storage-banner')).toContainText('cannot be written');
      await expect(page.getByTestId('fleet-list').locator('[data-testid^="fleet-row-"]')).toHaveCount(12);
      const clock = await page.getByTestId('sim-clock').textContent();
      await page.getByTestId('speed-1000').click();
      await expect(page.getByTestId('sim-clock')).not.toHaveText(clock!);
      await page.screenshot({ path: 'test-results/unwritable.png' });
    } finally {
      await host.stop();
    }
    // Fixed: the folder is nobody's now. The next start saves, and the file is sound.
    chownSync(dataDir, NOBODY.uid, NOBODY.gid);
    const fixed = await startHost(dataDir, { defaultModels: false, user: NOBODY });
    try {
      await page.goto(fixed.url);
      await expect(page.getByTestId('fleet-list').locator('[data-testid^="fleet-row-"]')).toHaveCount(12);
      await page.getByTestId('nav-settings').click();
      await expect(page.getByTestId('storage-state')).toHaveText('Saving normally.');
      await expect(page.getByTestId('storage-banner')).toHaveCount(0);
    } finally {
      await fixed.stop();
    }
    const db = new Database(join(dataDir, 'twinscope.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
