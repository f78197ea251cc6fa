/**
 * Duplicate rows of a table just read: rows whose every cell equals an earlier row's (numbers by
 * value, NaN equal to NaN; text by its characters). Found from the columns once reading ends, so
 * the readers carry no per-row hash: each column is folded into one 32-bit hash per row (tight
 * typed-array loops), rows go into an open-addressing set by hash, and only rows sharing a hash
 * are compared cell by cell — so the answer is exact, whatever the hash collides on. A column whose
 * values strictly rise or fall (a row number, an id, a time) makes every row distinct: one
 * sequential pass over it settles the question without hashing a cell.
 */
import type { RawColumn, RawTable } from '../table';

export interface DuplicateRows {
  /** Rows repeating an earlier row. */
  count: number;
  /** File row numbers of the first ones (at most `limit`). */
  rows: number[];
}

const C1 = 0xcc9e2d51, C2 = 0x1b873593;

/** murmur3's per-word step. */
function mix(h: number, word: number): number {
  const k = Math.imul(word, C1);
  const x = h ^ Math.imul((k << 15) | (k >>> 17), C2);
  return (Math.imul((x << 13) | (x >>> 19), 5) + 0xe6546b64) | 0;
}

// One loop per storage type, so each reads a single array type (a shared loop over all of them
// makes every element load generic, several times slower).
function mixBytes(h: Int32Array, v: Uint8Array): void {
  for (let i = 0; i < h.length; i++) h[i] = mix(h[i], v[i]);
}

function mixInts(h: Int32Array, v: Int32Array): void {
  for (let i = 0; i < h.length; i++) h[i] = mix(h[i], v[i]);
}

/**
 * A double's two 32-bit halves, read in place; −0 and every NaN hash as 0 and as one NaN, since
 * sameCell counts them equal.
 */
function mixDoubles(h: Int32Array, v: Float64Array): void {
  const bits = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
  for (let i = 0; i < h.length; i++) {
    const x = v[i];
    h[i] = x === 0 ? mix(mix(h[i], 0), 0) : x !== x ? mix(mix(h[i], 0), 0x7ff80000) : mix(mix(h[i], bits[2 * i]), bits[2 * i + 1]);
  }
}

function mixColumn(h: Int32Array, c: RawColumn): void {
  if (c.kind === 'categorical') return mixInts(h, c.codes);
  if (c.kind === 'numeric') {
    const v = c.values;
    if (v instanceof Float64Array) mixDoubles(h, v);
    else if (v instanceof Int32Array) mixInts(h, v);
    else mixBytes(h, v);
    return;
  }
  const { text, start, length } = c;
  for (let i = 0; i < h.length; i++) {
    let x = h[i] ^ length[i];
    for (let k = start[i], end = k + length[i]; k < end; k++) x = Math.imul(x ^ text.charCodeAt(k), 0x01000193);
    h[i] = x;
  }
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

// One loop per storage type again. NaN compares false either way, so a missing value ends a run.
function risesOrFallsDoubles(v: Float64Array): boolean {
  let up = true, down = true;
  for (let i = 1; i < v.length && (up || down); i++) {
    up &&= v[i] > v[i - 1];
    down &&= v[i] < v[i - 1];
  }
  return up || down;
}

function risesOrFallsInts(v: Int32Array): boolean {
  let up = true, down = true;
  for (let i = 1; i < v.length && (up || down); i++) {
    up &&= v[i] > v[i - 1];
    down &&= v[i] < v[i - 1];
  }
  return up || down;
}

/** A column whose cells all differ, as sameCell compares them (text is not checked: no cheap order). */
function isKey(c: RawColumn): boolean {
  if (c.kind === 'categorical') return risesOrFallsInts(c.codes);
  if (c.kind !== 'numeric') return false;
  const v = c.values;
  if (v instanceof Float64Array) return risesOrFallsDoubles(v);
  return v instanceof Int32Array && risesOrFallsInts(v);
}

export function duplicateRows(table: RawTable, fileRows: Int32Array, limit = 10): DuplicateRows {
  const n = table.rowCount;
  if (n < 2 || table.columns.some(isKey)) return { count: 0, rows: [] };
  const h = new Int32Array(n);
  for (const c of table.columns) mixColumn(h, c);
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
