/**
 * One-minute aggregates of the readings of assets whose raw history is not kept (beyond the
 * "assets with raw readings" setting), built as the readings are taken instead of writing every
 * raw reading and rolling it up later. A fleet of 10,000 assets reading at 1 Hz wrote 10,000 raw
 * rows a second only to roll them up and delete them an hour later: each row landed on its own
 * asset's page of the history table (~70 µs a row, measured), and the host spent more than a core
 * on it. Aggregated here, the store gets one row per asset and minute.
 *
 * The same figures as the store's roll-up (history-repo.ts): count, highest probability (a risk
 * spike is not averaged away), mean of each sensor; model inputs are not averaged. A minute is
 * complete once a later reading of the same asset arrives (readings of one asset come in time
 * order). The minute in progress is lost if the app stops, like the store's last moments.
 */
import type { JournalEntry } from './fleet-types';

const MINUTE = 60_000;

export interface MinuteRow {
  assetId: string;
  /** Start of the minute (ms). */
  minute: number;
  n: number;
  probabilityMax: number | null;
  means: Record<string, number>;
}

interface OpenMinute {
  minute: number;
  n: number;
  probabilityMax: number | null;
  sums: Record<string, number>;
  counts: Record<string, number>;
}

export class MinuteRollup {
  private readonly open = new Map<string, OpenMinute>();
  private done: MinuteRow[] = [];

  add(e: JournalEntry): void {
    const minute = Math.floor(e.t / MINUTE) * MINUTE;
    let m = this.open.get(e.assetId);
    if (m && m.minute !== minute) {
      // A reading of an earlier minute (a replayed or late reading) closes nothing: it is left out.
      if (minute < m.minute) return;
      this.done.push(close(e.assetId, m));
      m = undefined;
    }
    if (!m) this.open.set(e.assetId, (m = { minute, n: 0, probabilityMax: null, sums: {}, counts: {} }));
    m.n++;
    const p = e.probability;
    if (p !== null && Number.isFinite(p)) m.probabilityMax = m.probabilityMax === null ? p : Math.max(m.probabilityMax, p);
    for (const k in e.readings) {
      const v = e.readings[k];
      if (!Number.isFinite(v)) continue;
      m.sums[k] = (m.sums[k] ?? 0) + v;
      m.counts[k] = (m.counts[k] ?? 0) + 1;
    }
  }

  /** The minutes completed since the last call, in the order they completed. */
  drain(): MinuteRow[] {
    const out = this.done;
    this.done = [];
    return out;
  }

  /** Forgets an asset's minute in progress (the asset left the fleet, or keeps raw readings now). */
  forget(assetId: string): void {
    this.open.delete(assetId);
  }
}

function close(assetId: string, m: OpenMinute): MinuteRow {
  const means: Record<string, number> = {};
  for (const k in m.sums) means[k] = m.sums[k] / m.counts[k];
  return { assetId, minute: m.minute, n: m.n, probabilityMax: m.probabilityMax, means };
}
