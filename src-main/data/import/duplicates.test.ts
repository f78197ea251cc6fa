import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/random';
import type { RawTable } from '../table';
import { duplicateRows } from './duplicates';

/** A table of every storage kind: doubles (with NaN), bytes, 32-bit integers, codes and text. */
function table(rows: [number, number, number, number, string | null][]): RawTable {
  let text = '';
  const start = new Int32Array(rows.length), length = new Int32Array(rows.length);
  rows.forEach((r, i) => {
    start[i] = text.length;
    length[i] = r[4] === null ? -1 : r[4].length;
    text += r[4] ?? '';
  });
  return {
    rowCount: rows.length,
    columns: [
      { name: 'x', kind: 'numeric', values: Float64Array.from(rows, (r) => r[0]) },
      { name: 'flag', kind: 'numeric', values: Uint8Array.from(rows, (r) => r[1]) },
      { name: 'n', kind: 'numeric', values: Int32Array.from(rows, (r) => r[2]) },
      { name: 'type', kind: 'categorical', codes: Int32Array.from(rows, (r) => r[3]), dictionary: ['L', 'M', 'H'] },
      { name: 'id', kind: 'text', text, start, length },
    ],
  };
}

describe('duplicate rows', () => {
  it('agrees with a set over the rows, naming the first repeats in row order', () => {
    const r = createRng(3);
    const rows = Array.from({ length: 20_000 }, () => [r.int(40) / 10, r.int(2), r.int(3), r.int(4) - 1, r.int(5) ? `P${r.int(4)}` : null] as [number, number, number, number, string | null]);
    rows[7][0] = NaN;
    rows[9][0] = NaN;
    const fileRows = Int32Array.from(rows, (_, i) => i + 2);
    const seen = new Set<string>(), expectedRows: number[] = [];
    let expected = 0;
    rows.forEach((row, i) => {
      const key = JSON.stringify(row.map((v) => (Number.isNaN(v) ? 'NaN' : v)));
      if (seen.has(key)) {
        expected++;
        if (expectedRows.length < 10) expectedRows.push(i + 2);
      } else seen.add(key);
    });
    expect(expected).toBeGreaterThan(1000);
    expect(duplicateRows(table(rows), fileRows)).toEqual({ count: expected, rows: expectedRows });
  });

  it('finds none among distinct rows, however close, and tells missing text from empty text', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => [1000 + i / 7, 1, 0, 0, 'abc'] as [number, number, number, number, string | null]);
    rows.push([1, 1, 0, 0, 'abc'], [1, 1, 0, 0, 'abd'], [2, 1, 0, 0, null], [2, 1, 0, 0, ''], [3, 1, 0, 1, 'x'], [3, 1, 0, 2, 'x'], [4, 0, 5, 0, 'y'], [4, 0, 6, 0, 'y']);
    expect(duplicateRows(table(rows), new Int32Array(rows.length))).toEqual({ count: 0, rows: [] });
  });

  it('counts −0 as 0 and NaN as NaN, as the equality does', () => {
    const rows: [number, number, number, number, string | null][] = [[-0.5, 1, 0, 0, 'a'], [0, 1, 0, 0, 'a'], [-0, 1, 0, 0, 'a'], [NaN, 1, 0, 0, 'a'], [-NaN, 1, 0, 0, 'a']];
    const t = table(rows);
    // A NaN with another payload, as a parser may leave it.
    new Int32Array((t.columns[0] as { values: Float64Array }).values.buffer)[9] = 0x7ff80001;
    expect(duplicateRows(t, Int32Array.from(rows, (_, i) => i + 2))).toEqual({ count: 2, rows: [4, 6] });
  });

  it('stays linear when every row is the same', () => {
    const rows = Array.from({ length: 200_000 }, () => [1.5, 1, 2, 0, 'same'] as [number, number, number, number, string | null]);
    expect(duplicateRows(table(rows), Int32Array.from(rows, (_, i) => i + 2))).toEqual({ count: 199_999, rows: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
  });

  it('settles on no repeats from a column that rises or falls, and hashes when one step does not', () => {
    // Every other cell the same: only the key column tells the rows apart.
    const rising = Array.from({ length: 5000 }, (_, i) => [i * 0.5, 1, 2, 0, 'same'] as [number, number, number, number, string | null]);
    const fileRows = Int32Array.from(rising, (_, i) => i + 2);
    expect(duplicateRows(table(rising), fileRows)).toEqual({ count: 0, rows: [] });
    expect(duplicateRows(table([...rising].reverse()), fileRows)).toEqual({ count: 0, rows: [] });
    // One step that does not rise (a repeated value, or a missing one) and the rows are compared.
    const repeated = rising.map((r) => [...r] as typeof r);
    repeated[3000][0] = repeated[2999][0];
    expect(duplicateRows(table(repeated), fileRows)).toEqual({ count: 1, rows: [3002] });
    const missing = rising.map((r) => [...r] as typeof r);
    missing[10][0] = NaN;
    missing[11][0] = NaN;
    expect(duplicateRows(table(missing), fileRows)).toEqual({ count: 1, rows: [13] });
  });

  it('takes 32-bit integer and code columns that rise as keys too', () => {
    const t = table(Array.from({ length: 300 }, () => [1, 1, 2, 0, 'same'] as [number, number, number, number, string | null]));
    const fileRows = Int32Array.from({ length: 300 }, (_, i) => i + 2);
    expect(duplicateRows(t, fileRows).count).toBe(299);
    const byInts = { ...t, columns: [...t.columns, { name: 'udi', kind: 'numeric' as const, values: Int32Array.from({ length: 300 }, (_, i) => 10 * i) }] };
    expect(duplicateRows(byInts, fileRows)).toEqual({ count: 0, rows: [] });
    const byCodes = { ...t, columns: [...t.columns, { name: 'serial', kind: 'categorical' as const, codes: Int32Array.from({ length: 300 }, (_, i) => i), dictionary: Array.from({ length: 300 }, (_, i) => `S${i}`) }] };
    expect(duplicateRows(byCodes, fileRows)).toEqual({ count: 0, rows: [] });
  });
});
