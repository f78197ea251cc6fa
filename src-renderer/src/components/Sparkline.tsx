import { useEffect, useRef } from 'react';
import { useTheme } from '../lib/theme';
import { lttb } from '../lib/lttb';
import './live.css';

export interface SparklineProps {
  /** Evenly spaced samples, oldest first; NaN is a gap in the line. */
  values: ArrayLike<number>;
  /** Changes when `values` changed in place (a live list updated without a new array): redraws. */
  version?: number;
  width?: number;
  height?: number;
  /** Any canvas colour, or a CSS variable as `var(--name)`; resolved against the current theme. */
  color?: string;
  ariaLabel: string;
}

// Canvas cannot read CSS variables, so canvas widgets (this one, TrendChart) resolve colours by
// hand and redraw when the theme switches (lib/theme.ts sets it on <html>).

/** True under the light theme; re-renders on a switch. False when rendered without a DOM. */
export const useLightScheme = () => useTheme() === 'light';

/** Resolved theme colours by theme and variable: reading computed style forces a style recalculation. */
const resolved = new Map<string, string>();

/**
 * A colour canvas can use: `var(--name)` is looked up on `el` (once per theme: the variables are
 * the theme's), anything else passes through.
 */
export function cssColor(el: Element, color: string): string {
  const name = /^var\((--[\w-]+)\)$/.exec(color.trim())?.[1];
  if (!name) return color;
  const key = `${document.documentElement.dataset.theme ?? ''}${name}`;
  let value = resolved.get(key);
  if (value === undefined) {
    value = getComputedStyle(el).getPropertyValue(name).trim();
    // Not cached while empty: the style sheet may not have applied yet.
    if (value) resolved.set(key, value);
  }
  return value || '#888';
}

export function Sparkline({ values, version, width = 120, height = 32, color = 'var(--accent)', ariaLabel }: SparklineProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const light = useLightScheme();

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    // Draw in device pixels so the line is sharp on HiDPI screens.
    const dpr = window.devicePixelRatio || 1;
    // Setting a canvas's size reallocates its backing store even when unchanged: only on a change.
    const w = Math.max(1, Math.round(width * dpr)), h = Math.max(1, Math.round(height * dpr));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const n = values.length;
    if (n === 0) return;

    // No more points than CSS pixels across: LTTB keeps the peaks a pixel column would show. A
    // line that fits is drawn as it is (a live list redraws its rows' lines several times a
    // second: three arrays per redraw were garbage for nothing).
    const budget = Math.max(2, Math.floor(width));
    const sampled = n > budget ? lttb(Float64Array.from({ length: n }, (_, i) => i), values, budget) : null;
    const y = sampled ? sampled.y : values;
    const m = y.length;
    const xAt = (k: number) => (sampled ? sampled.x[k] : k);
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < m; k++) {
      const v = y[k];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi >= lo)) return; // no finite value to draw

    const pad = 2; // half the line width plus the end dot, so nothing is clipped at the edges
    const px = (i: number) => (n === 1 ? width / 2 : pad + (i / (n - 1)) * (width - 2 * pad));
    const py = (v: number) => (hi === lo ? height / 2 : pad + (1 - (v - lo) / (hi - lo)) * (height - 2 * pad));
    const stroke = cssColor(canvas, color);

    ctx.strokeStyle = stroke;
    ctx.lineWidth = 1.5;
    ctx.lineJoin = 'round';
    ctx.beginPath();
    let penDown = false;
    for (let k = 0; k < m; k++) {
      if (Number.isNaN(y[k])) {
        penDown = false; // a gap: lift the pen
        continue;
      }
      if (penDown) ctx.lineTo(px(xAt(k)), py(y[k]));
      else ctx.moveTo(px(xAt(k)), py(y[k]));
      penDown = true;
    }
    ctx.stroke();

    // The latest reading as a dot: the value a glance at a sparkline is for.
    const last = y[m - 1];
    if (!Number.isNaN(last)) {
      ctx.fillStyle = stroke;
      ctx.beginPath();
      ctx.arc(px(xAt(m - 1)), py(last), 2, 0, 2 * Math.PI);
      ctx.fill();
    }
  }, [values, version, width, height, color, light]);

  return <canvas ref={ref} className="sparkline" role="img" aria-label={ariaLabel} style={{ width, height }} />;
}
