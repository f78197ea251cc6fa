/**
 * Pure shaping of a twin's detail for the widgets: gauge zones from a sensor's levels, trend
 * series from the history, markers from events and alerts, slider steps from a sensor's digits.
 */
import type { Alert, FleetEvent, SensorSpec, TwinDetail } from '@shared/contract';
import type { GaugeZone } from '../../components/Gauge';
import type { TrendMarker, TrendSeries } from '../../components/TrendChart';

/** Normal up to warn, warning up to alarm, alarm beyond; mirrored for `low` sensors (alarm at the bottom). */
export function sensorZones(s: Pick<SensorSpec, 'min' | 'max' | 'warn' | 'alarm' | 'low'>): GaugeZone[] {
  return s.low
    ? [{ from: s.min, to: s.alarm, color: 'bad' }, { from: s.alarm, to: s.warn, color: 'warn' }, { from: s.warn, to: s.max, color: 'ok' }]
    : [{ from: s.min, to: s.warn, color: 'ok' }, { from: s.warn, to: s.alarm, color: 'warn' }, { from: s.alarm, to: s.max, color: 'bad' }];
}

/** Health 0–100: CRITICAL reads 40 or less, WARNING up to 70 (see src-main/twin/health.ts). */
export const HEALTH_ZONES: GaugeZone[] = [{ from: 0, to: 40, color: 'bad' }, { from: 40, to: 70, color: 'warn' }, { from: 70, to: 100, color: 'ok' }];

/** One trend series of the history; missing values (no model yet) stay NaN gaps. */
/** `offset` shifts every value (a temperature shown in the other unit, see lib/units). */
export function historySeries(history: TwinDetail['history'], key: string, label: string, color: string, offset = 0): TrendSeries {
  const values = history.series[key] ?? [];
  const n = Math.min(history.times.length, values.length);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = history.times[i];
    const v = values[i];
    y[i] = typeof v === 'number' && Number.isFinite(v) ? v + offset : NaN;
  }
  return { label, color, x, y };
}

const EVENT_LABEL: Record<FleetEvent['kind'], string> = { failure: 'Failure', maintenance: 'Maintenance', repair: 'Repaired' };

/** Failures as alert-style (solid) markers, maintenance and repairs dotted; alerts at the time they were raised. */
export function trendMarkers(events: readonly FleetEvent[], alerts: readonly Alert[] = []): TrendMarker[] {
  const markers: TrendMarker[] = events.map((e) => ({
    atMs: e.atMs,
    label: e.kind === 'failure' ? e.detail : `${EVENT_LABEL[e.kind]}: ${e.detail.split(' — ')[0]}`,
    kind: e.kind === 'failure' ? 'alert' : 'maintenance',
  }));
  for (const a of alerts) markers.push({ atMs: a.raisedAt, label: a.ruleName, kind: 'alert' });
  return markers.sort((a, b) => a.atMs - b.atMs);
}

/**
 * The probability axis: from 0 to a little above both the data and twice the threshold (capped at
 * 1). A cost-chosen threshold can be a few percent; on a fixed 0–1 axis it would hug the bottom.
 */
export function probabilityRange(values: Float64Array, threshold: number): [number, number] {
  let hi = 2 * threshold;
  for (const v of values) if (v > hi) hi = v;
  return [0, Math.min(1, Math.max(0.01, hi * 1.1))];
}

/** Slider step: one unit of the last digit shown. */
export function sliderStep(s: Pick<SensorSpec, 'digits'>): number {
  return 10 ** -Math.max(0, Math.min(6, s.digits));
}

/** A slider's starting value: the live reading, inside the slider's range. */
export function clampToRange(v: number | undefined, s: Pick<SensorSpec, 'min' | 'max'>): number {
  if (v === undefined || !Number.isFinite(v)) return s.min;
  return Math.min(s.max, Math.max(s.min, v));
}
