import { useState } from 'react';
import type { Alert } from '@shared/contract';
import { formatNumber, formatSimTime } from '../../lib/format';
import { useStore } from '../../store';
import { CsvExportButton } from '../export/ExportButtons';
import { exportAlerts } from '../export/exports';
import { alertStateLabel } from '../fleet/AlertFeed';
import { useHasOperator } from './OperatorName';

function AlertCard({ alert, canAck }: { alert: Alert; canAck: boolean }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const ack = async () => {
    setBusy(true);
    if (await useStore.getState().ackAlert(alert.id, comment)) setComment('');
    setBusy(false);
  };
  return (
    <li className={`alert-card sev-${alert.severity}`} data-testid="twin-alert" data-alert-id={alert.id} data-state={alert.state}>
      <div className="alert-line">
        <span className={`sev-badge sev-${alert.severity}`}>{alert.severity}</span>
        <strong className="ellipsis">{alert.ruleName}</strong>
        <span className={`alert-state state-${alert.state.toLowerCase()}`} data-testid="twin-alert-state">{alertStateLabel(alert)}</span>
      </div>
      <div className="alert-message">{alert.message}</div>
      <div className="muted small">
        raised {formatSimTime(alert.raisedAt)} · peak {formatNumber(alert.peakValue)} · seen {alert.count}×
        {alert.ackComment ? ` · “${alert.ackComment}”` : ''}
      </div>
      {alert.state === 'ACTIVE_UNACK' ? (
        <div className="ack-row">
          <input value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} placeholder="Comment (optional)" aria-label={`Comment for acknowledging ${alert.ruleName}`} data-testid="alert-comment" />
          <button className="primary" disabled={!canAck || busy} onClick={() => void ack()} title={canAck ? undefined : 'Set your operator name first'} data-testid="alert-ack">
            Acknowledge
          </button>
        </div>
      ) : null}
    </li>
  );
}

/** The asset's active alerts, newest first, each acknowledgeable with a comment. */
export function AssetAlerts({ alerts }: { alerts: Alert[] }) {
  const error = useStore((s) => s.ackError);
  const canAck = useHasOperator();
  const assetId = useStore((s) => s.selectedAssetId);
  const active = alerts.filter((a) => a.state !== 'CLEARED');
  return (
    <div data-testid="twin-alerts">
      {assetId ? (
        <div className="export-row">
          <CsvExportButton run={() => exportAlerts(assetId)} testId="export-asset-alerts" title={`Every alert of ${assetId} — open, acknowledged and cleared — as a CSV file`} />
        </div>
      ) : null}
      {error ? <div className="error-banner" role="alert">{error}</div> : null}
      {active.length === 0 ? <p className="empty">No active alerts.</p> : (
        <ul className="alert-cards">
          {active.map((a) => <AlertCard key={a.id} alert={a} canAck={canAck} />)}
        </ul>
      )}
    </div>
  );
}
