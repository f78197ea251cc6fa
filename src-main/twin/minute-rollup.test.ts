import { describe, expect, it } from 'vitest';
import { MinuteRollup } from './minute-rollup';

const MIN = 60_000;
const entry = (assetId: string, t: number, readings: Record<string, number>, probability: number | null = null) => ({ assetId, t, readings, probability, modelVersion: null });

describe('MinuteRollup', () => {
  it('closes a minute when a later reading of the same asset arrives: count, highest probability, means of finite values', () => {
    const r = new MinuteRollup();
    r.add(entry('A', 0, { a: 1, b: 10 }, 0.2));
    r.add(entry('B', 1000, { a: 7 }));
    r.add(entry('A', 30_000, { a: 3, b: NaN }, 0.6));
    r.add(entry('A', 59_999, { a: 5, b: 20 }, null));
    expect(r.drain()).toEqual([]);
    r.add(entry('A', MIN, { a: 100 }, 0.1));
    expect(r.drain()).toEqual([{ assetId: 'A', minute: 0, n: 3, probabilityMax: 0.6, means: { a: 3, b: 15 } }]);
    // Drained once; B's minute stays open until B reads again.
    expect(r.drain()).toEqual([]);
    r.add(entry('B', 3 * MIN + 5, { a: 9 }));
    expect(r.drain()).toEqual([{ assetId: 'B', minute: 0, n: 1, probabilityMax: null, means: { a: 7 } }]);
  });

  it('leaves out a reading older than the minute in progress, and forgets an asset on request', () => {
    const r = new MinuteRollup();
    r.add(entry('A', 2 * MIN, { a: 1 }));
    r.add(entry('A', MIN, { a: 50 }));
    r.add(entry('A', 3 * MIN, { a: 2 }));
    expect(r.drain()).toEqual([{ assetId: 'A', minute: 2 * MIN, n: 1, probabilityMax: null, means: { a: 1 } }]);
    r.forget('A');
    r.add(entry('A', 5 * MIN, { a: 3 }));
    // Minute 3 was forgotten, not closed.
    expect(r.drain()).toEqual([]);
  });
});
