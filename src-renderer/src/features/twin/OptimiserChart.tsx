import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { OptimiseResult } from '@shared/contract';
import { ALL_TICKS } from '../../lib/chart';

interface Point { energy: number; risk: number; cost: number }
const point = (p: OptimiseResult['best']): Point => ({ energy: p.energyCostPerHour, risk: p.risk * 100, cost: p.expectedCostPerHour });

/**
 * The trade-off the optimiser found: failure risk against energy cost per hour along its Pareto
 * frontier, with the current and the best (lowest expected cost) operating points marked.
 */
export function OptimiserChart({ result }: { result: OptimiseResult }) {
  const frontier = [...result.frontier].sort((a, b) => a.energyCostPerHour - b.energyCostPerHour).map(point);
  return (
    <div className="chart" data-testid="optimiser-chart" role="img" aria-label={`Risk versus energy cost: ${frontier.length} frontier points; current and best operating points marked`}>
      <ResponsiveContainer width="100%" height={240}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 4 }}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis type="number" dataKey="energy" name="Energy cost" domain={['auto', 'auto']} interval={ALL_TICKS} stroke="var(--muted)" tickFormatter={(v: number) => v.toFixed(2)} label={{ value: 'Energy cost per hour', position: 'insideBottom', offset: -12, fill: 'var(--muted)' }} />
          <YAxis type="number" dataKey="risk" name="Risk" unit=" %" domain={[0, 'auto']} interval={ALL_TICKS} stroke="var(--muted)" tickFormatter={(v: number) => v.toFixed(1)} width={72} label={{ value: 'Failure risk', angle: -90, position: 'insideLeft', offset: 4, fill: 'var(--muted)' }} />
          <Tooltip
            formatter={(v, name) => (name === 'Risk' ? `${Number(v).toFixed(2)} %` : Number(v).toFixed(2))}
            contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }}
          />
          <Legend verticalAlign="top" height={24} />
          <Scatter name="Frontier" data={frontier} fill="var(--accent)" line={{ stroke: 'var(--accent)' }} isAnimationActive={false} />
          <Scatter name="Current" data={[point(result.current)]} fill="var(--warn)" shape="diamond" isAnimationActive={false} />
          <Scatter name="Best" data={[point(result.best)]} fill="var(--ok)" shape="star" isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
