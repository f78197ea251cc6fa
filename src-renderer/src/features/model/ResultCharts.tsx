import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ALL_TICKS, plainBar } from '../../lib/chart';
import type { TrainingResult } from '@shared/contract';
import { formatCount, formatPercent } from '../../lib/format';

export function ConfusionMatrix({ c }: { c: TrainingResult['confusion'] }) {
  const total = c.tp + c.fp + c.tn + c.fn;
  const cell = (n: number, kind: 'good' | 'bad', label: string, testId: string) => (
    <td className={`cm-${kind}`} style={{ background: `rgba(${kind === 'good' ? '60, 207, 142' : '255, 107, 91'}, ${(0.1 + 0.35 * Math.sqrt(n / Math.max(1, total))).toFixed(2)})` }} data-testid={testId}>
      <strong>{formatCount(n)}</strong>
      <span>{formatPercent(n / Math.max(1, total))}</span>
      <small>{label}</small>
    </td>
  );
  return (
    <table className="confusion" aria-label="Confusion matrix (out-of-fold)">
      <thead>
        <tr><th /><th scope="col">Predicted no failure</th><th scope="col">Predicted failure</th></tr>
      </thead>
      <tbody>
        <tr><th scope="row">No failure</th>{cell(c.tn, 'good', 'true negatives', 'cm-tn')}{cell(c.fp, 'bad', 'false alarms', 'cm-fp')}</tr>
        <tr><th scope="row">Failure</th>{cell(c.fn, 'bad', 'missed failures', 'cm-fn')}{cell(c.tp, 'good', 'caught failures', 'cm-tp')}</tr>
      </tbody>
    </table>
  );
}

function Curve({ x, y, xLabel, yLabel, point, testId }: { x: number[]; y: number[]; xLabel: string; yLabel: string; point: [number, number]; testId: string }) {
  const data = x.map((v, i) => ({ x: v, y: y[i] }));
  return (
    <div className="chart" data-testid={testId}>
      <ResponsiveContainer width="100%" height={240}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 20, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis type="number" dataKey="x" domain={[0, 1]} tickCount={6} interval={ALL_TICKS} stroke="var(--muted)" label={{ value: xLabel, position: 'insideBottom', offset: -10, fill: 'var(--muted)' }} />
          <YAxis type="number" domain={[0, 1]} tickCount={6} interval={ALL_TICKS} stroke="var(--muted)" label={{ value: yLabel, angle: -90, position: 'insideLeft', offset: 16, fill: 'var(--muted)' }} />
          <Tooltip formatter={(v) => Number(v).toFixed(3)} labelFormatter={(v) => `${xLabel} ${Number(v).toFixed(3)}`} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
          <Line type="linear" dataKey="y" stroke="var(--accent)" dot={false} strokeWidth={2} isAnimationActive={false} />
          <ReferenceDot x={point[0]} y={point[1]} r={6} fill="var(--failure)" stroke="var(--panel)" />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function RocAndPr({ r }: { r: TrainingResult }) {
  const c = r.confusion;
  const fpr = c.fp / Math.max(1, c.fp + c.tn), tpr = c.tp / Math.max(1, c.tp + c.fn);
  return (
    <div className="grid-2 tight">
      <Curve x={r.roc.x} y={r.roc.y} xLabel="False-alarm rate" yLabel="Recall" point={[fpr, tpr]} testId="roc-curve" />
      <Curve x={r.pr.x} y={r.pr.y} xLabel="Recall" yLabel="Precision" point={[r.metrics.recall, r.metrics.precision]} testId="pr-curve" />
    </div>
  );
}

export function ImportanceBars({ importance }: { importance: TrainingResult['importance'] }) {
  const data = importance.map((i) => ({ name: i.feature, impurity: i.impurity * 100, permutation: Math.max(0, i.permutation) * 100 }));
  return (
    <div className="chart" data-testid="importance-chart">
      <ResponsiveContainer width="100%" height={Math.max(180, data.length * 34 + 30)}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 40, top: 4, bottom: 4 }}>
          <CartesianGrid horizontal={false} stroke="var(--grid)" />
          <XAxis type="number" stroke="var(--muted)" interval={ALL_TICKS} tickFormatter={(v: number) => v.toFixed(0)} />
          <YAxis type="category" dataKey="name" width={220} interval={ALL_TICKS} stroke="var(--muted)" fontSize={12} />
          <Tooltip formatter={(v, name) => (name === 'Impurity (share)' ? `${Number(v).toFixed(1)} %` : `${Number(v).toFixed(1)} points of PR-AUC`)} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
          <Legend />
          <Bar dataKey="permutation" name="Permutation (PR-AUC drop, held-out)" fill="var(--failure)" isAnimationActive={false} shape={plainBar} />
          <Bar dataKey="impurity" name="Impurity (share)" fill="var(--accent)" isAnimationActive={false} shape={plainBar} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
