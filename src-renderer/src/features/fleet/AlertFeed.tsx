import { useCallback, useRef } from 'react';
import type { Alert } from '@shared/contract';
import { WindowedList } from '../../components/WindowedList';
import { formatSimTime } from '../../lib/format';
import { useElementHeight } from '../../lib/use-element-height';
import { useStore } from '../../store';
import { alertSubjectLabel, openAlertSubject } from '../alerts/alert-subject';

const ROW_HEIGHT = 72;

export const alertStateLabel = (a: Alert) => (a.state === 'ACTIVE_UNACK' ? 'unacknowledged' : a.state === 'ACTIVE_ACK' ? `acknowledged by ${a.ackBy ?? '?'}` : 'cleared');

function AlertItem({ alert, onOpen }: { alert: Alert; onOpen: (a: Alert) => void }) {
  return (
    <div className={`alert-item sev-${alert.severity}`} data-testid={`feed-alert-${alert.id}`} data-state={alert.state}>
      <div className="alert-line">
        <span className={`sev-badge sev-${alert.severity}`}>{alert.severity}</span>
        <button className="link" onClick={() => onOpen(alert)} aria-label={alertSubjectLabel(alert)}>{alert.assetId}</button>
        <span className={`alert-state state-${alert.state.toLowerCase()}`}>{alertStateLabel(alert)}</span>
        <span className="muted small alert-time">{formatSimTime(alert.raisedAt, { suffix: false, weekday: false })}</span>
      </div>
      <div className="alert-message" title={alert.message}>{alert.message}{alert.count > 1 ? <span className="muted"> · ×{alert.count}</span> : null}</div>
    </div>
  );
}

/** The fleet's open alerts, newest first (windowed: a large fleet can have thousands open). */
export function AlertFeed() {
  const alerts = useStore((s) => s.openAlerts);
  const area = useRef<HTMLDivElement>(null);
  const height = useElementHeight(area);
  const onOpen = useCallback((a: Alert) => openAlertSubject(a), []);
  const renderRow = useCallback((i: number) => <AlertItem alert={alerts[i]} onOpen={onOpen} />, [alerts, onOpen]);
  const unack = alerts.filter((a) => a.state === 'ACTIVE_UNACK').length;
  return (
    <section className="panel alert-feed" aria-label="Open alerts" data-testid="alert-feed">
      <header className="panel-header">
        <h2>Open alerts</h2>
        <span className="muted small" data-testid="alert-count">{alerts.length} open · {unack} unacknowledged</span>
      </header>
      <div className="alert-feed-area" ref={area}>
        {alerts.length === 0 ? <p className="empty">No open alerts.</p> : null}
        {alerts.length > 0 && height > 0 ? <WindowedList rowCount={alerts.length} rowHeight={ROW_HEIGHT} height={height} renderRow={renderRow} ariaLabel="Open alerts, newest first" /> : null}
      </div>
    </section>
  );
}
