import { useDeferredValue, useEffect, useState } from 'react';
import type { TwinSnapshot } from '@shared/contract';
import { formatCount } from '../../lib/format';
import { useStore } from '../../store';
import { AlertFeed } from './AlertFeed';
import { AssetTable } from './AssetTable';
import { FleetClockBar } from './FleetClockBar';
import { NO_FILTER, type FleetFilter } from './ranking';
import { setTopReasonsEnabled } from './top-reasons';
import { useRanking } from './use-ranking';
import './fleet.css';

type TwinStatus = TwinSnapshot['status'];

const STATUSES: TwinStatus[] = ['CRITICAL', 'WARNING', 'NORMAL'];

/** The live fleet: clock controls, assets ranked by risk × downtime cost, and the open alerts. */
export function FleetView() {
  const visible = useStore((s) => s.view === 'fleet');
  const loaded = useStore((s) => s.fleetLoaded);
  const error = useStore((s) => s.fleetError);
  const total = useStore((s) => s.fleetIds.length);
  const [filter, setFilter] = useState<FleetFilter>(NO_FILTER);
  // Typing re-ranks after the keystroke has painted.
  const deferred = useDeferredValue(filter);
  const { ids, counts } = useRanking(deferred, visible);
  useEffect(() => setTopReasonsEnabled(visible), [visible]);
  // Rows on screen get every update of their asset; hidden, the list asks for none.
  const watchRows = useStore((s) => s.watchRows);
  useEffect(() => {
    if (!visible) watchRows([]);
  }, [visible, watchRows]);
  const patch = (p: Partial<FleetFilter>) => setFilter((f) => ({ ...f, ...p }));
  const filtered = filter.status !== 'all' || filter.kind !== 'all' || filter.text.trim() !== '';

  return (
    <div className="fleet-view" data-testid="fleet-view">
      <FleetClockBar />
      {error ? <div className="error-banner" role="alert">{error}</div> : null}
      <div className="fleet-filters">
        <div className="status-counts" role="group" aria-label="Filter by status">
          {STATUSES.map((st) => (
            <button key={st} className={`count-chip status-${st.toLowerCase()}${filter.status === st ? ' active' : ''}`} aria-pressed={filter.status === st} onClick={() => patch({ status: filter.status === st ? 'all' : st })} data-testid={`count-${st}`}>
              <strong>{counts[st]}</strong> {st.toLowerCase()}
            </button>
          ))}
        </div>
        <label className="select-label">
          Kind
          <select value={filter.kind} onChange={(e) => patch({ kind: e.target.value as FleetFilter['kind'] })} data-testid="filter-kind">
            <option value="all">All</option>
            <option value="milling">Milling</option>
            <option value="motor">Motor</option>
          </select>
        </label>
        <input type="search" className="search" placeholder="Search id or name" aria-label="Search assets by id or name" value={filter.text} onChange={(e) => patch({ text: e.target.value })} data-testid="filter-text" />
        <span className="muted small" data-testid="fleet-shown">{filtered ? `${formatCount(ids.length)} of ${formatCount(total)}` : `${formatCount(total)}`} assets</span>
      </div>
      <div className="fleet-main">
        <AssetTable ids={ids} onVisible={visible ? watchRows : undefined} empty={!loaded ? 'Connecting to the fleet…' : ids.length === 0 ? (filtered ? 'No asset matches these filters.' : 'The fleet has no assets.') : null} />
        <AlertFeed />
      </div>
    </div>
  );
}
