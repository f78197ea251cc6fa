/**
 * Every alert of the fleet in one table: open ones by default, cleared ones on request, filtered
 * by severity and by asset or rule; each opens its asset's twin, and open ones are acknowledged
 * here with a comment. Read with `alerts:list` when the view opens and whenever alerts change.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Alert } from '@shared/contract';
import { invoke } from '../../api/client';
import { formatNumber, formatSimTime } from '../../lib/format';
import { useStore } from '../../store';
import { alertSubjectLabel, openAlertSubject } from './alert-subject';
import { FleetAlertsExportButton } from '../export/ExportButtons';
import { alertStateLabel } from '../fleet/AlertFeed';
import { useHasOperator } from '../twin/OperatorName';
import { DEFAULT_ALERT_FILTER, filterAlerts, type AlertFilter } from './alert-filter';

/** Rows drawn at most (the filter narrows a long history). */
const MAX_ROWS = 500;

function AckCell({ alert, canAck }: { alert: Alert; canAck: boolean }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  if (alert.state !== 'ACTIVE_UNACK') return <span className="muted small">{alert.ackBy ? `${alert.ackBy}${alert.ackComment ? `: “${alert.ackComment}”` : ''}` : ''}</span>;
  const ack = async () => {
    setBusy(true);
    if (await useStore.getState().ackAlert(alert.id, comment)) setComment('');
    setBusy(false);
  };
  return (
    <div className="ack-row">
      <input value={comment} maxLength={500} onChange={(e) => setComment(e.target.value)} placeholder="Comment" aria-label={`Comment for ${alert.assetId} ${alert.ruleName}`} />
      <button className="primary" disabled={!canAck || busy} onClick={() => void ack()} title={canAck ? undefined : 'Set your operator name in Settings first'} data-testid="alerts-ack">Acknowledge</button>
    </div>
  );
}

export function AlertsView() {
  const visible = useStore((s) => s.view === 'alerts');
  const openAlerts = useStore((s) => s.openAlerts);
  const canAck = useHasOperator();
  const ackError = useStore((s) => s.ackError);
  const [all, setAll] = useState<Alert[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<AlertFilter>(DEFAULT_ALERT_FILTER);
  useEffect(() => {
    if (!visible) return;
    let live = true;
    invoke('alerts:list', {}).then((a) => live && (setAll(a), setError(null)), (e: Error) => live && setError(e.message));
    return () => void (live = false);
  }, [visible, openAlerts]);
  const rows = useMemo(() => filterAlerts(all, filter), [all, filter]);
  const patch = (p: Partial<AlertFilter>) => setFilter((f) => ({ ...f, ...p }));
  return (
    <div className="view" data-testid="alerts-view">
      <section className="panel">
        <div className="panel-header">
          <h2>Alerts</h2>
          <div className="toolbar" role="group" aria-label="Filter alerts">
            <label>Show <select value={filter.scope} onChange={(e) => patch({ scope: e.target.value as AlertFilter['scope'] })}><option value="open">open alerts</option><option value="all">all, with cleared</option></select></label>
            <label>Severity <select value={filter.severity} onChange={(e) => patch({ severity: e.target.value as AlertFilter['severity'] })}><option value="all">any</option><option value="critical">critical</option><option value="warning">warning</option></select></label>
            <input type="search" value={filter.text} onChange={(e) => patch({ text: e.target.value })} placeholder="Asset or rule" aria-label="Filter by asset or rule" />
            <FleetAlertsExportButton />
          </div>
        </div>
        <div className="panel-body">
        {error || ackError ? <div className="error-banner" role="alert">{error ?? ackError}</div> : null}
        {rows.length === 0 ? (
          <p className="empty" data-testid="alerts-empty">
            {all.length === 0 ? 'No alerts yet. Alerts appear here when a sensor crosses its limit or a failure becomes likely; set the rules in Settings.' : 'No alert matches this filter.'}
          </p>
        ) : (
          <div className="table-wrap">
          <table className="data-table" data-testid="alerts-table">
            <thead>
              <tr><th>Severity</th><th>Asset</th><th>Alert</th><th>State</th><th>Raised (sim)</th><th>Peak</th><th>Seen</th><th>Acknowledgement</th></tr>
            </thead>
            <tbody>
              {rows.slice(0, MAX_ROWS).map((a) => (
                <tr key={a.id} data-testid="alerts-row" data-state={a.state}>
                  <td><span className={`sev-badge sev-${a.severity}`}>{a.severity}</span></td>
                  <td><button className="link" onClick={() => openAlertSubject(a)} aria-label={alertSubjectLabel(a)}>{a.assetId}</button></td>
                  <td><strong>{a.ruleName}</strong><div className="muted small">{a.message}</div></td>
                  <td>{alertStateLabel(a)}</td>
                  <td className="nowrap">{formatSimTime(a.raisedAt)}</td>
                  <td className="num">{formatNumber(a.peakValue)}</td>
                  <td className="num">{a.count}×</td>
                  <td><AckCell alert={a} canAck={canAck} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
        {rows.length > MAX_ROWS ? <p className="muted small">Showing the first {MAX_ROWS} of {rows.length.toLocaleString('en-US')}: narrow the filter.</p> : null}
        </div>
      </section>
    </div>
  );
}
