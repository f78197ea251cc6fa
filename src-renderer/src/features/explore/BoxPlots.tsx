import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ALL_TICKS, niceTicks } from '../../lib/chart';
import type { Exploration, Quartiles } from '@shared/contract';
import { Staged } from '../../components/Staged';
import { formatNumber } from '../../lib/format';

interface Box extends Quartiles {
  name: string;
  range: [number, number];
  fill: string;
}

interface ShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  payload?: Box;
}

/** A Tukey box drawn inside the bar that spans the whiskers: the bar gives the pixel scale. */
function BoxShape({ x = 0, y = 0, width = 0, height = 0, payload }: ShapeProps) {
  if (!payload || payload.n === 0) return <g />;
  const { lowWhisker: lo, highWhisker: hi } = payload;
  const py = (v: number) => (hi === lo ? y + height / 2 : y + (height * (hi - v)) / (hi - lo));
  const cx = x + width / 2, bw = Math.min(width * 0.6, 46);
  return (
    <g>
      <line x1={cx} x2={cx} y1={py(hi)} y2={py(payload.q3)} stroke="var(--muted)" />
      <line x1={cx} x2={cx} y1={py(payload.q1)} y2={py(lo)} stroke="var(--muted)" />
      <line x1={cx - bw / 4} x2={cx + bw / 4} y1={py(hi)} y2={py(hi)} stroke="var(--muted)" />
      <line x1={cx - bw / 4} x2={cx + bw / 4} y1={py(lo)} y2={py(lo)} stroke="var(--muted)" />
      <rect x={cx - bw / 2} y={py(payload.q3)} width={bw} height={Math.max(1, py(payload.q1) - py(payload.q3))} fill={payload.fill} fillOpacity={0.35} stroke={payload.fill} />
      <line x1={cx - bw / 2} x2={cx + bw / 2} y1={py(payload.median)} y2={py(payload.median)} stroke={payload.fill} strokeWidth={2.5} />
    </g>
  );
}

function BoxPlot({ column, normal, failure }: Exploration['boxes'][number]) {
  const data: Box[] = [
    { ...normal, name: 'No failure', range: [normal.lowWhisker, normal.highWhisker], fill: 'var(--normal)' },
    { ...failure, name: 'Failure', range: [failure.lowWhisker, failure.highWhisker], fill: 'var(--failure)' },
  ];
  const lo = Math.min(normal.lowWhisker, failure.n ? failure.lowWhisker : Infinity);
  const hi = Math.max(normal.highWhisker, failure.n ? failure.highWhisker : -Infinity);
  const pad = (hi - lo) * 0.05 || 1;
  return (
    <figure className="box-plot">
      <figcaption>{column}</figcaption>
      <ResponsiveContainer width="100%" height={170}>
        <BarChart data={data} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="name" stroke="var(--muted)" fontSize={11} interval={ALL_TICKS} />
          <YAxis domain={[lo - pad, hi + pad]} ticks={niceTicks(lo - pad, hi + pad, 5)} stroke="var(--muted)" fontSize={11} width={52} interval={ALL_TICKS} tickFormatter={(v: number) => formatNumber(v)} />
          <Tooltip
            cursor={{ fill: 'var(--hover)' }}
            content={({ payload }) => {
              const b = payload?.[0]?.payload as Box | undefined;
              return b ? (
                <div className="tooltip">
                  {b.name} (n = {b.n.toLocaleString('en-US')}): median {formatNumber(b.median)}, quartiles {formatNumber(b.q1)}–{formatNumber(b.q3)}, range {formatNumber(b.min)}–{formatNumber(b.max)}
                </div>
              ) : null;
            }}
          />
          <Bar dataKey="range" isAnimationActive={false} shape={(p: ShapeProps) => <BoxShape {...p} />} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function BoxPlots({ boxes }: { boxes: Exploration['boxes'] }) {
  return (
    <div className="box-grid" data-testid="box-plots">
      {boxes.map((b) => (
        <Staged key={b.column} height={190}>
          <BoxPlot {...b} />
        </Staged>
      ))}
    </div>
  );
}
