import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('absorbs a burst, then lets through the rate and no more', () => {
    let t = 0;
    const b = new TokenBucket(100, 10, () => t);
    let taken = 0;
    for (let i = 0; i < 50; i++) taken += b.take() ? 1 : 0;
    expect(taken).toBe(10);
    expect(b.waitSeconds()).toBeCloseTo(0.01, 10);
    // One simulated second at 1,000 attempts/s: 100 pass.
    taken = 0;
    for (let i = 0; i < 1000; i++) {
      t += 1;
      taken += b.take() ? 1 : 0;
    }
    expect(taken).toBe(100);
  });

  it('never holds more than the burst and ignores a clock stepping back', () => {
    let t = 0;
    const b = new TokenBucket(1000, 5, () => t);
    t = 60_000;
    t = 1; // stepped back
    let taken = 0;
    for (let i = 0; i < 20; i++) taken += b.take() ? 1 : 0;
    expect(taken).toBe(5);
  });

  it('refuses nonsense settings', () => {
    expect(() => new TokenBucket(0, 5, () => 0)).toThrow(/positive rate/);
    expect(() => new TokenBucket(5, 0, () => 0)).toThrow(/burst/);
  });
});
