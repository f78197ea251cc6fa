/**
 * A 1 M-row file through the UI: the page must stay responsive (no main-thread task over 100 ms,
 * observed with PerformanceObserver 'longtask') while the file uploads and the view loads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';

// Playwright's trace recorder snapshots the DOM inside the page on every step, which itself shows up
// as long tasks; this test measures the app, so it records no trace.
test.use({ trace: 'off' });

// Measured alone: the first start's background model training would share the two cores.
test.use({ defaultModels: false });

test('importing 1,000,000 rows keeps the main thread free of long tasks', async ({ page, host }) => {
  test.setTimeout(180_000);
  // 1 M rows in the AI4I schema: the bundled 10,000 rows a hundred times, renumbered.
  const [header, ...rows] = readFileSync('datasets/milling-ai4i.csv', 'utf8').trim().split('\n');
  const parts = [header];
  for (let k = 0; k < 100; k++) for (let i = 0; i < rows.length; i++) parts.push(`${k * rows.length + i + 1}${rows[i].slice(rows[i].indexOf(','))}`);
  const dir = mkdtempSync(join(tmpdir(), 'twinscope-1m-'));
  const file = join(dir, 'milling-1m.csv');
  writeFileSync(file, parts.join('\n') + '\n');

  await page.addInitScript(() => {
    const w = globalThis as unknown as { __longTasks: [number, number][] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask' as 'mark', buffered: true });
  });
  const now = () => page.evaluate(() => Math.round(performance.now()));
  const marks: string[] = [];
  await page.goto(host.url);
  // The app opens on the live fleet; the dataset overview is under Data.
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('stat-rows-value')).toHaveText('10,000');
  await expect(page.getByTestId('correlation-heatmap').locator('.heat-cell').first()).toBeVisible();
  // Only what happens from here on is measured: the initial page load is not this test's subject.
  await page.evaluate(() => ((globalThis as unknown as { __longTasks: unknown[] }).__longTasks.length = 0));

  marks.push(`upload ${await now()}`);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await expect(page.getByTestId('mapping-table')).toBeVisible({ timeout: 120_000 });
  marks.push(`mapping ${await now()}`);
  await expect(page.getByTestId('import-summary')).toContainText('1,000,000 rows');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('stat-rows-value')).toHaveText('1,000,000', { timeout: 60_000 });
  marks.push(`overview ${await now()}`);
  await expect(page.getByTestId('box-plots').locator('figure').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('correlation-heatmap').locator('.heat-cell').first()).toBeVisible();
  marks.push(`done ${await now()}`);
  // Read before the screenshot: a full-page capture re-lays out and paints the page at its whole
  // height, which is the test tool's work (measured 245 ms once under CI load), not the app's.
  const longTasks = await page.evaluate(() => (globalThis as unknown as { __longTasks: [number, number][] }).__longTasks);
  await page.screenshot({ path: 'test-results/import-1m.png', fullPage: true });
  console.log(`[1M import] phases ${marks.join(', ')}; long tasks [start, ms]: ${JSON.stringify(longTasks)}`);
  // Reading and validating a million rows happens in workers, and the view mounts its charts one per
  // frame with light-weight axes and shapes (components/Staged, lib/chart): no task may block the page.
  expect(longTasks.filter(([, d]) => d > 100)).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
});
