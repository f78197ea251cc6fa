/**
 * Exports on the real web host and its demo fleet: an asset's alerts and maintenance log (and the
 * fleet's log) as CSV downloads, the runs table as CSV, and the one-page printable reports of an
 * asset and of a model evaluation — checked under print media, printed to a PDF by Chromium, and
 * screenshotted (test-results/export-*.png) to look at.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// First start trains the default models (30–90 s on two cores); the fleet then runs at 100× until
// an alert is raised; a small model is trained for the model report.
test.setTimeout(420_000);

const ALERT_HEADER = 'Alert id,Asset,Asset name,Rule id,Rule,Severity,State,Message,Value,Peak value,Count,Raised (UTC),Last seen (UTC),Acknowledged by,Acknowledged (UTC),Comment,Cleared (UTC),Reminded (UTC),Model version';
const EVENT_HEADER = 'Time (UTC),Asset,Asset name,Event,Action,Operator,Comment,Detail';
const RUN_HEADER = 'Run id,Created (UTC),Source,Dataset,Pipeline,Engine,Model type,Features,Trees,Max depth,Rows,Accuracy,Precision,Recall,F1,ROC-AUC,PR-AUC,Brier,Threshold,Active';
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Clicks an export button and reads the CSV it downloads: BOM, CRLF records, the header and the rows. */
async function downloadCsv(page: Page, testId: string, name: RegExp): Promise<{ header: string; rows: string[]; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  expect(download.suggestedFilename()).toMatch(name);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0), 'starts with a UTF-8 BOM').toBe(0xfeff);
  expect(text.endsWith('\r\n')).toBe(true);
  const [header, ...rows] = text.slice(1, -2).split('\r\n');
  return { header, rows, download };
}

/** The fields of one CSV record without line breaks inside (quotes and doubled quotes handled). */
function fields(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    out.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
    if (m[2] === '') break;
  }
  return out;
}

/** Number of pages in a PDF: its page objects (/Type /Page, not /Pages). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

/** A4 less the report's @page margins (12 mm left and right, 11 mm top and bottom) at 96 dpi. */
const PAPER = { width: Math.round(((210 - 24) / 25.4) * 96), height: Math.round(((297 - 22) / 25.4) * 96) };

/**
 * Prints the report the button mounts: window.print is replaced by a counter (a headless browser
 * has no print dialog), so the report stays mounted as behind a real dialog. Under print media on
 * a paper-wide viewport the page must hold the report alone (`checks` look at its content), and
 * no taller than the page; then Chromium prints it to a PDF — which fires `afterprint`, and the
 * report is taken down, as after a real print.
 */
async function printReport(page: Page, testId: string, name: string, checks: () => Promise<void>) {
  // Strings run in the page (this file is typed for Node, without the DOM's names).
  await page.evaluate('window.__prints = 0; window.print = () => { window.__prints++; }');
  await page.getByTestId(testId).click();
  await expect(page.getByTestId('print-report')).toBeAttached();
  await expect.poll(() => page.evaluate('window.__prints')).toBe(1);
  // On screen the report is never shown.
  await expect(page.getByTestId('print-report')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize(PAPER);
  await expect(page.getByTestId('print-report')).toBeVisible();
  await expect(page.getByTestId('nav-fleet')).toBeHidden();
  await expect(page.getByTestId('status')).toBeHidden();
  await expect(page.locator('#root')).toBeHidden();
  await checks();
  const box = (await page.getByTestId('print-report').boundingBox())!;
  expect(box.height, 'the report is no taller than an A4 page').toBeLessThanOrEqual(PAPER.height);
  await page.screenshot({ path: `test-results/export-${name}.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  writeFileSync(`test-results/export-${name}.pdf`, pdf);
  expect(pdfPages(pdf), 'the report fits on one A4 page').toBe(1);
  // Printed: the report is gone and the app is back on screen.
  await expect(page.getByTestId('print-report')).toHaveCount(0);
  expect(await page.evaluate("document.documentElement.classList.contains('printing-report')")).toBe(false);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('alerts and maintenance log as CSV, asset and model reports on one A4 page', async ({ page, host }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(host.url);
  const models = page.getByTestId('models-status');
  await expect(models).toHaveAttribute('data-state', /^(ready|failed)$/, { timeout: 240_000 });
  expect(await models.getAttribute('data-state'), (await models.textContent()) ?? '').toBe('ready');

  // Run the fleet until an alert is raised, then hold it still.
  await page.getByTestId('speed-100').click();
  const feedAlert = page.getByTestId('alert-feed').locator('[data-testid^="feed-alert-"]').first();
  await expect(feedAlert).toBeVisible({ timeout: 150_000 });
  await page.getByTestId('fleet-pause').click();
  await expect(page.getByTestId('fleet-pause')).toHaveAttribute('aria-pressed', 'true');
  const alertId = (await feedAlert.getAttribute('data-testid'))!.slice('feed-alert-'.length);
  await feedAlert.getByRole('button', { name: /Open the twin of/ }).click();
  await expect(page.getByTestId('twin-header')).toBeVisible();
  const assetId = (await page.getByTestId('twin-title').textContent())!.split(' ')[0];

  // The asset's alerts: the raised one is a row, with ISO UTC times.
  const alerts = await downloadCsv(page, 'export-asset-alerts', new RegExp(`^twinscope-alerts-${assetId}-\\d{4}-\\d\\d-\\d\\d\\.csv$`));
  expect(alerts.header).toBe(ALERT_HEADER);
  const alertRow = alerts.rows.find((r) => r.startsWith(`${alertId},`));
  expect(alertRow, alerts.rows.join('\n')).toBeDefined();
  const alert = fields(alertRow!);
  expect(alert).toHaveLength(19);
  expect(alert[1]).toBe(assetId);
  expect(alert[11]).toMatch(ISO);
  expect(alerts.rows.every((r) => fields(r)[1] === assetId)).toBe(true);

  // Log a maintenance action (with the operator's name and a comment holding a comma and quotes).
  await page.getByTestId('operator-name-input').fill('E2E Exporter');
  await page.getByTestId('operator-name-save').click();
  await expect(page.getByTestId('operator-name')).toHaveCount(0);
  await page.getByTestId('maintenance-comment').fill('checked, "all good"');
  const action = page.getByTestId('maintenance-panel').locator('button[data-testid^="maintain-"]').first();
  const actionLabel = (await action.textContent())!.trim();
  await action.click();
  await expect(page.getByTestId('twin-events').locator('li[data-kind="maintenance"]').first()).toContainText('E2E Exporter');

  const log = await downloadCsv(page, 'export-asset-maintenance', new RegExp(`^twinscope-maintenance-${assetId}-\\d{4}-\\d\\d-\\d\\d\\.csv$`));
  expect(log.header).toBe(EVENT_HEADER);
  const maintenanceRow = log.rows.find((r) => r.includes(`,maintenance,${actionLabel},E2E Exporter,"checked, ""all good""",`));
  expect(maintenanceRow, log.rows.join('\n')).toBeDefined();
  const entry = fields(maintenanceRow!);
  expect(entry[0]).toMatch(ISO);
  expect(entry[1]).toBe(assetId);
  expect(entry[6]).toBe('checked, "all good"');
  // The fleet's log holds it too (collected asset by asset).
  const fleetLog = await downloadCsv(page, 'export-fleet-maintenance', /^twinscope-maintenance-\d{4}-\d\d-\d\d\.csv$/);
  expect(fleetLog.header).toBe(EVENT_HEADER);
  expect(fleetLog.rows).toContain(maintenanceRow);

  // The export buttons in place on the Twin view (to look at).
  await page.screenshot({ path: 'test-results/export-twin-view.png', fullPage: true });

  // The asset report: the page holds the report alone, on one A4 page.
  await printReport(page, 'export-asset-report', 'asset-report', async () => {
    await expect(page.getByTestId('report-title')).toContainText(assetId);
    await expect(page.getByTestId('report-status')).toContainText(/NORMAL|WARNING|CRITICAL/);
    await expect(page.getByTestId('report-probability')).toContainText('%');
    await expect(page.getByTestId('report-probability')).toContainText('model ');
    await expect(page.getByTestId('report-sensors').locator('tbody tr').first()).toBeVisible();
    await expect(page.getByTestId('report-events')).toContainText('E2E Exporter');
    await expect(page.getByTestId('asset-report').locator('svg path.trend-line').first()).toHaveAttribute('d', /^M/);
    await expect(page.getByTestId('twin-view')).toBeHidden();
  });
  await expect(page.getByTestId('twin-view')).toBeVisible();

  // The runs table (the two default models) and a model evaluation's report.
  await page.getByTestId('nav-data').click();
  await expect(page.getByTestId('stat-rows-value')).toHaveText('10,000');
  await page.getByTestId('nav-model').click();
  await page.getByTestId('train-trees').fill('30');
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('metric-f1-value')).toBeVisible({ timeout: 120_000 });
  const f1 = (await page.getByTestId('metric-f1-value').textContent())!;
  const runs = await downloadCsv(page, 'export-runs', /^twinscope-model-runs-\d{4}-\d\d-\d\d\.csv$/);
  expect(runs.header).toBe(RUN_HEADER);
  expect(runs.rows.length).toBeGreaterThanOrEqual(3);
  // The run trained here has its full metrics; F1 as shown (3 decimals) matches the file's.
  const trained = runs.rows.map(fields).find((c) => c[11] !== '');
  expect(trained, runs.rows.join('\n')).toBeDefined();
  expect(Number(trained![14]).toFixed(3)).toBe(f1);

  await page.screenshot({ path: 'test-results/export-model-view.png' });
  await printReport(page, 'export-model-report', 'model-report', async () => {
    await expect(page.getByTestId('report-f1')).toContainText(f1);
    const cells = await Promise.all(['tn', 'fp', 'fn', 'tp'].map(async (k) => Number((await page.getByTestId(`report-cm-${k}`).locator('strong').textContent())!.replace(/,/g, ''))));
    expect(cells.reduce((a, b) => a + b, 0)).toBe(10_000);
    await expect(page.getByTestId('report-importance').locator('tbody tr')).toHaveCount(10);
    await expect(page.getByTestId('report-operating-point')).toContainText('€10,000 per missed');
  });
  expect(problems).toEqual([]);
});
