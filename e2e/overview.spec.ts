import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

/** Counts taken straight from the bundled file, independently of the app's parser. */
function fileFacts(file: string) {
  const [header, ...rows] = readFileSync(`datasets/${file}`, 'utf8').trim().split('\n');
  const cols = header.split(',');
  const label = cols.indexOf(file.startsWith('milling') ? 'Machine failure' : 'failure');
  const cells = rows.map((r) => r.split(','));
  return { rows: rows.length, columns: cols.length, failures: cells.filter((c) => c[label] === '1').length, cols, cells };
}

const format = (n: number) => n.toLocaleString('en-US');

test('the dataset overview loads with no console errors and shows the numbers in the file', async ({ page, host }) => {
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(host.url);
  // The app opens on the live fleet; the dataset overview is under Data.
  await page.getByTestId('nav-data').click();

  const milling = fileFacts('milling-ai4i.csv');
  await expect(page.getByTestId('stat-rows-value')).toHaveText(format(milling.rows));
  // UDI and Product ID are identifiers, ignored by the AI4I mapping.
  await expect(page.getByTestId('stat-columns-value')).toHaveText(String(milling.columns - 2));
  await expect(page.getByTestId('stat-failures-value')).toHaveText(format(milling.failures));
  await expect(page.getByTestId('status')).toContainText('Connected');
  await expect(page.getByTestId('status')).toContainText('Web host');

  // Failures by mode: each bar's label is the count of its flag column.
  for (const mode of ['TWF', 'HDF', 'PWF', 'OSF', 'RNF']) {
    const idx = milling.cols.indexOf(mode);
    const count = milling.cells.filter((c) => c[idx] === '1').length;
    await expect(page.getByTestId('mode-chart').locator('text').filter({ hasText: new RegExp(`^${count}$`) }).first()).toBeVisible();
  }
  // The histogram is drawn: one step path per class, with a step for every bin (40 bins).
  const histogram = page.getByTestId('class-histogram');
  const areas = histogram.locator('path.recharts-area-area');
  await expect(areas).toHaveCount(2);
  for (const d of await areas.evaluateAll((paths) => paths.map((p) => p.getAttribute('d') ?? ''))) expect((d.match(/L/g) ?? []).length).toBeGreaterThan(40);
  await page.getByTestId('histogram-column').selectOption('Torque [Nm]');
  await expect(areas).toHaveCount(2);
  await page.screenshot({ path: 'test-results/overview-milling.png', fullPage: true });

  const motor = fileFacts('motor-fleet.csv');
  await page.getByRole('tab', { name: /motor fleet/i }).click();
  await expect(page.getByTestId('stat-rows-value')).toHaveText(format(motor.rows));
  await expect(page.getByTestId('stat-failures-value')).toHaveText(format(motor.failures));
  await expect(page.getByTestId('stat-assets-value')).toHaveText('20');
  await page.screenshot({ path: 'test-results/overview-motor.png', fullPage: true });

  expect(problems).toEqual([]);
});
