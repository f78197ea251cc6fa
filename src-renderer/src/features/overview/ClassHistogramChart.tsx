import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ClassHistogram } from '@shared/contract';
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
    return histogram.normal.map((n, i) => ({
      bin: formatNumber((histogram.edges[i] + histogram.edges[i + 1]) / 2),
      normal: scale === 'share' ? (100 * n) / nNormal : n,
      failure: scale === 'share' ? (100 * histogram.failure[i]) / nFailure : histogram.failure[i],
    }));
  }, [histogram, scale]);
  return (
    <div className="chart" data-testid="class-histogram">
      <div className="segmented" role="radiogroup" aria-label="Histogram scale">
        {(['share', 'count'] as const).map((s) => (
          <button key={s} role="radio" aria-checked={scale === s} className={scale === s ? 'active' : ''} onClick={() => setScale(s)}>
            {s === 'share' ? '% within class' : 'Row count'}
          </button>
        ))}
      </div>
      <ResponsiveContainer width="100%" height={300}>
        <BarChart data={data} barGap={0} barCategoryGap={1} margin={{ left: 4, right: 12, top: 8, bottom: 4 }}>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="bin" stroke="var(--muted)" interval="preserveStartEnd" minTickGap={24} />
          <YAxis stroke="var(--muted)" tickFormatter={(v: number) => (scale === 'share' ? `${v.toFixed(0)}%` : formatNumber(v))} />
          <Tooltip
            formatter={(v) => (scale === 'share' ? `${Number(v).toFixed(2)} %` : String(v))}
            contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }}
          />
          <Legend />
          <Bar dataKey="normal" name="No failure" fill="var(--normal)" isAnimationActive={false} />
          <Bar dataKey="failure" name="Failure" fill="var(--failure)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
