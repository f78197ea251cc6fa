import type { ReactNode } from 'react';
import { formatNumber, formatSimTime } from '../../lib/format';
import { useStore } from '../../store';
import { trendPath } from './report-data';

/** When the report was made, on the user's clock (the fleet's simulated time is shown separately). */
function generatedAt(): string {
  return new Date().toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** The page's head: what report, of what, when; the app's name and version for the record. */
export function ReportHead({ kind, title, subtitle }: { kind: string; title: string; subtitle?: ReactNode }) {
  const info = useStore((s) => s.info);
  return (
    <header className="report-head">
      <div className="report-brand">
        <span>◎ Twinscope · {kind}</span>
        <span>Generated {generatedAt()}{info ? ` · v${info.version}` : ''}</span>
      </div>
      <h1 data-testid="report-title">{title}</h1>
      {subtitle ? <p className="report-subtitle">{subtitle}</p> : null}
    </header>
  );
}

export function Fact({ label, value, detail, tone, testId }: { label: string; value: ReactNode; detail?: ReactNode; tone?: string; testId?: string }) {
  return (
    <div className={`report-fact${tone ? ` tone-${tone}` : ''}`} data-testid={testId}>
      <span className="report-label">{label}</span>
      <strong>{value}</strong>
      {detail ? <span className="report-detail">{detail}</span> : null}
    </div>
  );
}

export function ReportSection({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`report-section ${className ?? ''}`}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** "… and 4 more" under a cut list: a one-page report says what it left out. */
export function More({ shown, total, what }: { shown: number; total: number; what: string }) {
  return total > shown ? <p className="report-more">… and {total - shown} more {what} (see the CSV export).</p> : null;
}

const W = 300;
const H = 56;

/**
 * A small static trend: the line, a dashed level (threshold or alarm) and the latest value and
 * range in words. A vector image: sharp on paper at any zoom, and no canvas to rasterise.
 */
export function TrendSvg({ label, unit, x, y, level, levelLabel, range, digits = 2, format, wide = false }: {
  label: string; unit: string; x: ArrayLike<number>; y: ArrayLike<number>; level?: number; levelLabel?: string;
  range?: [number, number]; digits?: number; format?: (v: number) => string;
  /** Across the whole row (the failure probability, the one trend that matters most). */
  wide?: boolean;
}) {
  const show = format ?? ((v: number) => formatNumber(v, digits));
  const path = trendPath(x, y, W, H, { range, include: level === undefined ? [] : [level] });
  let lo = Infinity, hi = -Infinity, last = NaN;
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) continue;
    lo = Math.min(lo, y[i]);
    hi = Math.max(hi, y[i]);
    last = y[i];
  }
  const levelY = level === undefined ? null : path.yOf(level);
  return (
    <figure className={`report-trend${wide ? ' wide' : ''}`}>
      <figcaption><strong>{label}</strong>{unit ? ` (${unit})` : ''}</figcaption>
      {/* Stretched to the cell (non-scaling strokes keep the lines thin); the level line is dashed. */}
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`${label} trend${levelLabel ? `, dashed: ${levelLabel}` : ''}`}>
        <rect x={0} y={0} width={W} height={H} className="trend-frame" />
        {levelY !== null ? <line x1={0} x2={W} y1={levelY} y2={levelY} className="trend-level" /> : null}
        <path d={path.d} className="trend-line" />
      </svg>
      <span className="report-detail">
        {Number.isFinite(last) ? `now ${show(last)} · range ${show(lo)} – ${show(hi)}` : 'no readings yet'}
        {levelLabel && levelY !== null ? ` · dashed: ${levelLabel}` : ''}
      </span>
    </figure>
  );
}

/** The span a set of trends covers, in simulated time. */
export function TimeSpan({ times }: { times: readonly number[] }) {
  if (times.length === 0) return null;
  return <span>{formatSimTime(times[0], { weekday: false, suffix: false })} – {formatSimTime(times[times.length - 1], { weekday: false })}</span>;
}
