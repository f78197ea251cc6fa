import { describe, expect, it } from 'vitest';
import { fillRowHashes, mixCodes, mixNumbers, mixTextUnits, textHash } from './row-hash';
import type { RawColumn } from '../table';

const all = (columns: RawColumn[], n: number) => {
  const h = new Int32Array(n);
  fillRowHashes(columns, h, [0, n]);
  return Array.from(h);
};

describe('row hashes', () => {
  it('hash a number by value, whatever its storage (so helpers and the session agree)', () => {
    const bytes = new Int32Array(3), ints = new Int32Array(3), doubles = new Int32Array(3);
    mixNumbers(bytes, Uint8Array.from([0, 7, 255]));
    mixNumbers(ints, Int32Array.from([0, 7, 255]));
    mixNumbers(doubles, Float64Array.from([-0, 7, 255]));
    expect(Array.from(ints)).toEqual(Array.from(bytes));
    expect(Array.from(doubles)).toEqual(Array.from(bytes));
    const nan = new Int32Array(2);
    mixNumbers(nan, Float64Array.from([NaN, -NaN]));
    expect(nan[0]).toBe(nan[1]);
    const frac = new Int32Array(2);
    mixNumbers(frac, Float64Array.from([0.1, 0.2]));
    expect(frac[0]).not.toBe(frac[1]);
  });

  it('hash a text cell by its characters, kept as characters or as a dictionary code', () => {
    const chars = Uint16Array.from('M1L2', (c) => c.charCodeAt(0));
    const units = new Int32Array(3);
    mixTextUnits(units, chars, Int32Array.from([2, -1, 2]));
    const codes = new Int32Array(3);
    mixCodes(codes, Int32Array.from([1, -1, 0]), Int32Array.from(['L2', 'M1'], (d) => textHash(d, 0, d.length)));
    expect(Array.from(codes)).toEqual(Array.from(units));
    const table = all([{ name: 't', kind: 'text', text: 'M1L2', start: Int32Array.from([0, 0, 2]), length: Int32Array.from([2, -1, 2]) }], 3);
    expect(table).toEqual(Array.from(units));
  });

  it('fill only the ranges asked, from the row they start at', () => {
    const col: RawColumn = { name: 'x', kind: 'numeric', values: Float64Array.from([1, 2, 3, 4]) };
    const whole = all([col], 4);
    const h = new Int32Array(4).fill(99);
    fillRowHashes([col], h, [1, 3]);
    expect([h[0], h[3]]).toEqual([99, 99]);
    expect([h[1], h[2]]).toEqual([whole[1], whole[2]]);
  });
});
