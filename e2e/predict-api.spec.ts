/**
 * Settings › REST API in the real web host: off by default, switched on from the keyboard, the
 * server answers on the URL shown, the token shown is the one it accepts, and a regenerated token
 * replaces it at once. (Scoring against a trained model is covered by predict-service.test.ts.)
 */
import { expect, test } from './fixtures';

test.use({ defaultModels: false });

test('REST API: enable, call with the shown token, regenerate it', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-settings').click();
  const panel = page.getByTestId('predict-api-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('predict-state')).toContainText('Off');

  // A free port (8787 may be taken on a shared machine), applied with the keyboard.
  await panel.getByLabel('Port', { exact: true }).fill('0');
  await panel.getByLabel('Port', { exact: true }).press('Enter');
  await expect(page.getByTestId('predict-save')).toBeDisabled();
  const toggle = panel.getByLabel('Serve the REST API');
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('predict-state')).toContainText('Listening');
  const url = (await page.getByTestId('predict-url').textContent())!;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(page.getByTestId('predict-model')).toContainText('No model is active');

  await page.getByTestId('predict-token-reveal').click();
  const token = await page.getByTestId('predict-token-value').inputValue();
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

  const predict = (t: string | null) =>
    fetch(`${url}/predict`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(t ? { Authorization: `Bearer ${t}` } : {}) }, body: '{"inputs":{}}' });
  expect((await fetch(`${url}/health`)).status).toBe(200);
  expect((await predict(null)).status).toBe(401);
  const noModel = await predict(token);
  expect(noModel.status).toBe(503);
  expect(((await noModel.json()) as { error: string }).error).toMatch(/no model is active/);

  await page.getByTestId('predict-token-regenerate').click();
  await page.getByTestId('predict-token-confirm').click();
  await expect(page.getByTestId('predict-token-value')).not.toHaveValue(token);
  const fresh = await page.getByTestId('predict-token-value').inputValue();
  expect((await predict(token)).status).toBe(401);
  expect((await predict(fresh)).status).toBe(503);
  await expect(page.getByTestId('predict-counts')).toContainText('without a valid token');

  // Off again: the port is closed.
  await toggle.press('Space');
  await expect(page.getByTestId('predict-state')).toContainText('Off');
  await expect(fetch(`${url}/health`)).rejects.toThrow();
});
