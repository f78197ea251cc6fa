import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatNumber } from '../lib/format';
import { lttb } from '../lib/lttb';
import './live.css';
import { cssColor, useLightScheme } from './Sparkline';

export interface TrendSeries {
  label: string;
  /** Canvas colour or `var(--name)`, resolved against the current theme. */
  color: string;
  /** Epoch milliseconds (simulated time), non-decreasing. */
  x: Float64Array;
  /** NaN is a missing reading: drawn as a break in the line. */
  y: Float64Array;
}
export interface TrendThreshold { value: number; label: string; color: string }
export interface TrendMarker { atMs: number; label: string; kind: 'alert' | 'maintenance' }
export interface TrendChartProps {
  title: string;
  unit?: string;
  series: TrendSeries[];
  threshold?: TrendThreshold | null;
  markers?: TrendMarker[];
  /** Height of the plot with its x axis, CSS pixels; the legend adds a line below. */
  height?: number;
  /** Fixed y range; otherwise the data's range, widened to keep the threshold in view. */
  yRange?: [number, number] | null;
  ariaLabel?: string;
}

/**
 * Series → uPlot's aligned columns, at most `pixels` x values in all. Each series is LTTB-downsampled
 * on its own x to pixels / series.length points (so their union still fits), then the x values are
 * merged: a series holds undefined where only another has a point (uPlot draws across those) and
 * null at its NaN gap markers (uPlot breaks the line there).
 */
export function toPlotData(series: readonly TrendSeries[], pixels: number): uPlot.AlignedData {
  const parts = series.map((s) => lttb(s.x, s.y, Math.max(2, Math.floor(pixels / Math.max(1, series.length)))));
  const all = new Float64Array(parts.reduce((n, p) => n + p.x.length, 0));
  let at = 0;
  for (const p of parts) all.set(p.x, (at += p.x.length) - p.x.length);
  all.sort();
  let unique = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[unique - 1]) all[unique++] = all[i];
  const xs = all.slice(0, unique);
  const columns = parts.map((p) => {
    const col: (number | null | undefined)[] = new Array(unique).fill(undefined);
    for (let i = 0, j = 0; i < p.x.length; i++) {
      while (xs[j] < p.x[i]) j++;
      col[j] = Number.isNaN(p.y[i]) ? null : p.y[i];
    }
    return col;
  });
  return [xs, ...columns];
}

/** The y scale: a fixed range if given, else the data's padded by uPlot, stretched to show the threshold. */
export function yRangeFor(dataMin: number | null, dataMax: number | null, threshold: number | null, fixed: [number, number] | null): [number, number] {
  if (fixed && fixed[1] > fixed[0]) return fixed;
  let lo = dataMin ?? NaN;
  let hi = dataMax ?? NaN;
  if (threshold !== null && Number.isFinite(threshold)) {
    lo = Number.isFinite(lo) ? Math.min(lo, threshold) : threshold;
    hi = Number.isFinite(hi) ? Math.max(hi, threshold) : threshold;
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  const [min, max] = uPlot.rangeNum(lo, hi, 0.1, true);
  return [min ?? lo, max ?? hi];
}

/** What a screen reader hears: each series' latest reading (and the limit, if any). */
export function trendSummary(title: string, unit: string, series: readonly TrendSeries[], threshold?: TrendThreshold | null): string {
  const u = unit ? ` ${unit}` : '';
  const latest = series.map((s) => {
    let i = Math.min(s.x.length, s.y.length) - 1;
    while (i >= 0 && Number.isNaN(s.y[i])) i--;
    return i >= 0 ? `${s.label} ${formatNumber(s.y[i])}${u}` : `${s.label} no data`;
  });
  const limit = threshold ? `; ${threshold.label} at ${formatNumber(threshold.value)}${u}` : '';
  return `${title}: ${latest.length ? `latest ${latest.join(', ')}` : 'no data'}${limit}`;
}

/** The latest props, read by uPlot's callbacks, which are created once per chart. */
interface Live { series: TrendSeries[]; threshold: TrendThreshold | null; markers: TrendMarker[]; yRange: [number, number] | null; unit: string; height: number }

/** CSS pixels across the plot area (bbox is in canvas pixels; before the first layout, the whole width). */
const plotPixels = (u: uPlot) => (u.bbox.width > 0 ? Math.round(u.bbox.width / uPlot.pxRatio) : u.width);

/** At most one point per pixel of the plot area. Returns the pixel budget used. */
function push(u: uPlot, live: Live): number {
  const pixels = plotPixels(u);
  u.setData(toPlotData(live.series, pixels));
  return pixels;
}

/** Lines of marker labels at the top of the plot. */
const MARKER_LABEL_LINES = 3;

/** Threshold (dashed) and markers (alerts solid, maintenance dotted) over the series: hooks.draw. */
function drawOverlays(u: uPlot, live: Live, color: (c: string) => string, font: string): void {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const pr = uPlot.pxRatio;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  ctx.font = `${Math.round(11 * pr)}px ${font}`;
  ctx.lineWidth = pr;
  const t = live.threshold;
  if (t && Number.isFinite(t.value)) {
    const y = Math.round(u.valToPos(t.value, 'y', true)) + 0.5;
    ctx.strokeStyle = ctx.fillStyle = color(t.color);
    ctx.setLineDash([6 * pr, 4 * pr]);
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(left + width, y);
    ctx.stroke();
    ctx.textAlign = 'right';
    ctx.textBaseline = y - top < 16 * pr ? 'top' : 'bottom'; // below the line when it hugs the top
    ctx.fillText(t.label, left + width - 4 * pr, y + (ctx.textBaseline === 'top' ? 3 : -3) * pr);
  }
  ctx.textBaseline = 'top';
  // Labels of nearby markers would overprint each other: each goes on the first line (of a few)
  // where it clears the previous label; with no line free, only its marker line is drawn.
  const lineEnds: number[] = [];
  for (const m of live.markers) {
    const x = Math.round(u.valToPos(m.atMs, 'x', true)) + 0.5;
    if (!(x >= left && x <= left + width)) continue;
    ctx.strokeStyle = ctx.fillStyle = color(m.kind === 'alert' ? 'var(--bad)' : 'var(--live-marker-maintenance)');
    ctx.setLineDash(m.kind === 'alert' ? [] : [2 * pr, 3 * pr]); // told apart without colour too
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    const label = m.label.length > 28 ? `${m.label.slice(0, 27)}…` : m.label;
    const w = ctx.measureText(label).width;
    const flip = x + 3 * pr + w > left + width; // keep labels inside
    const from = flip ? x - 3 * pr - w : x + 3 * pr;
    let line = lineEnds.findIndex((end) => from > end + 4 * pr);
    if (line < 0) line = lineEnds.length;
    if (line >= MARKER_LABEL_LINES) continue;
    lineEnds[line] = from + w;
    ctx.textAlign = flip ? 'right' : 'left';
    ctx.fillText(label, x + (flip ? -3 : 3) * pr, top + (2 + 13 * line) * pr);
  }
  ctx.restore();
}

export function TrendChart({ title, unit = '', series, threshold = null, markers = [], height = 200, yRange = null, ariaLabel }: TrendChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const uRef = useRef<uPlot | null>(null);
  /** Pixel budget of the last setData: a plot area that then shrinks (say, y labels widened) re-fits. */
  const budget = useRef(0);
  const live = useRef<Live>({ series, threshold, markers, yRange, unit, height });
  // Only a change of series (count, names, colours) or theme rebuilds the chart (canvas colours are
  // resolved once per build; see cssColor); data never does.
  const light = useLightScheme();
  const structure = `${series.map((s) => `${s.label}\u0000${s.color}`).join('\u0001')}|${light}`;

  useEffect(() => {
    live.current = { series, threshold, markers, yRange, unit, height };
    const u = uRef.current;
    if (!u) return;
    if (u.height !== height) u.setSize({ width: u.width, height });
    budget.current = push(u, live.current);
  }, [series, threshold, markers, yRange, unit, height]);

  useEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    const cache = new Map<string, string>();
    const color = (c: string) => {
      let resolved = cache.get(c);
      if (resolved === undefined) cache.set(c, (resolved = cssColor(el, c)));
      return resolved;
    };
    const font = getComputedStyle(el).fontFamily || 'sans-serif';
    const axis: uPlot.Axis = {
      stroke: color('var(--muted)'),
      grid: { stroke: color('var(--grid)'), width: 1 },
      ticks: { stroke: color('var(--grid)'), width: 1 },
      font: `11px ${font}`,
    };
    // Microtasks run after uPlot's own commit (also a microtask), so the plot area is laid out by then.
    const refit = () => {
      const current = uRef.current;
      if (current) budget.current = push(current, live.current);
    };
    const fmt = (_: uPlot, v: number | null) => (v === null || Number.isNaN(v) ? '—' : `${formatNumber(v)}${live.current.unit ? ` ${live.current.unit}` : ''}`);
    const opts: uPlot.Options = {
      width: Math.max(100, Math.floor(el.clientWidth)),
      height: live.current.height,
      ms: 1, // x values are epoch milliseconds
      // Simulated time is shown in UTC everywhere (lib/format formatSimTime): the axes agree with the labels.
      tzDate: (ts: number) => uPlot.tzDate(new Date(ts), 'Etc/UTC'),
      cursor: { drag: { x: false, y: false, setScale: false } }, // setData rescales every tick: no zoom
      scales: {
        x: { time: true },
        y: { range: (_u, min, max) => yRangeFor(min, max, live.current.threshold?.value ?? null, live.current.yRange) },
      },
      axes: [axis, { ...axis }],
      series: [{ label: 'Time' }, ...live.current.series.map((s) => ({ label: s.label, stroke: color(s.color), width: 1.5, value: fmt }))],
      hooks: {
        draw: [(u: uPlot) => drawOverlays(u, live.current, color, font)],
        // After any change of the plot area (resize, y labels widening with the data). Re-fit only when it
        // shrank below the budget: each re-fit lowers the budget, so data and axes cannot loop.
        setSize: [(u: uPlot) => void (budget.current > 0 && plotPixels(u) < budget.current && queueMicrotask(refit))],
      },
    };
    budget.current = 0;
    const u = new uPlot(opts, [[], ...live.current.series.map(() => [])], el);
    uRef.current = u;
    queueMicrotask(refit); // the first data, fitted to the laid-out plot area

    const observer = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry.contentRect.width);
      if (width <= 0 || width === u.width) return;
      u.setSize({ width, height: u.height });
      queueMicrotask(refit); // re-fit points to the new width
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      uRef.current = null;
      u.destroy();
    };
  }, [structure]);

  return (
    <div className="trend">
      <div className="trend-header">
        <span className="trend-title">{title}</span>
        {unit ? <span className="trend-unit">{unit}</span> : null}
      </div>
      <div ref={plotRef} className="trend-plot" role="img" aria-label={ariaLabel ?? trendSummary(title, unit, series, threshold)} />
    </div>
  );
}
