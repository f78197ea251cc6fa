/**
 * `npm run bench:ui`'s page for "a day-long trend chart mounted in ≤ 50 ms": the app's own
 * TrendChart and twin-data code (built by bench/ui.ts with Vite), mounted on a day of 1 Hz
 * readings (86,400 points) as the Twin view would get them from `twin:get`.
 *
 * Measured per mount, from the moment the data is in the page (a `twin:get`-shaped history of plain
 * arrays, as a decoded WebSocket message holds) to the first paint that shows the chart: the
 * history → series conversion, React's commit, uPlot's construction, LTTB down to the plot's
 * width, uPlot's draw, then the browser's style, layout and paint of that frame. The end is taken
 * in a task posted from the next requestAnimationFrame callback, which runs after that frame is
 * painted.
 */
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { TrendChart } from '../../src-renderer/src/components/TrendChart';
import { historySeries } from '../../src-renderer/src/features/twin/twin-data';

const DAY_S = 86_400;

function dayOfReadings(n: number): { times: number[]; series: Record<string, number[]> } {
  const start = Date.UTC(2026, 2, 1, 6);
  const times: number[] = new Array(n);
  const temp: number[] = new Array(n);
  let drift = 0;
  for (let i = 0; i < n; i++) {
    times[i] = start + i * 1000;
    drift += Math.sin(i * 12.9898) * 0.05; // a deterministic random walk with a daily cycle
    temp[i] = 70 + 8 * Math.sin((2 * Math.PI * i) / DAY_S) + drift + (i % 9_973 === 0 ? 25 : 0);
  }
  return { times, series: { temperatureC: temp } };
}

const afterPaint = () => new Promise<number>((resolve) => requestAnimationFrame(() => {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => resolve(performance.now());
  ch.port2.postMessage(null);
}));

let root: Root | null = null;

/** Mounts one chart on `points` readings; returns ms to its first painted frame and the parts. */
async function mount(points = DAY_S): Promise<{ totalMs: number; syncMs: number; canvas: boolean }> {
  const el = document.getElementById('root')!;
  root?.unmount();
  root = createRoot(el);
  await afterPaint(); // start from an idle page
  const history = dayOfReadings(points);
  const t0 = performance.now();
  const series = [historySeries(history, 'temperatureC', 'Winding temperature', 'var(--accent)')];
  flushSync(() => root!.render(<TrendChart title="Winding temperature" unit="°C" series={series} threshold={{ value: 155, label: 'alarm 155', color: 'var(--failure)' }} height={140} />));
  await Promise.resolve(); // the chart's first data goes in a microtask (after uPlot's own layout)
  const syncMs = performance.now() - t0;
  const t1 = await afterPaint();
  return { totalMs: t1 - t0, syncMs, canvas: el.querySelector('canvas') !== null };
}

(window as unknown as { benchMount: typeof mount }).benchMount = mount;
document.title = 'ready';
