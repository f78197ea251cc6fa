import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue';

describe('BoundedQueue', () => {
  it('keeps order, refuses past its limit and takes in batches', () => {
    const q = new BoundedQueue<number>(3);
    expect([q.offer(1), q.offer(2), q.offer(3), q.offer(4)]).toEqual([true, true, true, false]);
    expect(q.full).toBe(true);
    expect(q.take(2)).toEqual([1, 2]);
    expect(q.offer(5)).toBe(true);
    expect(q.take(10)).toEqual([3, 5]);
    expect(q.size).toBe(0);
  });

  it('stays correct across compaction of a long history', () => {
    const q = new BoundedQueue<number>(5000);
    let next = 0, expected = 0;
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 37; i++) q.offer(next++);
      for (const x of q.take(29)) expect(x).toBe(expected++);
    }
    expect(q.size).toBe(next - expected);
    expect(q.take(Infinity)[0]).toBe(expected);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new BoundedQueue(0)).toThrow(/positive integer/);
  });
});

describe('BoundedQueue.push', () => {
  it('adds past the limit (a redeliverable reading) while offer still refuses', () => {
    const q = new BoundedQueue<number>(1);
    q.push(1);
    q.push(2);
    expect(q.size).toBe(2);
    expect(q.offer(3)).toBe(false);
    expect(q.take(5)).toEqual([1, 2]);
  });
});
