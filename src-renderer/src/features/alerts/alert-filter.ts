/** The Alerts view's filter: pure, so it is tested without a DOM. */
import type { Alert } from '@shared/contract';

export interface AlertFilter {
  scope: 'open' | 'all';
  severity: 'all' | Alert['severity'];
  /** Part of an asset id or rule name, any case. */
  text: string;
}

export const DEFAULT_ALERT_FILTER: AlertFilter = { scope: 'open', severity: 'all', text: '' };

/** Unacknowledged first, then acknowledged, then cleared; newest raised first within each. */
const STATE_ORDER = { ACTIVE_UNACK: 0, ACTIVE_ACK: 1, CLEARED: 2 } as const;

export function filterAlerts(alerts: Alert[], f: AlertFilter): Alert[] {
  const text = f.text.trim().toLowerCase();
  return alerts
    .filter((a) => (f.scope === 'all' || a.state !== 'CLEARED') && (f.severity === 'all' || a.severity === f.severity))
    .filter((a) => !text || a.assetId.toLowerCase().includes(text) || a.ruleName.toLowerCase().includes(text))
    .sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || b.raisedAt - a.raisedAt);
}
