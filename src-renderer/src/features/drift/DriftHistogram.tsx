import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FeatureDrift } from '@shared/contract';

/** Reference and live shares per bin (of the training min/max; live values outside it sit in the end bins). */
export function DriftHistogram({ feature }: { feature: FeatureDrift }) {
  const refTotal = feature.reference.reduce((a, b) => a + b, 0) || 1;
  const liveTotal = feature.live.reduce((a, b) => a + b, 0) || 1;
  const data = feature.reference.map((c, i) => ({
    bin: Number(((feature.edges[i] + feature.edges[i + 1]) / 2).toPrecision(4)),
    training: (100 * c) / refTotal,
    live: (100 * feature.live[i]) / liveTotal,
  }));
  return (
    <div className="drift-chart" role="img" aria-label={`${feature.name}: training versus live distribution`}>
      <ResponsiveContainer width="100%" height={160}>
        <BarChart data={data} margin={{ left: 0, right: 8, top: 4, bottom: 4 }} barGap={0}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="bin" stroke="var(--muted)" tick={{ fontSize: 11 }} />
          <YAxis stroke="var(--muted)" tick={{ fontSize: 11 }} unit=" %" width={44} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)} %`} contentStyle={{ background: 'var(--panel)', borderColor: 'var(--border)', color: 'var(--text)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="training" name="Training" fill="var(--normal)" fillOpacity={0.55} isAnimationActive={false} />
          <Bar dataKey="live" name="Live" fill="var(--warn)" fillOpacity={0.85} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
