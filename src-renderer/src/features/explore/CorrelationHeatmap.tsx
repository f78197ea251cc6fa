import { ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import type { Exploration } from '@shared/contract';

/** Diverging colour: blue for negative, red for positive correlation, grey for undefined. */
export function correlationColour(r: number): string {
  if (!Number.isFinite(r)) return 'var(--panel-2)';
  const a = Math.min(1, Math.abs(r));
  return r >= 0 ? `rgba(217, 63, 46, ${0.1 + 0.9 * a})` : `rgba(47, 127, 216, ${0.1 + 0.9 * a})`;
}

interface Cell {
  x: number;
  y: number;
  r: number;
  a: string;
  b: string;
}

const short = (s: string) => (s.length > 16 ? `${s.slice(0, 15)}…` : s);

export function CorrelationHeatmap({ correlation }: { correlation: Exploration['correlation'] }) {
  const n = correlation.columns.length;
  const cells: Cell[] = [];
  correlation.matrix.forEach((row, i) => row.forEach((r, j) => cells.push({ x: j, y: i, r, a: correlation.columns[i], b: correlation.columns[j] })));
  const size = Math.max(220, Math.min(520, n * 44 + 140));
  return (
    <div className="chart" data-testid="correlation-heatmap">
      <ResponsiveContainer width="100%" height={size}>
        <ScatterChart margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <XAxis type="number" dataKey="x" domain={[-0.5, n - 0.5]} ticks={correlation.columns.map((_, i) => i)} tickFormatter={(i: number) => short(correlation.columns[i] ?? '')} interval={0} angle={-35} textAnchor="end" height={90} stroke="var(--muted)" />
          <YAxis type="number" dataKey="y" domain={[-0.5, n - 0.5]} ticks={correlation.columns.map((_, i) => i)} tickFormatter={(i: number) => short(correlation.columns[i] ?? '')} interval={0} reversed width={120} stroke="var(--muted)" />
          <ZAxis range={[1, 1]} />
          <Tooltip
            cursor={false}
            content={({ payload }) => {
              const c = payload?.[0]?.payload as Cell | undefined;
              return c ? <div className="tooltip">{c.a} × {c.b}: {Number.isFinite(c.r) ? c.r.toFixed(3) : 'undefined'}</div> : null;
            }}
          />
          <Scatter
            data={cells}
            isAnimationActive={false}
            shape={(props: { cx?: number; cy?: number; payload?: Cell; xAxis?: { width: number }; yAxis?: { height: number } }) => {
              const w = (props.xAxis?.width ?? 300) / n, h = (props.yAxis?.height ?? 300) / n;
              const c = props.payload!;
              return (
                <g>
                  <rect className="heat-cell" x={(props.cx ?? 0) - w / 2 + 1} y={(props.cy ?? 0) - h / 2 + 1} width={w - 2} height={h - 2} fill={correlationColour(c.r)} rx={2} />
                  {w > 34 ? <text x={props.cx} y={(props.cy ?? 0) + 4} textAnchor="middle" fontSize={11} fill="var(--text)">{Number.isFinite(c.r) ? c.r.toFixed(2) : ''}</text> : null}
                </g>
              );
            }}
          />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
