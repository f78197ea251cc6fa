/**
 * Nothing lost across a power cut: acknowledge an alert, kill the web host with SIGKILL (no
 * shutdown code runs), start it again on the same data folder — the acknowledgement and its
 * comment are there, simulated time resumes where it stood, no alert is raised twice, and the
 * audit log has the acknowledgement.
 */
import { rmSync } from 'node:fs';
import { WebSocket } from 'ws';
import { expect, startHost, test } from './fixtures';

interface WireAlert { id: string; assetId: string; ruleId: string; state: string; raisedAt: number; ackBy: string | null; ackComment: string | null }

/** Every alert the host holds, read over its WebSocket as any client would. */
async function alertsOf(host: Awaited<ReturnType<typeof startHost>>): Promise<WireAlert[]> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`, { origin: host.origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const reply = await new Promise<{ result: { ok: boolean; value: WireAlert[] } }>((resolve) => {
    ws.on('message', (d: Buffer) => {
      const msg = JSON.parse(d.toString());
      if (!('event' in msg)) resolve(msg);
    });
    ws.send(JSON.stringify({ id: 1, channel: 'alerts:list', payload: {} }));
  });
  ws.close();
  expect(reply.result.ok).toBe(true);
  return reply.result.value;
}

// No default models: the sensor rules raise MTR-02's vibration alert (ISO zone C) ~1.5 simulated hours in.
test.setTimeout(180_000);

test('an acknowledged alert, its comment and the simulated time survive a SIGKILL of the host', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const first = await startHost(undefined, { defaultModels: false });
  const seen: { clockBefore: string; open: WireAlert[] } = { clockBefore: '', open: [] };
  try {
    await page.goto(first.url);
    await expect(page.getByTestId('fleet-list').locator('[data-testid^="fleet-row-"]')).toHaveCount(12);
    await page.getByTestId('speed-1000').click();
    const feed = page.getByTestId('alert-feed');
    const vibration = feed.locator('[data-testid^="feed-alert-"]', { hasText: 'MTR-02' }).filter({ hasText: /vibration/i }).first();
    await expect(vibration).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('fleet-pause').click();
    await expect(page.getByTestId('fleet-pause')).toHaveAttribute('aria-pressed', 'true');
    const alertId = (await vibration.getAttribute('data-testid'))!.replace('feed-alert-', '');
    seen.clockBefore = (await page.getByTestId('sim-clock').textContent()) ?? '';

    // Acknowledge it on the twin, with the operator's name and a comment.
    await page.getByTestId('fleet-row-MTR-02').getByRole('button', { name: /Open the twin of MTR-02/ }).click();
    await page.getByTestId('operator-name-input').fill('Night shift');
    await page.getByTestId('operator-name-save').click();
    const alert = page.locator(`[data-testid="twin-alert"][data-alert-id="${alertId}"]`);
    await alert.getByTestId('alert-comment').fill('bearing grease checked, vibration steady');
    await alert.getByTestId('alert-ack').click();
    await expect(alert).toHaveAttribute('data-state', 'ACTIVE_ACK');
    seen.open = (await alertsOf(first)).filter((a) => a.state !== 'CLEARED');

    // The plug is pulled.
    await first.kill();
  } catch (e) {
    await first.kill();
    rmSync(first.dataDir, { recursive: true, force: true });
    throw e;
  }

  const second = await startHost(first.dataDir, { defaultModels: false });
  try {
    await page.goto(second.url);
    const feed = page.getByTestId('alert-feed');
    await expect(page.getByTestId('fleet-list').locator('[data-testid^="fleet-row-"]')).toHaveCount(12);
    // Simulated time resumed (the pause was saved at once), still paused.
    await expect(page.getByTestId('fleet-pause')).toHaveAttribute('aria-pressed', 'true');
    const clockAfter = await page.getByTestId('sim-clock').textContent();
    expect(clockAfter).toBe(seen.clockBefore);
    const vibration = feed.locator('[data-testid^="feed-alert-"]', { hasText: 'MTR-02' }).filter({ hasText: /vibration/i });
    await expect(vibration).toHaveCount(1);
    await expect(vibration).toHaveAttribute('data-state', 'ACTIVE_ACK');
    const alertId = (await vibration.getAttribute('data-testid'))!.replace('feed-alert-', '');
    await page.getByTestId('fleet-row-MTR-02').getByRole('button', { name: /Open the twin of MTR-02/ }).click();
    const alert = page.locator(`[data-testid="twin-alert"][data-alert-id="${alertId}"]`);
    await expect(alert).toContainText('acknowledged by Night shift');
    await expect(alert).toContainText('bearing grease checked, vibration steady');

    // Running on raises nothing that was already open: the same open alerts, none twice.
    await page.getByTestId('nav-fleet').click();
    await page.getByTestId('speed-100').click();
    await page.getByTestId('fleet-pause').click();
    await page.waitForTimeout(3000);
    await page.getByTestId('fleet-pause').click();
    const open = (await alertsOf(second)).filter((a) => a.state !== 'CLEARED');
    const pairs = open.map((a) => `${a.assetId} · ${a.ruleId}`);
    expect(new Set(pairs).size, pairs.join('\n')).toBe(pairs.length);
    // Every alert open before the cut is the same alert now (same id, raised at the same time), not raised again.
    for (const b of seen.open) {
      const now = open.find((a) => a.assetId === b.assetId && a.ruleId === b.ruleId);
      if (now) expect({ id: now.id, raisedAt: now.raisedAt }).toEqual({ id: b.id, raisedAt: b.raisedAt });
    }
    expect(open.find((a) => a.id === alertId)).toMatchObject({ state: 'ACTIVE_ACK', ackBy: 'Night shift', ackComment: 'bearing grease checked, vibration steady' });

    // The audit log has who acknowledged what.
    await page.getByTestId('nav-settings').click();
    await expect(page.getByTestId('audit-log')).toContainText('alert.acknowledge');
    await expect(page.getByTestId('audit-log')).toContainText('Night shift');
    // A backup on request joins the list.
    await page.getByTestId('backup-now').click();
    await expect(page.getByTestId('backups').locator('li')).toHaveCount(1);
    await page.screenshot({ path: 'test-results/restart-settings.png', fullPage: true });
    console.log(`[restart e2e] clock before ${seen.clockBefore}, after ${clockAfter}`);
    expect(problems).toEqual([]);
  } finally {
    await second.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
});
