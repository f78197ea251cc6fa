/**
 * `npm run bench:import [-- --runs N] [--huge] [--no-build]`: generates a 1 M-row AI4I-schema CSV,
 * imports it through the app's data worker as built (`npm run build` first; `--no-build` reuses
 * out/), median of N runs, each in a fresh process, and in the same run times pandas read_csv and
 * papaparse streaming on the same file. With --huge it also streams a 1.5 GB file
 * (bounded memory, progress) and measures how fast a cancel takes effect.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Papa from 'papaparse';
import { AI4I_HEADER, generateMillingRows, millingRowToCsv } from '../src-main/data/generators/milling-dataset';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const huge = args.includes('--huge');
const dir = join(process.env.TMPDIR ?? '/tmp', 'twinscope-bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'ai4i-1m.csv');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  let buf: string[] = [];
  for (const l of lines) {
    buf.push(l);
    if (buf.length >= 20_000) {
      if (!out.write(buf.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = [];
    }
  }
  out.write(buf.length ? buf.join('\n') + '\n' : '');
  await new Promise<void>((r) => out.end(r));
}

if (!args.includes('--no-build')) execFileSync('npm', ['run', 'build'], { cwd: join(import.meta.dirname, '..'), stdio: ['ignore', 'ignore', 'inherit'] });

if (!existsSync(file)) {
  console.log('generating 1,000,000 rows with the milling simulator…');
  await writeLines(file, (function* () {
    yield AI4I_HEADER.join(',');
    for (const r of generateMillingRows(1_000_000, 7)) yield millingRowToCsv(r);
  })());
}
const mb = statSync(file).size / 1e6;
console.log(`file: ${file} (${mb.toFixed(1)} MB, 1,000,000 rows)`);

function runImport(path: string, mode = ''): Record<string, number | boolean | string> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'import-run.ts'), path, mode], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/**
 * pandas read_csv in one Python process that reads the file each time it is asked: its import is
 * not timed, and its runs alternate with ours so both meet the same machine (the shared cores'
 * speed drifts by a factor of two within minutes; runs taken in two blocks compared two machines).
 */
async function startPandas(): Promise<{ time(): Promise<number>; close(): void } | null> {
  if (spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { encoding: 'utf8' }).status !== 0) return null;
  const code = `import sys, time, pandas\nprint('ready', flush=True)\nfor _ in sys.stdin:\n  t = time.perf_counter(); pandas.read_csv(${JSON.stringify(file)}); print(time.perf_counter() - t, flush=True)`;
  const child = spawn('/usr/bin/python3', ['-c', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await lines.next();
    if (r.done) throw new Error('the pandas process ended early');
    return r.value;
  };
  await next();
  return {
    async time() {
      child.stdin.write('\n');
      return Number(await next());
    },
    close: () => child.stdin.end(),
  };
}

const pandas = await startPandas();
if (!pandas) console.log('pandas not available (/usr/bin/python3 -c "import pandas" failed): install python3-pandas for the ratio');
const ours: Record<string, number | boolean | string>[] = [];
const pandasTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  ours.push(runImport(file));
  if (pandas) pandasTimes.push(await pandas.time());
}
pandas?.close();
const oursS = median(ours.map((r) => r.seconds as number));
const oursMB = median(ours.map((r) => r.peakOverBaselineMB as number));
const pandasS = pandas ? median(pandasTimes) : null;
/** Each of our runs against the pandas run right after it. */
const pairRatios = pandasTimes.map((p, i) => (ours[i].seconds as number) / p);

const papaTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  let rows = 0;
  await new Promise<void>((resolve) => {
    Papa.parse(createReadStream(file) as unknown as File, { fastMode: true, chunk: (r: Papa.ParseResult<string[]>) => void (rows += r.data.length), complete: () => resolve() });
  });
  papaTimes.push((performance.now() - t0) / 1000);
}
const papaS = median(papaTimes);

console.log('');
console.log(`Twinscope import (read → columns → validation → summary), median of ${runs}: ${oursS.toFixed(2)} s, ${(1e6 / oursS / 1e3).toFixed(0)}k rows/s, peak RSS over baseline ${oursMB.toFixed(0)} MB`);
console.log(`  runs: ${ours.map((r) => `${(r.seconds as number).toFixed(2)} s / ${(r.peakOverBaselineMB as number).toFixed(0)} MB`).join(', ')}`);
if (pandasS !== null) {
  console.log(`pandas read_csv (in-process, its runs alternating with ours), median of ${runs}: ${pandasS.toFixed(2)} s`);
  console.log(`  runs: ${pandasTimes.map((t) => `${t.toFixed(2)} s`).join(', ')}`);
}
console.log(`papaparse streaming, tokenizing only (no columns, no validation), median of ${runs}: ${papaS.toFixed(2)} s`);
console.log('');
if (pandasS !== null) {
  console.log(`ratio ours / pandas: ${(oursS / pandasS).toFixed(2)}   (target ≤ 1.00)`);
  console.log(`  run by run (each of ours against the pandas run after it): ${pairRatios.map((r) => r.toFixed(2)).join(', ')}; median ${median(pairRatios).toFixed(2)}`);
}
console.log(`ratio ours / papaparse tokenizing: ${(oursS / papaS).toFixed(2)}`);
console.log(`peak RSS over baseline: ${oursMB.toFixed(0)} MB   (target ≤ 150 MB)`);

if (huge) {
  const big = join(dir, 'ai4i-1.5gb.csv');
  if (!existsSync(big)) {
    console.log('\nwriting a 1.5 GB file (the 1 M-row file repeated)…');
    const out = createWriteStream(big);
    const copies = Math.ceil(1.5e9 / statSync(file).size);
    for (let k = 0; k < copies; k++) {
      await new Promise<void>((resolve, reject) => {
        const s = createReadStream(file, k === 0 ? {} : { start: AI4I_HEADER.join(',').length + 1 });
        s.on('error', reject);
        s.on('end', resolve);
        s.pipe(out, { end: false });
      });
    }
    await new Promise<void>((r) => out.end(r));
  }
  const h = runImport(big);
  console.log(`\n1.5 GB (${(statSync(big).size / 1e9).toFixed(2)} GB): ${(h.seconds as number).toFixed(1)} s, rows kept ${h.rows}, peak RSS over baseline ${(h.peakOverBaselineMB as number).toFixed(0)} MB`);
  const c = runImport(big, 'cancel');
  console.log(`cancel 2 s into the 1.5 GB import: stopped after ${(c.stopMs as number).toFixed(0)} ms (${c.message})`);
}
