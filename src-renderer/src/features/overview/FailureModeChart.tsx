import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ALL_TICKS } from '../../lib/chart';
import type { DatasetOverview } from '@shared/contract';

const MODE_NAMES: Record<string, string> = {
  TWF: 'Tool wear (TWF)', HDF: 'Heat dissipation (HDF)', PWF: 'Power (PWF)', OSF: 'Overstrain (OSF)', RNF: 'Random (RNF)',
  bearing: 'Bearing', overheat: 'Overheating', misalignment: 'Misalignment', overload: 'Overload',
};

export function FailureModeChart({ modes }: { modes: DatasetOverview['failuresByMode'] }) {
  const data = modes.map((m) => ({ name: MODE_NAMES[m.mode] ?? m.mode, count: m.count }));
  if (data.length === 0) return <p className="empty">This dataset has no failure-mode columns.</p>;
  return (
    <div className="chart" data-testid="mode-chart">
      <ResponsiveContainer width="100%" height={Math.max(160, data.length * 42)}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 40, top: 4, bottom: 4 }}>
          <CartesianGrid horizontal={false} stroke="var(--grid)" />
          <XAxis type="number" allowDecimals={false} stroke="var(--muted)" interval={ALL_TICKS} />
          <YAxis type="category" dataKey="name" width={170} stroke="var(--muted)" interval={ALL_TICKS} />
          <Tooltip cursor={{ fill: 'var(--hover)' }} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
          <Bar dataKey="count" name="Failures" fill="var(--failure)" isAnimationActive={false}>
            <LabelList dataKey="count" position="right" fill="var(--text)" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
