import type { FleetClock } from '@shared/contract';
import { formatSimTime } from '../../lib/format';
import { useStore } from '../../store';
import { ReplayControl } from './ReplayControl';

const SPEEDS: FleetClock['speed'][] = [1, 10, 100, 1000];

/** The default models' state: a progress bar while they train, a note when ready or failed. */
export function ModelsStatus() {
  const models = useStore((s) => s.fleetModels);
  if (!models) return null;
  const pct = Math.round(models.progress * 100);
  if (models.state === 'ready') {
    return <span className="models-status ready" data-testid="models-status" data-state="ready">Models ready</span>;
  }
  if (models.state === 'failed') {
    return <span className="models-status failed" role="alert" data-testid="models-status" data-state="failed">{models.message}</span>;
  }
  return (
    <span className="models-status" data-testid="models-status" data-state={models.state}>
      <span className="progress" role="progressbar" aria-label="Default model training" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <span style={{ width: `${pct}%` }} />
      </span>
      <span title={models.message}>{models.state === 'loading' ? 'Loading the default models…' : `Default models are training… ${pct} %`}</span>
    </span>
  );
}

/** The simulated clock and its controls: speed, pause/resume, one step. */
export function FleetClockBar() {
  const clock = useStore((s) => s.fleetClock);
  const { controlFleet } = useStore.getState();
  return (
    <div className="fleet-clock" role="toolbar" aria-label="Simulation clock">
      <span className="sim-clock" data-testid="sim-clock" title="Simulated time (UTC)">
        {clock ? formatSimTime(clock.simTimeMs) : 'Starting the fleet…'}
      </span>
      <div className="segmented inline" role="group" aria-label="Simulation speed">
        {SPEEDS.map((v) => (
          <button key={v} className={clock?.speed === v ? 'active' : ''} aria-pressed={clock?.speed === v} disabled={!clock} onClick={() => void controlFleet({ speed: v })} data-testid={`speed-${v}`}>
            {v}×
          </button>
        ))}
      </div>
      <button className="tool" disabled={!clock} onClick={() => void controlFleet({ paused: !clock?.paused })} data-testid="fleet-pause" aria-pressed={clock?.paused ?? false}>
        {clock?.paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
      <button className="tool" disabled={!clock?.paused} onClick={() => void controlFleet({ step: true })} data-testid="fleet-step" title={clock?.paused ? 'Advance to the next reading of any asset' : 'Pause first to step'}>
        Step
      </button>
      <ReplayControl />
      <ModelsStatus />
    </div>
  );
}
