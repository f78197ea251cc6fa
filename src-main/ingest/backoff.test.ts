import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles from 1 s to the 60 s cap, with at most 30 % taken off by the jitter', () => {
    const top = new Backoff(() => 0), bottom = new Backoff(() => 1 - 1e-12);
    const highs = Array.from({ length: 9 }, () => top.next());
    const lows = Array.from({ length: 9 }, () => bottom.next());
    expect(highs).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(lows).toEqual([700, 1400, 2800, 5600, 11200, 22400, 42000, 42000, 42000]);
  });

  it('spreads clients that failed together, and starts over after a success', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const b = new Backoff(random);
    const firsts = new Set(Array.from({ length: 20 }, () => {
      const d = b.next();
      b.reset();
      return d;
    }));
    expect(firsts.size).toBeGreaterThan(15);
    for (const d of firsts) expect(d).toBeGreaterThanOrEqual(700);
    expect(b.attempts).toBe(0);
    b.next();
    b.next();
    expect(b.attempts).toBe(2);
  });

  it('refuses a base of zero or a cap below the base', () => {
    expect(() => new Backoff(Math.random, { baseMs: 0, maxMs: 10 })).toThrow(/baseMs/);
    expect(() => new Backoff(Math.random, { baseMs: 100, maxMs: 10 })).toThrow(/maxMs/);
  });
});
