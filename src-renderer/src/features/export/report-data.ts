/**
 * Pure shaping for the printable reports: a sensor's zone, a trend as a static SVG path (paper
 * has no canvas and no hover), the confusion matrix's rates at the cost-chosen threshold, and the
 * importances worth a line.
 */
import type { FleetEvent, SensorSpec, TrainingResult } from '@shared/contract';
import { lttb } from '../../lib/lttb';
import type { OperatingPoint } from '../../lib/cost';

export type Zone = 'normal' | 'warning' | 'alarm';

/** As the twin assesses it (src-main/twin/assets.ts sensorZone): a `low` sensor alarms at the bottom. */
export function zoneOf(s: Pick<SensorSpec, 'warn' | 'alarm' | 'low'>, v: number | undefined): Zone | null {
  if (v === undefined || !Number.isFinite(v)) return null;
  if (s.low) return v <= s.alarm ? 'alarm' : v <= s.warn ? 'warning' : 'normal';
  return v >= s.alarm ? 'alarm' : v >= s.warn ? 'warning' : 'normal';
}

export interface TrendPath {
  /** SVG path data in a width × height box (y grows downwards); gaps (NaN) break the line. */
  d: string;
  points: number;
  xRange: [number, number] | null;
  yRange: [number, number];
  /** y of `value` in the box (for a threshold or alarm line), null when outside the range. */
  yOf(value: number): number | null;
}

/**
 * A line for a static chart: downsampled (LTTB, at most one point per unit of width) so a long
 * history stays a small vector image. The y range is `range` when given, else the data's own with
 * 5 % headroom, widened to include `include` (a threshold or alarm level worth seeing).
 */
export function trendPath(x: ArrayLike<number>, y: ArrayLike<number>, width: number, height: number, opts: { range?: [number, number]; include?: number[] } = {}): TrendPath {
  const d = lttb(x, y, Math.max(2, Math.floor(width)));
  let lo = Infinity, hi = -Infinity, x0 = Infinity, x1 = -Infinity;
  for (let i = 0; i < d.x.length; i++) {
    if (!Number.isFinite(d.x[i])) continue;
    x0 = Math.min(x0, d.x[i]);
    x1 = Math.max(x1, d.x[i]);
    if (Number.isFinite(d.y[i])) {
      lo = Math.min(lo, d.y[i]);
      hi = Math.max(hi, d.y[i]);
    }
  }
  for (const v of opts.include ?? []) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  let range: [number, number];
  if (opts.range) range = opts.range;
  else if (!Number.isFinite(lo)) range = [0, 1];
  else {
    const pad = hi > lo ? (hi - lo) * 0.05 : Math.max(Math.abs(hi) * 0.05, 0.5);
    range = [lo - pad, hi + pad];
  }
  const span = range[1] - range[0] || 1;
  const xSpan = x1 > x0 ? x1 - x0 : 1;
  const px = (v: number) => (x1 > x0 ? ((v - x0) / xSpan) * width : width / 2);
  const py = (v: number) => height - ((v - range[0]) / span) * height;
  let path = '';
  let run = 0;
  let lastX = 0;
  let points = 0;
  // A run of one point (a lone reading between gaps, or the first score of a new model) would be
  // an invisible move: it is drawn as a short dash, inwards from the box's edge.
  const endRun = () => {
    if (run === 1) path += lastX > width - 3 ? 'h-3' : 'h3';
    run = 0;
  };
  for (let i = 0; i < d.x.length; i++) {
    if (!Number.isFinite(d.x[i]) || !Number.isFinite(d.y[i])) {
      endRun();
      continue;
    }
    lastX = px(d.x[i]);
    path += `${run ? 'L' : 'M'}${lastX.toFixed(1)} ${py(d.y[i]).toFixed(1)}`;
    run++;
    points++;
  }
  endRun();
  return {
    d: path,
    points,
    xRange: Number.isFinite(x0) ? [x0, x1] : null,
    yRange: range,
    yOf: (v) => (Number.isFinite(v) && v >= range[0] && v <= range[1] ? py(v) : null),
  };
}

/** The newest `n` events, newest first. */
export function lastEvents(events: readonly FleetEvent[], n: number): FleetEvent[] {
  return events.map((e, i) => ({ e, i })).sort((a, b) => b.e.atMs - a.e.atMs || b.i - a.i).slice(0, n).map(({ e }) => e);
}

export interface OperatingRates {
  total: number;
  /** Share of all evaluated rows in each cell. */
  share: { tp: number; fp: number; tn: number; fn: number };
  precision: number;
  recall: number;
  falseAlarmRate: number;
  accuracy: number;
}

/** What the cost-chosen confusion matrix says (NaN where a rate has no denominator). */
export function operatingRates(op: Pick<OperatingPoint, 'tp' | 'fp' | 'tn' | 'fn'>): OperatingRates {
  const total = op.tp + op.fp + op.tn + op.fn;
  const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
  return {
    total,
    share: { tp: ratio(op.tp, total), fp: ratio(op.fp, total), tn: ratio(op.tn, total), fn: ratio(op.fn, total) },
    precision: ratio(op.tp, op.tp + op.fp),
    recall: ratio(op.tp, op.tp + op.fn),
    falseAlarmRate: ratio(op.fp, op.fp + op.tn),
    accuracy: ratio(op.tp + op.tn, total),
  };
}

/** The `n` features that matter most: by held-out permutation importance, then impurity share. */
export function topImportance(importance: TrainingResult['importance'], n: number): TrainingResult['importance'] {
  return [...importance].sort((a, b) => b.permutation - a.permutation || b.impurity - a.impurity).slice(0, n);
}
