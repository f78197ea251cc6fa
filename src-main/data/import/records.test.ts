import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/random';
import { duplicateRows, recordHash } from './records';

describe('duplicate rows', () => {
  it('agrees with a set over the record texts, naming the first repeats in row order', () => {
    const r = createRng(3);
    const texts = Array.from({ length: 20_000 }, () => `${r.int(3000)},${r.int(5)}`);
    const hashes = Float64Array.from(texts, (t) => recordHash(t, 0, t.length));
    const fileRows = Int32Array.from(texts, (_, i) => i + 2);
    const seen = new Set<string>(), expectedRows: number[] = [];
    let expected = 0;
    texts.forEach((t, i) => {
      if (seen.has(t)) {
        expected++;
        if (expectedRows.length < 10) expectedRows.push(i + 2);
      } else seen.add(t);
    });
    expect(duplicateRows(hashes, fileRows)).toEqual({ count: expected, rows: expectedRows });
  });

  it('finds none among distinct records, and hashes differ for near-identical text', () => {
    const texts = Array.from({ length: 50_000 }, (_, i) => `${i},1.0,abc`);
    const hashes = Float64Array.from(texts, (t) => recordHash(t, 0, t.length));
    expect(duplicateRows(hashes, new Int32Array(texts.length))).toEqual({ count: 0, rows: [] });
    expect(recordHash('1,2', 0, 3)).not.toBe(recordHash('2,1', 0, 3));
    expect(Number.isSafeInteger(recordHash('x', 0, 1))).toBe(true);
  });
});
