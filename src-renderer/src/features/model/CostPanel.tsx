import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Scatter, ComposedChart, Tooltip, XAxis, YAxis } from 'recharts';
import { ALL_TICKS } from '../../lib/chart';
import type { TrainingResult } from '@shared/contract';
import { chooseThreshold, DEFAULT_COSTS, type OperatingPoint } from '../../lib/cost';

const euro = (x: number) => `€${Math.round(x).toLocaleString('en-US')}`;

interface Props {
  result: TrainingResult;
  miss: number;
  falseAlarm: number;
  onCosts(miss: number, falseAlarm: number): void;
}

export function operatingPoint(result: TrainingResult, miss: number, falseAlarm: number): OperatingPoint {
  return chooseThreshold(result.thresholdTable, miss, falseAlarm);
}

/** Cost sliders: they move the threshold, and the confusion matrix is priced in money. */
export function CostPanel({ result, miss, falseAlarm, onCosts }: Props) {
  const op = operatingPoint(result, miss, falseAlarm);
  const t = result.thresholdTable;
  const curve = t.threshold.map((th, k) => ({ threshold: th, cost: t.fn[k] * miss + t.fp[k] * falseAlarm }));
  return (
    <div className="cost-panel">
      <div className="form-grid">
        <label className="field">
          <span>Cost of a missed failure: {euro(miss)}</span>
          <input type="range" min={0} max={100_000} step={500} value={miss} onChange={(e) => onCosts(Number(e.target.value), falseAlarm)} aria-label="Cost of a missed failure in euros" data-testid="cost-miss" />
        </label>
        <label className="field">
          <span>Cost of a false alarm: {euro(falseAlarm)}</span>
          <input type="range" min={0} max={10_000} step={50} value={falseAlarm} onChange={(e) => onCosts(miss, Number(e.target.value))} aria-label="Cost of a false alarm in euros" data-testid="cost-false-alarm" />
        </label>
      </div>
      <p data-testid="operating-point">
        Alarm when the failure probability is at least <strong>{op.threshold.toFixed(3)}</strong>: {op.fn} missed × {euro(miss)} + {op.fp} false alarms × {euro(falseAlarm)} ={' '}
        <strong>{euro(op.cost)}</strong> over {(op.tp + op.fp + op.tn + op.fn).toLocaleString('en-US')} evaluated rows. Defaults: {euro(DEFAULT_COSTS.miss)} per missed failure, {euro(DEFAULT_COSTS.falseAlarm)} per false alarm.
      </p>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={curve} margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis type="number" dataKey="threshold" domain={[0, 1]} tickCount={6} interval={ALL_TICKS} stroke="var(--muted)" />
          <YAxis stroke="var(--muted)" interval={ALL_TICKS} tickFormatter={(v: number) => (v >= 1e6 ? `€${(v / 1e6).toFixed(1)}M` : `€${Math.round(v / 1000)}k`)} width={64} />
          <Tooltip formatter={(v) => euro(Number(v))} labelFormatter={(v) => `threshold ${Number(v).toFixed(3)}`} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
          <Line dataKey="cost" name="Expected cost" stroke="var(--accent)" dot={false} isAnimationActive={false} />
          <ReferenceLine x={op.threshold} stroke="var(--failure)" strokeDasharray="4 3" />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Reliability diagram: calibrated probability against the observed failure rate. */
export function CalibrationPlot({ result }: { result: TrainingResult }) {
  const c = result.calibration;
  const points = c.predicted.map((p, k) => ({ predicted: p, observed: c.observed[k], count: c.count[k] }));
  return (
    <div className="chart" data-testid="calibration-plot">
      <ResponsiveContainer width="100%" height={240}>
        <ComposedChart data={points} margin={{ top: 8, right: 16, bottom: 20, left: 0 }}>
          <CartesianGrid stroke="var(--grid)" />
          <XAxis type="number" dataKey="predicted" domain={[0, 1]} tickCount={6} interval={ALL_TICKS} stroke="var(--muted)" label={{ value: 'Predicted probability', position: 'insideBottom', offset: -10, fill: 'var(--muted)' }} />
          <YAxis type="number" domain={[0, 1]} tickCount={6} interval={ALL_TICKS} stroke="var(--muted)" label={{ value: 'Observed rate', angle: -90, position: 'insideLeft', offset: 16, fill: 'var(--muted)' }} />
          <Tooltip formatter={(v) => Number(v).toFixed(3)} contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)' }} />
          <ReferenceLine segment={[{ x: 0, y: 0 }, { x: 1, y: 1 }]} stroke="var(--muted)" strokeDasharray="4 3" />
          <Line dataKey="observed" stroke="var(--accent)" isAnimationActive={false} />
          <Scatter dataKey="observed" fill="var(--accent)" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <p className="muted small">Brier score {result.metrics.brier.toFixed(4)} calibrated, {result.brierUncalibrated.toFixed(4)} from the forest's raw scores.</p>
    </div>
  );
}
