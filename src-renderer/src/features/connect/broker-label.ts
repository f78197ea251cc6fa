/**
 * What the status bar says about the plant connection, from its status: nothing while it is off,
 * "offline since 14:02:05" (this computer's clock) while the broker is away, and why it stopped
 * when the broker refused the credentials.
 */
import type { MqttStatus } from '@shared/contract';

/** A wall-clock time as HH:MM:SS in this computer's time zone. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

export interface BrokerLabel {
  text: string;
  tone: 'ok' | 'warn' | 'bad' | 'idle';
  /** The longer explanation (a tooltip). */
  detail: string;
}

export function brokerLabel(s: MqttStatus, nowMs: number): BrokerLabel | null {
  const retry = s.nextRetryAt !== null ? ` · retrying in ${Math.max(0, Math.ceil((s.nextRetryAt - nowMs) / 1000))} s` : '';
  switch (s.state) {
    case 'disabled':
      return null;
    case 'connected':
      return {
        text: 'Broker: connected', tone: 'ok',
        detail: `${s.stored.toLocaleString('en-US')} readings stored${s.connectedSince !== null ? ` · connected since ${clockTime(s.connectedSince)}` : ''}${s.lastMessageAt !== null ? ` · last message ${clockTime(s.lastMessageAt)}` : ''}`,
      };
    case 'connecting':
      return { text: s.offlineSince !== null ? `Broker: offline since ${clockTime(s.offlineSince)}` : 'Broker: connecting…', tone: 'warn', detail: `connecting${s.attempts > 0 ? ` (attempt ${s.attempts + 1})` : ''}${s.lastError ? ` · last error: ${s.lastError}` : ''}` };
    case 'offline':
      return { text: `Broker: offline since ${s.offlineSince !== null ? clockTime(s.offlineSince) : '—'}`, tone: 'bad', detail: `${s.lastError ?? 'connection lost'}${retry}` };
    case 'refused':
      return { text: 'Broker: refused the connection', tone: 'bad', detail: `${s.lastError ?? 'the broker refused the credentials'} · not retrying: fix the credentials in Settings › Plant connection` };
  }
}

/** Dropped payloads per reason, largest first (reasons with none left out). */
export function dropCounts(s: MqttStatus): { reason: string; count: number }[] {
  return Object.entries(s.dropped).filter(([, n]) => n > 0).map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
