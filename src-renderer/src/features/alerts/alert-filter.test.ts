import { describe, expect, it } from 'vitest';
import type { Alert } from '@shared/contract';
import { DEFAULT_ALERT_FILTER, filterAlerts } from './alert-filter';

const alert = (id: string, over: Partial<Alert>): Alert => ({
  id, assetId: 'MTR-01', ruleId: 'r', ruleName: 'Bearing vibration high', severity: 'warning', state: 'ACTIVE_UNACK', message: '', value: 1, peakValue: 1,
  raisedAt: 0, lastSeenAt: 0, count: 1, clearedAt: null, ackBy: null, ackAt: null, ackComment: null, remindedAt: null, modelVersion: null, ...over,
});

describe('alert filter', () => {
  const alerts = [
    alert('a', { raisedAt: 10, state: 'ACTIVE_ACK' }),
    alert('b', { raisedAt: 20, severity: 'critical' }),
    alert('c', { raisedAt: 30, state: 'CLEARED', assetId: 'MILL-02' }),
    alert('d', { raisedAt: 5 }),
  ];

  it('shows open alerts, unacknowledged first and newest first', () => {
    expect(filterAlerts(alerts, DEFAULT_ALERT_FILTER).map((a) => a.id)).toEqual(['b', 'd', 'a']);
  });

  it('includes cleared ones under "all", and filters by severity and text', () => {
    expect(filterAlerts(alerts, { ...DEFAULT_ALERT_FILTER, scope: 'all' }).map((a) => a.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(filterAlerts(alerts, { ...DEFAULT_ALERT_FILTER, severity: 'critical' }).map((a) => a.id)).toEqual(['b']);
    expect(filterAlerts(alerts, { ...DEFAULT_ALERT_FILTER, scope: 'all', text: 'mill' }).map((a) => a.id)).toEqual(['c']);
  });
});
