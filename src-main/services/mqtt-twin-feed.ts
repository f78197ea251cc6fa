/**
 * Stored broker readings on their way to the live twin, one call at a time and in order: whatever
 * was stored while the previous call was under way goes in the next one. An asset first heard of
 * on the broker is added to the register first; its readings wait for that. If the twin falls more
 * than `backlog` readings behind, it skips the newest (they are in the history) and counts them.
 */
import type { AssetKind } from '../twin/assets';
import type { Reading } from '../twin/fleet-types';

export interface FleetReading {
  assetId: string;
  atMs: number;
  reading: Reading;
}

export interface TwinTarget {
  addAsset(id: string, kind: AssetKind): Promise<void>;
  ingest(readings: FleetReading[]): Promise<void>;
}

export class TwinFeed {
  skipped = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private buffer: FleetReading[] = [];
  private queued = false;
  private readonly adding = new Set<string>();

  constructor(
    private readonly twin: TwinTarget,
    private readonly backlog: number,
    private readonly failed: (message: string) => void,
  ) {}

  add(readings: FleetReading[]): void {
    if (this.buffer.length + readings.length > this.backlog) {
      this.skipped += readings.length;
      return;
    }
    for (const r of readings) this.buffer.push(r);
    if (this.queued || !this.buffer.length) return;
    this.queued = true;
    this.then(async () => {
      this.queued = false;
      const ready: FleetReading[] = [], wait: FleetReading[] = [];
      for (const r of this.buffer) (this.adding.has(r.assetId) ? wait : ready).push(r);
      this.buffer = wait;
      if (ready.length) await this.twin.ingest(ready);
    }, 'live twin');
  }

  addAsset(id: string, kind: AssetKind): void {
    this.adding.add(id);
    this.then(async () => {
      try {
        await this.twin.addAsset(id, kind);
      } finally {
        this.adding.delete(id);
        this.add([]);
      }
    }, `adding asset ${id}`);
  }

  /** Resolves once everything handed over so far has reached the twin (or failed). */
  settled(): Promise<unknown> {
    return this.chain;
  }

  private then(work: () => Promise<void>, what: string): void {
    this.chain = this.chain.then(work).catch((e: Error) => this.failed(`${what}: ${e.message}`));
  }
}
