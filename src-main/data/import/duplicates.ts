/**
 * Duplicate rows of a table just read: rows whose every cell equals an earlier row's (numbers by
 * value, NaN equal to NaN; text by its characters). Rows go into an open-addressing set by their
 * hash (row-hash.ts: computed by the import's helpers as they parse, or here from the columns),
 * and only rows sharing a hash are compared cell by cell — so the answer is exact, whatever the
 * hash collides on.
 */
import type { RawColumn, RawTable } from '../table';
import { fillRowHashes } from './row-hash';

export interface DuplicateRows {
  /** Rows repeating an earlier row. */
  count: number;
  /** File row numbers of the first ones (at most `limit`). */
  rows: number[];
}

function sameCell(c: RawColumn, a: number, b: number): boolean {
  if (c.kind === 'categorical') return c.codes[a] === c.codes[b];
  if (c.kind === 'numeric') {
    const x = c.values[a], y = c.values[b];
    return x === y || (x !== x && y !== y);
  }
  const len = c.length[a];
  if (len !== c.length[b]) return false;
  return len < 0 || c.text.slice(c.start[a], c.start[a] + len) === c.text.slice(c.start[b], c.start[b] + len);
}

function sameRow(columns: RawColumn[], a: number, b: number): boolean {
  for (const c of columns) if (!sameCell(c, a, b)) return false;
  return true;
}

/**
 * `hashes`: every row's hash (row-hash.ts) when the reading already has them (the import's helpers
 * hash their segments' rows); measured here otherwise.
 */
export function duplicateRows(table: RawTable, fileRows: Int32Array, limit = 10, hashes?: Int32Array): DuplicateRows {
  const n = table.rowCount;
  if (n < 2) return { count: 0, rows: [] };
  const h: Int32Array = hashes ?? new Int32Array(n);
  if (!hashes) fillRowHashes(table.columns, h, [0, n]);
  // An open-addressing set of the distinct rows so far (row index + 1 per slot, 0 = empty),
  // probed by hash; a row whose hash matches a stored one is compared cell by cell.
  let size = 1;
  while (size < n * 2) size <<= 1;
  const mask = size - 1, slots = new Int32Array(size), repeat = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const hi = h[i];
    let p = (Math.imul(hi ^ (hi >>> 16), 0x45d9f3b) >>> 0) & mask;
    for (;;) {
      const j = slots[p] - 1;
      if (j < 0) {
        slots[p] = i + 1;
        break;
      }
      if (h[j] === hi && sameRow(table.columns, j, i)) {
        repeat[i] = 1;
        count++;
        break;
      }
      p = (p + 1) & mask;
    }
  }
  const rows: number[] = [];
  for (let i = 0; i < n && rows.length < limit && rows.length < count; i++) if (repeat[i]) rows.push(fileRows[i]);
  return { count, rows };
}
