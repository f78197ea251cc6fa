/**
 * `npm run bench:ui [-- --seconds N] [--runs N] [--no-build] [--only fleet,twin,chart,cold]`: the UI's
 * frame times and cold start, in Debian's Chromium (Playwright) against the real built web host.
 * Builds first (`npm run build`; `--no-build` reuses out/). Scenes, each recorded for 60 s and
 * run 3 times (median of the runs' figures):
 *
 * (a) Fleet view, 10,000 assets reading at 1 Hz on the simulated clock at 1× (`--demo-kind milling
 *     --demo-assets 10000 --demo-interval 1`, a fresh data folder per run, `--no-default-models`:
 *     rows show health and the first sensor's sparkline; models are not what this scene loads).
 *     Milling centres only: the motor simulator synthesises a vibration spectrum per reading, and
 *     5,000 motors at 1 Hz take the host ~5 s of CPU per second (frames every ~7 s, not a 1 Hz scene).
 * (b) Twin view of MTR-01 (a motor: six sensor trend charts; no model, so no probability chart),
 *     whose history holds a day of 1 Hz readings seeded through the storage API before the host
 *     starts, reading live at 1 Hz; 12 demo assets, `--no-default-models`.
 *
 * Per scene: requestAnimationFrame deltas → p50, p99, max, frames over 17 and 33 ms, and the long
 * tasks (> 50 ms) seen. Also: the fleet frames' size and parse time, "a day-long trend chart
 * mounted" (bench/ui-chart: the app's TrendChart on 86,400 points, from data in the page to the
 * first painted frame; median of 7) and the cold start (a data folder whose default models are
 * trained once here; from spawning the host to the first animation frame in which a Fleet row
 * shows a failure probability; median of 3). The machine's load average is printed: on a shared
 * 2-core VM other processes move these figures.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { CHROMIUM_ARGS } from '../playwright.config';
import { createStorageApi } from '../src-main/store/storage-api';
import { DEMO_SCENARIO } from '../src-main/twin/scenario';
import { startHost } from './ui-host';
import { PAGE_SCRIPT, type Recording } from './ui-page';
import { frameStats, median, medianStats, type FrameStats } from './ui-stats';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('--seconds', 60);
const RUNS = arg('--runs', 3);
const onlyAt = process.argv.indexOf('--only');
const ONLY = new Set(onlyAt > 0 ? process.argv[onlyAt + 1].split(',') : ['fleet', 'twin', 'chart', 'cold']);
// `--shots DIR`: a screenshot at the end of each scene run (to see what was measured).
const shotsAt = process.argv.indexOf('--shots');
const SHOTS = shotsAt > 0 ? resolve(process.argv[shotsAt + 1]) : null;
const shot = async (page: Page, name: string) => void (SHOTS && (await page.screenshot({ path: join(SHOTS, `${name}.png`) })));
const ROOT = resolve(import.meta.dirname, '..');
const VIEWPORT = { width: 1440, height: 900 };
const DATABASE_FILE = 'twinscope.db';
const tmp = (what: string) => mkdtempSync(join(tmpdir(), `twinscope-bench-ui-${what}-`));
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–').padStart(7);

async function openApp(browser: Browser, url: string, before?: (page: Page) => void): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(PAGE_SCRIPT);
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  before?.(page);
  await page.goto(url);
  return page;
}

// `--profile DIR` (while developing): a CDP CPU profile of each recording, to find what stalls frames.
const profileAt = process.argv.indexOf('--profile');
const PROFILES = profileAt > 0 ? resolve(process.argv[profileAt + 1]) : null;
if (PROFILES) mkdirSync(PROFILES, { recursive: true });

async function record(page: Page, seconds: number, name: string): Promise<Recording> {
  const cdp = PROFILES ? await page.context().newCDPSession(page) : null;
  if (cdp) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.setSamplingInterval', { interval: 200 })).then(() => cdp.send('Profiler.start'));
  const rec = await page.evaluate(`window.benchRecord(${seconds * 1000})`) as Recording;
  if (cdp) writeFileSync(join(PROFILES!, `${name}-${Date.now()}.cpuprofile`), JSON.stringify((await cdp.send('Profiler.stop')).profile));
  if (PROFILES) {
    // And a timeline trace of 5 s (style, layout, paint, script per task), for chrome://tracing.
    const browser = page.context().browser()!;
    await browser.startTracing(page, { path: join(PROFILES, `${name}-${Date.now()}.trace.json`), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await page.waitForTimeout(5000);
    await browser.stopTracing();
  }
  return rec;
}

/** (a) The Fleet view with 10,000 assets at 1 Hz, and what the fleet frames weigh. */
async function fleetRun(browser: Browser) {
  const dir = tmp('fleet');
  const host = await startHost(dir, ['--no-default-models', '--demo-kind', 'milling', '--demo-assets', '10000', '--demo-interval', '1']);
  const sizes: number[] = [];
  let largest = '';
  try {
    const page = await openApp(browser, host.url, (p) => p.on('websocket', (ws) => ws.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string' || !payload.includes('"fleet:frame"')) return;
      sizes.push(payload.length);
      if (payload.length > largest.length) largest = payload;
    })));
    await page.getByTestId('fleet-shown').filter({ hasText: '10,000 assets' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('speed-1').click();
    await page.waitForTimeout(3000); // past the first frames after the speed change
    sizes.length = 0;
    largest = '';
    const rec = await record(page, SECONDS, 'fleet');
    await shot(page, 'fleet');
    // The largest frame's JSON.parse in the page, as the transport decodes it (best of 5).
    const parseMs = largest ? await page.evaluate((text) => {
      let best = Infinity;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        JSON.parse(text);
        best = Math.min(best, performance.now() - t);
      }
      return best;
    }, largest) : NaN;
    await page.context().close();
    return { rec, frames: { perSecond: sizes.length / SECONDS, medianKB: median(sizes) / 1024, maxKB: largest.length / 1024, parseMs } };
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A day of 1 Hz readings of a motor, ending where the demo fleet's clock starts. */
function seedDay(dir: string, assetId: string): void {
  const api = createStorageApi(join(dir, DATABASE_FILE));
  const end = DEMO_SCENARIO.startMs;
  const rows = Array.from({ length: 86_400 }, (_, i) => {
    const day = Math.sin((2 * Math.PI * i) / 86_400);
    return {
      assetId, t: end - (86_400 - i) * 1000, probability: null, modelVersion: null,
      readings: { temperatureC: 72 + 6 * day + Math.sin(i * 0.37), vibrationMmS: 1.8 + 0.3 * Math.sin(i * 0.011) + (i % 7919 === 0 ? 2 : 0), pressurePsi: 98 + 2 * day, speedRpm: 1780 - 5 * day, torqueNm: 160 + 20 * day, load: 0.85 + 0.1 * day },
    };
  });
  api.appendHistory({ batch: 1, rows });
  api.close();
}

/** (b) The Twin view: six live trend charts over a day of 1 Hz history. */
async function twinRun(browser: Browser) {
  const dir = tmp('twin');
  seedDay(dir, 'MTR-01');
  const host = await startHost(dir, ['--no-default-models', '--demo-interval', '1']);
  try {
    const page = await openApp(browser, host.url);
    await page.getByTestId('speed-1').click();
    await page.getByTestId('fleet-row-MTR-01').getByRole('button', { name: /Open the twin of MTR-01/ }).click();
    const grid = page.getByTestId('twin-trends').locator('.trend-grid canvas');
    await grid.nth(5).waitFor({ timeout: 30_000 });
    // The charts hold the seeded day: their x axis spans 24 h (the first tick label is a day back).
    await page.waitForTimeout(3000);
    const charts = await page.getByTestId('twin-trends').locator('.trend').count();
    const rec = await record(page, SECONDS, 'twin');
    await shot(page, 'twin');
    await page.context().close();
    return { rec, charts };
  } finally {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "A day-long trend chart mounted": bench/ui-chart built with Vite, served to the page by Playwright. */
async function chartMount(browser: Browser) {
  const out = tmp('chart');
  await build({
    root: join(ROOT, 'bench', 'ui-chart'), base: './', logLevel: 'warn', configFile: false,
    plugins: [react()], resolve: { alias: { '@shared': join(ROOT, 'src-main', 'shared') } },
    build: { outDir: out, emptyOutDir: true, minify: true },
  });
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.route('http://bench.ui/**', (route) => route.fulfill({ path: join(out, new URL(route.request().url()).pathname) }));
  await page.goto('http://bench.ui/index.html');
  await page.waitForFunction('document.title === "ready"');
  const results: { totalMs: number; syncMs: number; canvas: boolean }[] = [];
  for (let i = 0; i < 8; i++) results.push(await page.evaluate('window.benchMount(86400)') as { totalMs: number; syncMs: number; canvas: boolean });
  await context.close();
  rmSync(out, { recursive: true, force: true });
  const runs = results.slice(1); // the first mount also compiles the code
  if (!runs.every((r) => r.canvas)) throw new Error('the trend chart did not mount a canvas');
  return { totalMs: median(runs.map((r) => r.totalMs)), syncMs: median(runs.map((r) => r.syncMs)), all: runs.map((r) => r.totalMs) };
}

/** Cold start on a folder whose default models are trained (once, here): spawn → first Fleet value painted. */
async function coldStart(browser: Browser) {
  const prepared = tmp('cold');
  const first = await startHost(prepared);
  try {
    const page = await openApp(browser, first.url);
    const t = Date.now();
    await page.getByTestId('models-status').and(page.locator('[data-state="ready"], [data-state="failed"]')).waitFor({ timeout: 900_000 });
    if ((await page.getByTestId('models-status').getAttribute('data-state')) !== 'ready') throw new Error(await page.getByTestId('models-status').innerText());
    console.log(`cold start: default models trained on the prepared folder in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    await page.context().close();
  } finally {
    await first.stop();
  }
  const times: number[] = [];
  const phases: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = tmp('cold-run');
    cpSync(prepared, dir, { recursive: true }); // each run starts on the same trained folder
    const context = await browser.newContext({ viewport: VIEWPORT }); // no cache from the run before
    await context.addInitScript(PAGE_SCRIPT);
    const page = await context.newPage();
    const host = await startHost(dir);
    try {
      await page.goto(host.url);
      const loadedAt = Date.now();
      const at = await page.evaluate('window.benchWaitValue()') as number;
      times.push(at - host.spawnedAt);
      phases.push(`serving ${((host.servingAt - host.spawnedAt) / 1000).toFixed(2)} s, page loaded ${((loadedAt - host.spawnedAt) / 1000).toFixed(2)} s, value ${((at - host.spawnedAt) / 1000).toFixed(2)} s`);
    } finally {
      await context.close();
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  rmSync(prepared, { recursive: true, force: true });
  console.log(`cold start phases (from process start): ${phases.join('; ')}`);
  return times;
}

function row(name: string, s: FrameStats, longTasks: number): string {
  return `${name.padEnd(34)}${ms(s.p50)}${ms(s.p99)}${ms(s.max)}${String(s.over17).padStart(8)}${String(s.over33).padStart(8)}${String(s.frames).padStart(8)}${String(longTasks).padStart(8)}`;
}

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const browser = await chromium.launch({ executablePath: process.env.TWINSCOPE_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  console.log(`bench:ui — Chromium ${browser.version()}, viewport ${VIEWPORT.width}×${VIEWPORT.height}, ${SECONDS} s per scene run, ${RUNS} runs`);
  console.log(`load average at start: ${load()} (2 cores shared with other work: compare runs, not single frames)`);
  const lines: string[] = [];
  const header = `${'scene (median of runs)'.padEnd(34)}${'p50'.padStart(7)}${'p99'.padStart(7)}${'max'.padStart(7)}${'>17ms'.padStart(8)}${'>33ms'.padStart(8)}${'frames'.padStart(8)}${'long'.padStart(8)}`;
  try {
    if (ONLY.has('fleet')) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await fleetRun(browser));
      const stats = runs.map((r) => frameStats(r.rec.deltas));
      runs.forEach((r, i) => console.log(`  fleet run ${i + 1}: ${row('', stats[i], r.rec.longTasks.length).trim()}  long tasks max ${Math.max(0, ...r.rec.longTasks).toFixed(0)} ms; frames ${r.frames.perSecond.toFixed(1)}/s, median ${r.frames.medianKB.toFixed(0)} KB, max ${r.frames.maxKB.toFixed(0)} KB, parse ${r.frames.parseMs.toFixed(1)} ms`));
      lines.push(row('(a) Fleet, 10,000 assets @ 1 Hz', medianStats(stats), median(runs.map((r) => r.rec.longTasks.length))));
      const f = runs.map((r) => r.frames);
      lines.push(`    fleet frames: ${median(f.map((x) => x.perSecond)).toFixed(1)}/s, median ${median(f.map((x) => x.medianKB)).toFixed(0)} KB, largest ${median(f.map((x) => x.maxKB)).toFixed(0)} KB, JSON.parse of the largest ${median(f.map((x) => x.parseMs)).toFixed(1)} ms`);
    }
    if (ONLY.has('twin')) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await twinRun(browser));
      const stats = runs.map((r) => frameStats(r.rec.deltas));
      runs.forEach((r, i) => console.log(`  twin run ${i + 1}: ${row('', stats[i], r.rec.longTasks.length).trim()}  long tasks max ${Math.max(0, ...r.rec.longTasks).toFixed(0)} ms; ${r.charts} trend charts`));
      lines.push(row('(b) Twin, 6 trends × 1 day @ 1 Hz', medianStats(stats), median(runs.map((r) => r.rec.longTasks.length))));
    }
    if (ONLY.has('chart')) {
      const c = await chartMount(browser);
      lines.push(`day-long trend chart (86,400 points) mounted: ${c.totalMs.toFixed(1)} ms median of ${c.all.length} (${c.syncMs.toFixed(1)} ms of it script before the frame; all: ${c.all.map((v) => v.toFixed(0)).join(', ')})   target ≤ 50 ms`);
    }
    if (ONLY.has('cold')) {
      const t = await coldStart(browser);
      lines.push(`cold start to the first Fleet value painted: ${(median(t) / 1000).toFixed(2)} s median of ${t.length} (${t.map((v) => (v / 1000).toFixed(2)).join(', ')} s)   target ≤ 2 s`);
    }
  } finally {
    await browser.close();
  }
  console.log('');
  if (ONLY.has('fleet') || ONLY.has('twin')) console.log(`${header}\n${'target'.padEnd(34)}${''.padStart(7)}${'≤ 17'.padStart(7)}${''.padStart(7)}${''.padStart(8)}${'≤ 3'.padStart(8)}   (frames over 33 ms per 60 s)`);
  lines.forEach((l) => console.log(l));
  console.log(`load average at end: ${load()}`);
}

await main();
