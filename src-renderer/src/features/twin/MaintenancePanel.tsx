import { useState } from 'react';
import type { TwinDetail } from '@shared/contract';
import { formatSimTime } from '../../lib/format';
import { useStore } from '../../store';
import { CsvExportButton } from '../export/ExportButtons';
import { exportMaintenanceLog } from '../export/exports';
import { useHasOperator } from './OperatorName';

const SHOWN_EVENTS = 8;

/** The asset's maintenance actions (logged with the operator's name and an optional comment) and its recent events. */
export function MaintenancePanel({ detail }: { detail: TwinDetail }) {
  const error = useStore((s) => s.maintainError);
  const last = useStore((s) => s.lastMaintenance);
  const canAct = useHasOperator();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (action: string) => {
    setBusy(action);
    if (await useStore.getState().maintain(action, comment)) setComment('');
    setBusy(null);
  };
  // The detail is re-read at most twice a second: an event just logged shows at once from the reply.
  const events = [...detail.events];
  if (last && last.assetId === detail.config.id && !events.some((e) => e.atMs === last.atMs && e.detail === last.detail)) events.push(last);
  const recent = events.slice(-SHOWN_EVENTS).reverse();
  return (
    <div className="maintenance" data-testid="maintenance-panel">
      <label className="field">
        Comment (optional)
        <input value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} placeholder="What was done, parts used…" data-testid="maintenance-comment" />
      </label>
      <div className="actions tight wrap">
        {detail.actions.map((a) => (
          <button key={a.action} disabled={!canAct || busy !== null} onClick={() => void act(a.action)} title={canAct ? undefined : 'Set your operator name first'} data-testid={`maintain-${a.action}`}>
            {busy === a.action ? 'Logging…' : a.label}
          </button>
        ))}
      </div>
      {error ? <div className="error-banner" role="alert">{error}</div> : null}
      <h3 className="sub">Recent events</h3>
      <div className="export-row">
        <CsvExportButton run={() => exportMaintenanceLog(detail.config.id)} testId="export-asset-maintenance" title={`The whole maintenance log of ${detail.config.id} (failures, maintenance, repairs) as a CSV file`} />
        <CsvExportButton run={(progress) => exportMaintenanceLog(undefined, progress)} testId="export-fleet-maintenance" label="Export fleet log" title="The maintenance log of every asset in the fleet as one CSV file" />
      </div>
      {recent.length === 0 ? <p className="empty">No failures or maintenance yet.</p> : (
        <ul className="event-list" data-testid="twin-events">
          {recent.map((e) => (
            <li key={`${e.atMs}-${e.kind}-${e.detail}`} className={`event event-${e.kind}`} data-kind={e.kind}>
              <span className="muted small">{formatSimTime(e.atMs)}</span>
              <span className={`event-kind kind-${e.kind}`}>{e.kind}</span>
              <span className="ellipsis" title={e.detail}>{e.detail}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
