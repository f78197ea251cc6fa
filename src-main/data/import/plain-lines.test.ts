import { describe, expect, it } from 'vitest';
import { isAscii } from './plain-lines';

describe('ASCII check of a segment', () => {
  it('finds a byte above 127 anywhere: in the words, in the last bytes, in views that start unaligned', () => {
    const bytes = new Uint8Array(1027).fill(65);
    expect(isAscii(bytes)).toBe(true);
    for (const at of [0, 3, 512, 1023, 1024, 1026]) {
      const b = bytes.slice();
      b[at] = 0xc3;
      expect(isAscii(b)).toBe(false);
      // The same bytes seen through views that start 1-3 bytes into their buffer.
      for (const offset of [1, 2, 3]) {
        const shifted = new Uint8Array(b.length + offset);
        shifted.set(b, offset);
        expect(isAscii(shifted.subarray(offset))).toBe(false);
      }
    }
    expect(isAscii(new Uint8Array(0))).toBe(true);
    expect(isAscii(new Uint8Array([0x7f, 0, 10]))).toBe(true);
  });
});
