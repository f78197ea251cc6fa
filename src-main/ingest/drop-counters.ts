/** Dropped payloads counted per reason, with the latest few kept to show what was wrong. */
import { DROP_REASONS, type DropReason, type MqttDrop } from '../shared/contract/ingest';

export const RECENT_DROPS = 20;

export class DropCounters {
  readonly counts: Record<DropReason, number> = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  private readonly recent: MqttDrop[] = [];

  add(drop: MqttDrop): void {
    this.counts[drop.reason]++;
    this.recent.push(drop);
    if (this.recent.length > RECENT_DROPS) this.recent.shift();
  }

  get total(): number {
    let n = 0;
    for (const r of DROP_REASONS) n += this.counts[r];
    return n;
  }

  /** Newest first. */
  latest(): MqttDrop[] {
    return [...this.recent].reverse();
  }
}
