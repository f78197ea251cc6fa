/**
 * Per-sensor topics (`plant/M-01/airTempK`) deliver one value per message; the twin scores whole
 * readings. Values of one asset are gathered into one reading, which closes when
 *  - every sensor of the asset's kind is in (the usual case: a device publishes its sensors together),
 *  - a value arrives for a sensor already in it, or with a different timestamp (the next reading began),
 *  - or it has waited `holdMs` since its first value (a sensor that stopped reporting does not hold
 *    the others back; the reading goes on without it).
 * A reading's time is its values' timestamp, or the first value's arrival when they carry none.
 * Each value's token (its pending broker acknowledgement) travels with the reading it joined.
 * A value arriving after its reading closed by time (same asset and timestamp) makes a reading of
 * its own, which the store then refuses as a duplicate of that time: a sensor later than the hold
 * time is lost for that reading, and counted.
 */
import type { SensorValue } from './payload';

export interface AssembledReading<T> {
  assetId: string;
  t: number;
  values: Record<string, number>;
  tokens: T[];
}

interface Group<T> {
  assetId: string;
  t: number | null;
  firstAt: number;
  values: Record<string, number>;
  tokens: T[];
}

export class SensorAssembler<T> {
  private readonly open = new Map<string, Group<T>>();

  /** `expected`: the sensors that complete an asset's reading (null: unknown yet, close by time). */
  constructor(
    private readonly holdMs: number,
    private readonly expected: (assetId: string) => readonly string[] | null,
  ) {}

  /** Adds one value; returns the readings it closed (the previous one, this one, or none). */
  add(v: SensorValue, receivedAt: number, token: T): AssembledReading<T>[] {
    const out: AssembledReading<T>[] = [];
    let g = this.open.get(v.assetId);
    if (g && (v.sensor in g.values || (v.t !== null && g.t !== null && v.t !== g.t))) {
      out.push(this.close(g));
      g = undefined;
    }
    if (!g) {
      g = { assetId: v.assetId, t: v.t, firstAt: receivedAt, values: {}, tokens: [] };
      this.open.set(v.assetId, g);
    }
    g.t ??= v.t;
    g.values[v.sensor] = v.value;
    g.tokens.push(token);
    const expected = this.expected(v.assetId);
    if (expected && expected.every((k) => k in g.values)) out.push(this.close(g));
    return out;
  }

  /** Readings that waited `holdMs` or more by `nowMs` (all of them with `all`). */
  flush(nowMs: number, all = false): AssembledReading<T>[] {
    const out: AssembledReading<T>[] = [];
    for (const g of this.open.values()) if (all || nowMs - g.firstAt >= this.holdMs) out.push(this.close(g));
    return out;
  }

  /** Values waiting in open readings. */
  get pending(): number {
    let n = 0;
    for (const g of this.open.values()) n += g.tokens.length;
    return n;
  }

  private close(g: Group<T>): AssembledReading<T> {
    this.open.delete(g.assetId);
    return { assetId: g.assetId, t: g.t ?? g.firstAt, values: g.values, tokens: g.tokens };
  }
}
