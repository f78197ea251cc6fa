/**
 * Importing files through the UI, as a planner would: the real AI4I 2020 file (read from
 * ../shared/datasets), then two bad files whose errors must show while the dataset stays loaded.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const AI4I = join(process.cwd(), '..', 'shared', 'datasets', 'ai4i2020.csv');

test('import the real AI4I file: mapping filled in, report, charts; bad files are refused and the dataset stays', async ({ page, host }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(host.url);
  // The app opens on the live fleet; the dataset overview is under Data.
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('stat-rows-value')).toHaveText('10,000');

  await page.getByTestId('import-file').setInputFiles(AI4I);
  await expect(page.getByTestId('mapping-table')).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('recognised as AI4I 2020');
  // The mapping is filled in from the headers.
  await expect(page.getByTestId('role-Machine failure')).toHaveValue('label');
  await expect(page.getByTestId('role-TWF')).toHaveValue('failure-mode');
  await expect(page.getByTestId('role-UDI')).toHaveValue('ignore');
  await expect(page.getByTestId('role-Type')).toHaveValue('categorical-feature');
  // The report: no errors; the file's known quirks are counted.
  const issues = page.getByTestId('import-issues');
  await expect(issues.locator('.issue-error')).toHaveCount(0);
  await expect(issues.locator('[data-code="mode-without-failure"]')).toContainText('18 row(s)');
  await expect(issues.locator('[data-code="failure-without-mode"]')).toContainText('9 failure(s)');
  await expect(issues.locator('[data-code="bom"]')).toBeVisible();
  await page.screenshot({ path: 'test-results/import-mapping.png', fullPage: true });

  // Changing a role re-validates: no label is an error, and importing is blocked until fixed.
  await page.getByTestId('role-Machine failure').selectOption('ignore');
  await expect(issues.locator('[data-code="no-label"]')).toBeVisible();
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await page.getByTestId('role-Machine failure').selectOption('label');
  await expect(page.getByTestId('import-commit')).toBeEnabled();
  await page.getByTestId('import-commit').click();

  await expect(page.getByTestId('dataset-title')).toHaveText('ai4i2020.csv');
  await expect(page.getByTestId('stat-rows-value')).toHaveText('10,000');
  await expect(page.getByTestId('stat-failures-value')).toHaveText('339');
  await expect(page.getByTestId('correlation-heatmap').locator('.heat-cell').first()).toBeVisible();
  await expect(page.getByTestId('box-plots').locator('figure')).toHaveCount(5);
  await expect(page.getByTestId('class-histogram').locator('path.recharts-area-area')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/import-explore.png', fullPage: true });

  // Bad file 1: text in a numeric column.
  const lines = readFileSync(AI4I, 'utf8').split('\n').slice(0, 200);
  lines[120] = lines[120].replace(/,(\d+\.\d),(\d+\.\d),/, ',hot,$2,');
  await page.getByTestId('import-file').setInputFiles({ name: 'bad-text.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('import-issues').locator('[data-code="text-in-numeric"]')).toContainText('Air temperature [K]');
  await expect(page.getByTestId('import-issues').locator('[data-code="text-in-numeric"]')).toContainText('row 121');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Bad file 2: a spreadsheet renamed to .csv is refused outright.
  await page.getByTestId('import-file').setInputFiles({ name: 'report.csv', mimeType: 'text/csv', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]) });
  await expect(page.getByTestId('import-error')).toContainText('Import of report.csv refused: this is a ZIP container');
  await page.screenshot({ path: 'test-results/import-refused.png', fullPage: true });

  // The earlier dataset is still loaded and shown.
  await expect(page.getByTestId('dataset-title')).toHaveText('ai4i2020.csv');
  await expect(page.getByTestId('stat-failures-value')).toHaveText('339');
  // The import is on record (Settings › Storage), the refused files are not.
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('imports').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('imports')).toContainText('ai4i2020.csv');
  await expect(page.getByTestId('imports')).toContainText('10,000 rows × 12 columns, 339 failures');
  expect(problems).toEqual([]);
});

test('a confirmed mapping is remembered for the next file with the same headers', async ({ page, host }) => {
  await page.goto(host.url);
  // The app opens on the live fleet; the dataset overview is under Data.
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('stat-rows-value')).toHaveText('10,000');
  const csv = 'when,unit,temp,state\n2026-01-01T00:00:00Z,A,60,ok\n2026-01-01T00:10:00Z,A,61,failed\n2026-01-01T00:00:00Z,B,59,ok\n';
  await page.getByTestId('import-file').setInputFiles({ name: 'plant.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('role-state')).toHaveValue('categorical-feature');
  await page.getByTestId('role-state').selectOption('label');
  await page.getByTestId('role-unit').selectOption('asset-id');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('dataset-title')).toHaveText('plant.csv');
  await expect(page.getByTestId('stat-assets-value')).toHaveText('2');

  // The second file comes through the keyboard shortcut's file chooser (Ctrl+O, as File › Open…).
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Control+o');
  await (await chooser).setFiles({ name: 'plant-2.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('import-summary')).toContainText('your earlier mapping for this layout was applied');
  await expect(page.getByTestId('role-state')).toHaveValue('label');
  await expect(page.getByTestId('role-unit')).toHaveValue('asset-id');
});
