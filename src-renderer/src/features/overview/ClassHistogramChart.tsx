import { useMemo, useState } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ClassHistogram } from '@shared/contract';
import { ALL_TICKS, niceTicks } from '../../lib/chart';
import { formatNumber } from '../../lib/format';

type Scale = 'share' | 'count';

/**
 * Distribution of one sensor for normal and failure rows. Failures are a few percent of rows,
 * so by default each class is shown as its share within the class, which makes the shapes comparable.
 */
export function ClassHistogramChart({ histogram }: { histogram: ClassHistogram }) {
  const [scale, setScale] = useState<Scale>('share');
  const data = useMemo(() => {
    const nNormal = histogram.normal.reduce((a, b) => a + b, 0) || 1;
    const nFailure = histogram.failure.reduce((a, b) => a + b, 0) || 1;
    const points = histogram.normal.map((n, i) => ({
      edge: histogram.edges[i],
      normal: scale === 'share' ? (100 * n) / nNormal : n,
      failure: scale === 'share' ? (100 * histogram.failure[i]) / nFailure : histogram.failure[i],
    }));
    // A step line needs the right edge of the last bin as a point of its own.
    const lastPoint = points[points.length - 1];
    if (lastPoint) points.push({ ...lastPoint, edge: histogram.edges[histogram.edges.length - 1] });
    return points;
  }, [histogram, scale]);
  const [lo, hi] = [histogram.edges[0], histogram.edges[histogram.edges.length - 1]];
  return (
    <div className="chart" data-testid="class-histogram">
      <div className="segmented" role="radiogroup" aria-label="Histogram scale">
        {(['share', 'count'] as const).map((s) => (
          <button key={s} role="radio" aria-checked={scale === s} className={scale === s ? 'active' : ''} onClick={() => setScale(s)}>
            {s === 'share' ? '% within class' : 'Row count'}
          </button>
        ))}
      </div>
      <ResponsiveContainer width="100%" height={280}>
        {/* Steps, not bars: one path per class instead of 80 bar components (measured 136 ms to mount). */}
        <AreaChart data={data} margin={{ left: 4, right: 12, top: 8, bottom: 4 }}>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis type="number" dataKey="edge" domain={[lo, hi]} ticks={niceTicks(lo, hi, 7)} stroke="var(--muted)" interval={ALL_TICKS} tickFormatter={(v: number) => formatNumber(v)} />
          <YAxis stroke="var(--muted)" interval={ALL_TICKS} tickFormatter={(v: number) => (scale === 'share' ? `${v.toFixed(0)}%` : formatNumber(v))} />
          <Tooltip
            labelFormatter={(v) => `from ${formatNumber(Number(v))}`}
            formatter={(v) => (scale === 'share' ? `${Number(v).toFixed(2)} %` : String(v))}
            contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }}
          />
          <Area type="stepAfter" dataKey="normal" name="No failure" stroke="var(--normal)" fill="var(--normal)" fillOpacity={0.35} isAnimationActive={false} dot={false} activeDot={false} />
          <Area type="stepAfter" dataKey="failure" name="Failure" stroke="var(--failure)" fill="var(--failure)" fillOpacity={0.35} isAnimationActive={false} dot={false} activeDot={false} />
        </AreaChart>
      </ResponsiveContainer>
      {/* An HTML legend: recharts' own measures itself and lays the chart out a second time. */}
      <div className="chart-legend" aria-hidden="true">
        <span><i style={{ background: 'var(--normal)' }} /> No failure</span>
        <span><i style={{ background: 'var(--failure)' }} /> Failure</span>
      </div>
    </div>
  );
}
