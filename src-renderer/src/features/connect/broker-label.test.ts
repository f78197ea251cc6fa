import { describe, expect, it } from 'vitest';
import type { MqttStatus } from '@shared/contract';
import { brokerLabel, clockTime, dropCounts } from './broker-label';

const base: MqttStatus = {
  state: 'connected', offlineSince: null, connectedSince: null, nextRetryAt: null, attempts: 0, lastError: null, received: 0, stored: 0,
  duplicates: 0, dropped: {} as MqttStatus['dropped'], queueDepth: 0, twinSkipped: 0, lastMessageAt: null, recentDrops: [],
};

describe('broker label', () => {
  it('says nothing while the connection is off', () => {
    expect(brokerLabel({ ...base, state: 'disabled' }, 0)).toBeNull();
  });

  it('names the local time the broker went away and when it retries', () => {
    const since = new Date(2026, 10, 26, 14, 2, 5).getTime();
    const l = brokerLabel({ ...base, state: 'offline', offlineSince: since, nextRetryAt: since + 8_000, lastError: 'connect ECONNREFUSED' }, since + 500)!;
    expect(l.text).toBe('Broker: offline since 14:02:05');
    expect(l.tone).toBe('bad');
    expect(l.detail).toBe('connect ECONNREFUSED · retrying in 8 s');
    // Reconnecting after a loss still reads as offline since then.
    expect(brokerLabel({ ...base, state: 'connecting', offlineSince: since }, since)!.text).toBe('Broker: offline since 14:02:05');
  });

  it('says a refusal stops the retries, with the reason', () => {
    const l = brokerLabel({ ...base, state: 'refused', lastError: 'Not authorized' }, 0)!;
    expect(l.text).toBe('Broker: refused the connection');
    expect(l.detail).toContain('Not authorized');
    expect(l.detail).toContain('not retrying');
  });

  it('counts stored readings while connected', () => {
    expect(brokerLabel({ ...base, stored: 12_345 }, 0)!.detail).toContain('12,345 readings stored');
  });

  it('lists drops by reason, largest first, without empty reasons', () => {
    expect(dropCounts({ ...base, dropped: { 'not-json': 2, nan: 0, oversized: 5 } as MqttStatus['dropped'] })).toEqual([{ reason: 'oversized', count: 5 }, { reason: 'not-json', count: 2 }]);
  });

  it('pads clock times', () => {
    expect(clockTime(new Date(2026, 0, 1, 3, 4, 5).getTime())).toBe('03:04:05');
  });
});
