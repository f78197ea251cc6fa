/**
 * Training a model as a planner would: the bundled milling data, the Model page, progress, then
 * metrics, the confusion matrix and the curves; a second run can be cancelled.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

// The registry then holds only this test's run (the default models are the twin spec's subject).
test.use({ defaultModels: false });

test('train a random forest on the bundled data and read its evaluation', async ({ page, host }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(host.url);
  // The app opens on the live fleet; the dataset overview is under Data.
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('stat-rows-value')).toHaveText('10,000');
  await page.getByTestId('nav-model').click();
  await expect(page.getByTestId('train-pipeline')).toHaveValue('milling-physics');
  await page.getByTestId('train-trees').fill('60');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-progress')).toBeVisible();
  await expect(page.getByTestId('metric-f1-value')).toBeVisible({ timeout: 60_000 });
  const f1 = Number(await page.getByTestId('metric-f1-value').textContent());
  expect(f1).toBeGreaterThan(0.75);
  // The confusion matrix counts every row of the dataset once.
  const cells = await Promise.all(['cm-tn', 'cm-fp', 'cm-fn', 'cm-tp'].map(async (id) => Number((await page.getByTestId(id).locator('strong').textContent())!.replace(/,/g, ''))));
  expect(cells.reduce((a, b) => a + b, 0)).toBe(10_000);
  await expect(page.getByTestId('roc-curve').locator('.recharts-line-curve')).toBeVisible();
  await expect(page.getByTestId('pr-curve').locator('.recharts-line-curve')).toBeVisible();
  await expect(page.getByTestId('importance-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  // Recall by failure mode: the five AI4I modes, each with its failures.
  await expect(page.getByTestId('mode-recall').locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('mode-recall')).toContainText('HDF');
  // Explain a failure row: exact TreeSHAP contributions, largest first.
  await page.getByTestId('explain-failure').click();
  await expect(page.getByTestId('explain-summary')).toContainText('a failure');
  await expect(page.getByTestId('explain-panel').locator('.shap-row')).toHaveCount(10);
  await expect(page.getByTestId('explain-modes')).toContainText('Most likely failure modes');
  await expect(page.getByTestId('calibration-plot').locator('.recharts-line-curve')).toBeVisible();
  // Making missed failures dearer lowers the threshold: more failures are caught.
  const caught = async () => Number((await page.getByTestId('cm-tp').locator('strong').textContent())!.replace(/,/g, ''));
  const before = await caught();
  await page.getByTestId('cost-false-alarm').fill('10000');
  await page.getByTestId('cost-miss').fill('500');
  const cheapMisses = await caught();
  await page.getByTestId('cost-miss').fill('100000');
  await page.getByTestId('cost-false-alarm').fill('0');
  expect(await caught()).toBeGreaterThan(cheapMisses);
  expect(before).toBeGreaterThanOrEqual(cheapMisses);
  await page.screenshot({ path: 'test-results/model-view.png', fullPage: true });

  // The run is in the registry: activate it, save its model file, open the file again.
  const runs = page.getByTestId('runs-table');
  await expect(runs.locator('tbody tr')).toHaveCount(1);
  await expect(runs.locator('tbody tr').first()).toContainText(f1.toFixed(3));
  await runs.getByRole('button', { name: 'Activate' }).click();
  await expect(runs.locator('.badge-active')).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), runs.getByRole('button', { name: 'Save…' }).click()]);
  const saved = await download.path();
  const text = readFileSync(saved!, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'twinscope-model', formatVersion: 1 });
  await page.getByTestId('open-model-file').setInputFiles({ name: 'reopened.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(runs.locator('tbody tr')).toHaveCount(2);
  await expect(runs.locator('tbody tr', { hasText: '(opened)' })).toContainText(f1.toFixed(3));
  // A damaged file is refused with its reason, and nothing is added.
  await page.getByTestId('open-model-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(text.slice(0, text.length / 2)) });
  await expect(page.getByTestId('runs-error')).toContainText('broken.json was not opened: not a readable model file');
  await expect(runs.locator('tbody tr')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/model-runs.png', fullPage: true });

  // A long run can be cancelled; the previous result stays.
  await page.getByTestId('train-trees').fill('2000');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-progress')).toBeVisible();
  await page.getByTestId('train-cancel').click();
  await expect(page.getByTestId('train-error')).toHaveText('Training cancelled.', { timeout: 5_000 });
  await expect(page.getByTestId('metric-f1-value')).toHaveText(f1.toFixed(3));
  expect(problems).toEqual([]);
});
