/**
 * The status bar: where the data comes from, the models in use, the simulated clock, saving and
 * the connection to the services — what a planner glances at to trust what the views show.
 */
import { useMemo } from 'react';
import { useStore } from '../../store';
import { BrokerStatus } from '../connect/BrokerStatus';

const CONNECTION_LABEL = { connecting: 'Connecting…', open: 'Connected', closed: 'Disconnected — reconnecting' } as const;

function modelsLabel(state: string | undefined, message: string | undefined, progress: number | undefined): string {
  if (!state) return 'Models: loading…';
  if (state === 'training') return `Models: training ${Math.round((progress ?? 0) * 100)} %`;
  if (state === 'ready') return `Models: ${message || 'ready'}`;
  if (state === 'failed') return `Models: ${message || 'training failed'}`;
  return 'Models: loading…';
}

export function StatusBar() {
  const connection = useStore((s) => s.connection);
  const info = useStore((s) => s.info);
  const clock = useStore((s) => s.fleetClock);
  const models = useStore((s) => s.fleetModels);
  const ids = useStore((s) => s.fleetIds);
  const storage = useStore((s) => s.storage);
  // Counted when the register changes, not on every clock tick (10,000 ids at up to 10 frames a second).
  const replayed = useMemo(() => ids.filter((id) => id.startsWith('R-')).length, [ids]);
  const broker = useStore((s) => s.mqtt?.status.state);
  const fed = broker !== undefined && broker !== 'disabled';
  const source = [fed ? 'MQTT broker' : null, 'simulators', replayed > 0 ? `replay (${replayed} assets)` : null].filter(Boolean).join(' + ');
  return (
    <footer className="statusbar" data-testid="statusbar" aria-label="Status">
      <span title="Where the fleet's readings come from">
        Source: {source[0].toUpperCase() + source.slice(1)} · {ids.length.toLocaleString('en-US')} assets
      </span>
      <BrokerStatus />
      <span data-testid="status-models">{modelsLabel(models?.state, models?.message, models?.progress)}</span>
      <span data-testid="status-clock">
        {clock ? `Simulation ×${clock.speed}${clock.paused ? ' (paused)' : ''} · ${new Date(clock.simTimeMs).toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'Simulation: —'}
      </span>
      <span className={storage.ok ? '' : 'status-bad'}>{storage.ok ? 'Saving' : 'Not saving'}</span>
      <span className="statusbar-connection" data-testid="status">
        <span className={`dot dot-${connection}`} aria-hidden="true" />
        {CONNECTION_LABEL[connection]}
        {info ? <span className="muted"> · {info.transport === 'electron' ? 'Desktop app' : 'Web host'} · v{info.version}</span> : null}
      </span>
    </footer>
  );
}
