import { formatNumber } from '../lib/format';
import './live.css';

export type ZoneColor = 'ok' | 'warn' | 'bad';

export interface GaugeZone {
  from: number;
  to: number;
  color: ZoneColor;
}

export interface GaugeProps {
  label: string;
  value: number | null;
  unit: string;
  min: number;
  max: number;
  zones: GaugeZone[];
  format?: (v: number) => string;
  /** Width in CSS pixels; the height follows (the arc is 240°, open at the bottom). */
  size?: number;
}

/** The arc runs clockwise from START to END degrees, 0 being straight up. */
export const GAUGE_START = -120;
export const GAUGE_END = 120;

/**
 * Needle angle for a value: linear between START (min) and END (max), clamped to the arc so an
 * out-of-range reading pins the needle to the end instead of drawing past it. NaN, or a range
 * that is empty or not finite, rests the needle at START (the component hides it for NaN).
 */
export function gaugeAngle(value: number, min: number, max: number): number {
  if (Number.isNaN(value) || !Number.isFinite(min) || !Number.isFinite(max) || max <= min) return GAUGE_START;
  const t = Math.min(1, Math.max(0, (value - min) / (max - min)));
  return GAUGE_START + t * (GAUGE_END - GAUGE_START);
}

/** The zone a value falls in (first match, ends inclusive), or null. */
export function zoneAt(value: number | null, zones: readonly GaugeZone[]): GaugeZone | null {
  if (value === null || Number.isNaN(value)) return null;
  return zones.find((z) => value >= Math.min(z.from, z.to) && value <= Math.max(z.from, z.to)) ?? null;
}

const ZONE_WORDS: Record<ZoneColor, string> = { ok: 'normal', warn: 'warning', bad: 'critical' };

// Geometry in viewBox units (100 wide): the hub at C, the arc at radius R, stroke W wide.
const C = 50;
const R = 40;
const W = 9;
const VIEW_HEIGHT = 80;
/** Needle length: short enough to clear the value text when pinned at either end. */
const NEEDLE = 27;
/** Room for the value text between the arc's open ends, in viewBox units. */
const TEXT_ROOM = 58;

function polar(angle: number, r: number): [number, number] {
  const rad = (angle * Math.PI) / 180;
  return [C + r * Math.sin(rad), C - r * Math.cos(rad)];
}

function arcPath(a1: number, a2: number): string {
  const [x1, y1] = polar(a1, R);
  const [x2, y2] = polar(a2, R);
  const large = a2 - a1 > 180 ? 1 : 0;
  return `M ${x1.toFixed(2)} ${y1.toFixed(2)} A ${R} ${R} 0 ${large} 1 ${x2.toFixed(2)} ${y2.toFixed(2)}`;
}

export function Gauge({ label, value, unit, min, max, zones, format = formatNumber, size = 140 }: GaugeProps) {
  const known = value !== null && !Number.isNaN(value);
  const text = known ? `${format(value)}${unit ? ` ${unit}` : ''}` : '—';
  const zone = zoneAt(value, zones);
  const outOfRange = known && (value < min || value > max);
  const valueText = known
    ? `${text}${outOfRange ? (value < min ? ', below range' : ', above range') : ''}${zone ? `, ${ZONE_WORDS[zone.color]}` : ''}`
    : 'no reading';
  // Shrink the font for long texts (about 0.6 em a character) so it always fits between the arc ends.
  const fontSize = Math.min(15, TEXT_ROOM / (0.6 * Math.max(1, text.length)));
  const angle = gaugeAngle(known ? value : NaN, min, max);

  return (
    <div
      className="gauge"
      role="meter"
      aria-label={label}
      aria-valuemin={min}
      aria-valuemax={max}
      // ARIA wants valuenow inside [min, max]; the true reading is in valuetext.
      aria-valuenow={known ? Math.min(max, Math.max(min, value)) : undefined}
      aria-valuetext={valueText}
      data-zone={zone?.color}
      style={{ width: size }}
    >
      <svg viewBox={`0 0 100 ${VIEW_HEIGHT}`} width={size} height={(size * VIEW_HEIGHT) / 100} aria-hidden="true">
        <path className="gauge-track" d={arcPath(GAUGE_START, GAUGE_END)} fill="none" strokeWidth={W} />
        {zones.map((z, i) => {
          const a1 = gaugeAngle(Math.min(z.from, z.to), min, max);
          const a2 = gaugeAngle(Math.max(z.from, z.to), min, max);
          return a2 > a1 ? <path key={i} className={`gauge-zone-${z.color}`} d={arcPath(a1, a2)} fill="none" strokeWidth={W} /> : null;
        })}
        {known ? <line className="gauge-needle" x1={C} y1={C} x2={C} y2={C - NEEDLE} strokeWidth={2.5} transform={`rotate(${angle.toFixed(2)} ${C} ${C})`} /> : null}
        <circle className="gauge-hub" cx={C} cy={C} r={3.5} />
        <text className="gauge-value" x={C} y={C + 26} textAnchor="middle" fontSize={fontSize.toFixed(2)}>
          {text}
        </text>
      </svg>
      <div className="gauge-label" title={label}>
        {label}
      </div>
    </div>
  );
}
