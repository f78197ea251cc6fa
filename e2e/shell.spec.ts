/**
 * The shell as a new user meets it: the guided tour, keyboard navigation and the shortcuts panel,
 * the theme (Settings, kept across a reload) and temperature units — and an axe-core scan of
 * every view in both themes, which must find no serious or critical violation.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ defaultModels: false });

const VIEWS = ['fleet', 'twin', 'model', 'data', 'alerts', 'settings'] as const;

async function showView(page: Page, view: (typeof VIEWS)[number]): Promise<void> {
  if (view === 'twin') {
    await page.getByTestId('nav-fleet').click();
    await page.getByTestId('fleet-row-MILL-01').click();
  } else await page.getByTestId(`nav-${view}`).click();
  await expect(page.getByTestId(`nav-${view}`)).toHaveAttribute('aria-current', 'page');
}

test('a new user gets a short tour that can be skipped and stays skipped', async ({ browser, host }) => {
  const page = await browser.newPage();
  await page.goto(host.url);
  const tour = page.getByTestId('tour');
  await expect(tour).toContainText('Your fleet, live');
  await page.getByTestId('tour-next').click();
  await expect(tour).toContainText('One machine, explained');
  await expect(page.getByTestId('nav-twin')).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('tour-skip').click();
  await expect(tour).toHaveCount(0);
  await expect(page.getByTestId('nav-fleet')).toHaveAttribute('aria-current', 'page');
  await page.reload();
  await expect(page.getByTestId('statusbar')).toContainText('Connected');
  await expect(tour).toHaveCount(0);
  await page.close();
});

test('keys move between views, ? lists the shortcuts, and the status bar tells the state', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByTestId('fleet-list').locator('[data-testid^="fleet-row-"]')).toHaveCount(12);
  await page.keyboard.press('5');
  await expect(page.getByTestId('alerts-view')).toBeVisible();
  await page.keyboard.press('3');
  await expect(page.getByTestId('nav-model')).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('?');
  const help = page.getByTestId('shortcuts-help');
  await expect(help).toContainText('Pause or resume the simulated clock');
  // Focus is in the dialog, and Escape closes it.
  await expect(help.getByRole('button', { name: 'Close the shortcuts panel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('1');
  await expect(page.getByTestId('statusbar')).toContainText('12 assets');
  await expect(page.getByTestId('status-clock')).toContainText('Simulation ×');
  // P pauses the simulated clock, as the Pause button does.
  await page.keyboard.press('p');
  await expect(page.getByTestId('status-clock')).toContainText('(paused)');
  await expect(page.getByTestId('fleet-pause')).toHaveAttribute('aria-pressed', 'true');
});

test('the theme and temperature unit chosen in Settings apply at once and survive a reload', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('theme-dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('theme-light').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('unit-C').check();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await showView(page, 'twin');
  // The milling centre reports kelvin; its gauges now read °C.
  await expect(page.getByTestId('twin-gauges')).toContainText('°C');
  await expect(page.getByTestId('twin-gauges')).not.toContainText(' K');
  // Its trends too: the air-temperature chart's unit and alarm level moved with the gauges.
  await expect(page.getByTestId('trend-airTempK').locator('.trend-unit')).toHaveText('°C');
});

for (const theme of ['light', 'dark'] as const) {
  test(`every view passes an axe-core scan in the ${theme} theme`, async ({ page, host }) => {
    await page.goto(host.url);
    await page.getByTestId('theme-toggle').waitFor();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId(`theme-${theme}`).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const found: string[] = [];
    for (const view of VIEWS) {
      await showView(page, view);
      await page.waitForTimeout(600);
      const result = await new AxeBuilder({ page }).include(`main:not([hidden])`).include('header').include('footer').analyze();
      for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
        found.push(`${view}: ${v.id} (${v.impact}) — ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
      await page.screenshot({ path: test.info().outputPath(`${view}-${theme}.png`) });
    }
    expect(found).toEqual([]);
  });
}
