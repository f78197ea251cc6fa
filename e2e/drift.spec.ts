/**
 * Drift as a planner meets it, on the real web host and its demo fleet: the Model view's drift
 * panel lists the live models; the demonstration control shifts the simulated milling centres'
 * air temperature by +5 K at ×1000; "Retrain recommended" appears in Alerts and the panel says
 * drift; "Retrain on recent data" shows progress and lists the new run next to the current one,
 * not activated, trained on the bundled data plus the fleet's history.
 */
import { expect, test } from './fixtures';

// First start trains the default models (30–90 s on two cores); the shift is detected within
// 1–1.4 simulated hours (seconds at ×1000); the retrain is the milling model's (10–30 s).
test.setTimeout(480_000);

test('a +5 K ambient shift raises "retrain recommended"; retrain on recent data lists a new run', async ({ page, host }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(host.url);
  const models = page.getByTestId('models-status');
  await expect(models).toHaveAttribute('data-state', /^(ready|failed)$/, { timeout: 300_000 });
  expect(await models.getAttribute('data-state'), (await models.textContent()) ?? '').toBe('ready');

  // The drift panel lists both live models (the milling centres' and the motors').
  await page.getByTestId('nav-model').click();
  const milling = page.locator('[data-testid^="drift-default-milling-"]');
  await expect(milling).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('[data-testid^="drift-default-motor-"]')).toHaveCount(1);
  const runId = (await milling.getAttribute('data-testid'))!.slice('drift-'.length);
  await expect(milling.getByRole('status').first()).not.toHaveText('Drift: retrain recommended');

  // The demonstration control, then the clock at ×1000 (the Fleet view's clock bar).
  const shift = page.getByTestId('simulate-ambient-shift');
  await expect(shift).toHaveText('Simulate: shift ambient +5 K');
  await shift.click();
  await expect(shift).toHaveText('Simulate: undo the ambient shift');
  await page.getByTestId('nav-fleet').click();
  await page.getByTestId('speed-1000').click();
  await expect(page.getByTestId('speed-1000')).toHaveAttribute('aria-pressed', 'true');

  // "Retrain recommended" in Alerts, naming the air temperature.
  await page.getByTestId('nav-alerts').click();
  const alert = page.getByTestId('alerts-row').filter({ hasText: 'Retrain recommended' }).filter({ hasText: runId });
  await expect(alert).toBeVisible({ timeout: 90_000 });
  await expect(alert).toContainText('Air temperature [K]');
  await page.screenshot({ path: 'test-results/drift-alerts.png' });

  // The fleet is paused while retraining (the history so far is what the retrain adds).
  await page.getByTestId('nav-fleet').click();
  await page.getByTestId('fleet-pause').click();
  await expect(page.getByTestId('fleet-pause')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('nav-model').click();
  await expect(milling.locator('.drift-status')).toHaveText('Drift: retrain recommended', { timeout: 15_000 });
  await expect(milling.locator('tr.drifting').first()).toContainText('Air temperature [K]');
  await milling.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/drift-panel.png', fullPage: true });

  await milling.getByRole('button', { name: `Retrain on recent data: ${runId}` }).click();
  const progress = milling.getByRole('progressbar', { name: `Retraining progress of ${runId}` });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/drift-retraining.png', fullPage: true });
  const message = page.getByTestId(`retrain-message-${runId}`);
  await expect(message).toContainText('New run', { timeout: 180_000 });
  await expect(message).toContainText(/plus [\d,]+ readings of 6 assets from the fleet's history \(\d+ recorded failures?/);

  // Listed next to the current run, not activated, its data saying what history added.
  const runs = page.getByTestId('runs-table');
  const fresh = runs.locator(`tr[data-run^="${runId}-retrain-"]`);
  await expect(fresh).toHaveCount(1, { timeout: 15_000 });
  await expect(fresh).toContainText(/\+ [\d,]+ history rows \(\d+ failures?\)/);
  await expect(fresh.locator('.badge-active')).toHaveCount(0);
  await expect(runs.locator(`tr[data-run="${runId}"]`)).toHaveCount(1);
  await fresh.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/drift-runs.png', fullPage: true });
  expect(problems).toEqual([]);
});
