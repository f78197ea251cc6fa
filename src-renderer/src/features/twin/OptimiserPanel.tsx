import type { SensorSpec } from '@shared/contract';
import { formatCostPerHour, formatNumber, formatPercent } from '../../lib/format';
import { useStore } from '../../store';
import { OptimiserChart } from './OptimiserChart';

/** Names of the optimiser's variables: the sensors' labels where they are sensors. */
function variableLabel(name: string, sensors: SensorSpec[]): string {
  if (name === 'loadLimit') return 'Load limit (× rated)';
  const s = sensors.find((x) => x.key === name);
  return s ? `${s.label} (${s.unit})` : name;
}

/**
 * Runs `twin:optimise` on demand: the setpoint with the lowest expected cost per hour (failure risk
 * × downtime cost + energy) against the current one, the trade-off chart, and Apply (`twin:setpoint`).
 */
export function OptimiserPanel({ sensors, hasModel }: { sensors: SensorSpec[]; hasModel: boolean }) {
  const o = useStore((s) => (s.optimiser?.assetId === s.selectedAssetId ? s.optimiser : null));
  const { runOptimiser, applyBestSetpoint } = useStore.getState();
  const r = o?.result;
  return (
    <div className="optimiser" data-testid="optimiser-panel">
      <div className="actions tight">
        <button className="primary" disabled={!hasModel || o?.running} onClick={() => void runOptimiser()} data-testid="optimiser-run">
          {o?.running ? 'Optimising…' : r ? 'Run again' : 'Run optimiser'}
        </button>
        {r ? (
          <button onClick={() => void applyBestSetpoint()} disabled={o?.applied} data-testid="optimiser-apply">
            {o?.applied ? 'Applied' : 'Apply best setpoint'}
          </button>
        ) : null}
      </div>
      {!hasModel ? <p className="empty">The optimiser scores setpoints with the asset's model: waiting for one.</p> : null}
      {o?.error ? <div className="error-banner" role="alert">{o.error}</div> : null}
      {o?.applied ? <p className="note" role="status" data-testid="optimiser-applied">Best setpoint applied: the asset runs at it from its next reading.</p> : null}
      {r ? (
        <div data-testid="optimiser-result">
          <table className="data-table compact">
            <thead>
              <tr><th /><th className="num">Current</th><th className="num">Best</th></tr>
            </thead>
            <tbody>
              {r.variables.map((v) => (
                <tr key={v.name}>
                  <th scope="row" title={`searched ${formatNumber(v.min)} – ${formatNumber(v.max)}`}>{variableLabel(v.name, sensors)}</th>
                  <td className="num">{formatNumber(r.current.setpoint[v.name])}</td>
                  <td className="num" data-testid={`optimiser-best-${v.name}`}>{formatNumber(r.best.setpoint[v.name])}</td>
                </tr>
              ))}
              <tr><th scope="row">Failure risk</th><td className="num">{formatPercent(r.current.risk, 2)}</td><td className="num">{formatPercent(r.best.risk, 2)}</td></tr>
              <tr><th scope="row">Energy cost</th><td className="num">{formatCostPerHour(r.current.energyCostPerHour)}</td><td className="num">{formatCostPerHour(r.best.energyCostPerHour)}</td></tr>
              <tr className="total">
                <th scope="row">Expected cost</th>
                <td className="num">{formatCostPerHour(r.current.expectedCostPerHour)}</td>
                <td className="num" data-testid="optimiser-best-cost">{formatCostPerHour(r.best.expectedCostPerHour)}</td>
              </tr>
            </tbody>
          </table>
          <p className="muted small">{r.evaluations} setpoints scored through the asset's model (what-if of its latest readings).</p>
          <OptimiserChart result={r} />
        </div>
      ) : null}
    </div>
  );
}
