/**
 * What happens to each tokenized record, shared by the import session (the file's head, and any
 * part it reads itself) and the segment parser (parts read in helper workers): header capture,
 * blank lines, ragged rows (rolled back and listed), a trailing delimiter's empty column, and
 * cells written straight into the column builders at the current storage slot.
 */
import type { CellProblems, ColumnBuilder } from './builders';
import type { FieldSink } from './tokenizer';

/** Ragged rows listed in the report (the count covers them all). */
export const KEEP_RAGGED = 20;

export class RecordSink implements FieldSink {
  builders: ColumnBuilder[] = [];
  /** Storage slot the current record's cells are written to. */
  slot = 0;
  blankLines = 0;
  extraDelimiterRows = 0;
  readonly ragged: CellProblems = { count: 0, rows: [], samples: [] };
  private headerFields: string[] | null;
  private extraNonEmpty = false;
  /** The current record's first field is unquoted and empty (with one field: a blank line). */
  private firstFieldBlank = false;

  constructor(
    /** Called with the first record when the input starts with a header row; null when it does not. */
    private readonly onHeader: ((fields: string[]) => void) | null,
    /** Called for each accepted record; it chooses the next slot. */
    private readonly onRecord: (row: number) => void,
  ) {
    this.headerFields = onHeader ? [] : null;
  }

  field(i: number, text: string, start: number, end: number, value: string | null, row: number): void {
    if (this.headerFields) {
      this.headerFields[i] = value ?? text.slice(start, end);
      return;
    }
    if (i === 0) this.firstFieldBlank = value === null && end === start;
    const builders = this.builders;
    if (i < builders.length) builders[i].set(this.slot, text, start, end, value, row);
    else if (value !== null ? value.trim() !== '' : end > start && text.slice(start, end).trim() !== '') this.extraNonEmpty = true;
  }

  /** 53-bit hash of the last accepted record's raw text: duplicate rows are found without strings. */
  lastHash = 0;

  endRecord(count: number, row: number, text: string, start: number, end: number): void {
    if (this.headerFields) {
      const header = this.headerFields.slice(0, count);
      this.headerFields = null;
      this.onHeader!(header);
      return;
    }
    const n = this.builders.length;
    const extra = this.extraNonEmpty;
    this.extraNonEmpty = false;
    if (count === 1 && n > 1 && this.firstFieldBlank) {
      this.builders[0].rollback(row);
      this.blankLines++;
      return;
    }
    if (count < n || (count > n && extra)) {
      for (let i = 0; i < Math.min(count, n); i++) this.builders[i].rollback(row);
      this.ragged.count++;
      if (this.ragged.rows.length < KEEP_RAGGED) {
        this.ragged.rows.push(row);
        this.ragged.samples.push(`${count} fields`);
      }
      return;
    }
    if (count > n) this.extraDelimiterRows++;
    this.lastHash = recordHash(text, start, end);
    this.onRecord(row);
  }
}

/** Two 32-bit FNV-style hashes of text[start, end), combined into 53 bits (exact in a double). */
export function recordHash(text: string, start: number, end: number): number {
  let h1 = 0x811c9dc5 ^ (end - start), h2 = 0x1b873593;
  // Two characters per step: this runs over every character of the file.
  let i = start;
  for (; i + 1 < end; i += 2) {
    const c = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  if (i < end) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return finishHash(h1, h2);
}

/** recordHash over code units (bytes of ASCII text, or UTF-16 units): the same value for the same text. */
export function unitsHash(units: Uint8Array | Uint16Array, start: number, end: number): number {
  let h1 = 0x811c9dc5 ^ (end - start), h2 = 0x1b873593;
  let i = start;
  for (; i + 1 < end; i += 2) {
    const c = units[i] | (units[i + 1] << 16);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  if (i < end) {
    const c = units[i];
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
  }
  return finishHash(h1, h2);
}

function finishHash(h1: number, h2: number): number {
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff);
}

/**
 * Rows that repeat an earlier row's text exactly, among `hashes` (one per kept row, in row order):
 * the hashes are bucketed by their top bits and each bucket sorted natively (a comparator sort of a
 * million rows costs seconds; a hash set of them is memory-bound), then the rare repeated values
 * are located in row order to name the first ones.
 */
export function duplicateRows(hashes: Float64Array, fileRows: Int32Array): { count: number; rows: number[] } {
  const n = hashes.length, buckets = 1 << 16, shift = 2 ** 37;
  const start = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) start[Math.floor(hashes[i] / shift) + 1]++;
  for (let b = 1; b <= buckets; b++) start[b] += start[b - 1];
  const sorted = new Float64Array(n), at = start.slice(0, buckets);
  for (let i = 0; i < n; i++) sorted[at[Math.floor(hashes[i] / shift)]++] = hashes[i];
  const repeated = new Set<number>();
  let count = 0;
  for (let b = 0; b < buckets; b++) {
    if (start[b + 1] - start[b] < 2) continue;
    const bucket = sorted.subarray(start[b], start[b + 1]).sort();
    for (let k = 1; k < bucket.length; k++) {
      if (bucket[k] !== bucket[k - 1]) continue;
      count++;
      repeated.add(bucket[k]);
    }
  }
  const rows: number[] = [];
  if (count) {
    const seen = new Set<number>();
    for (let i = 0; i < n && rows.length < 10; i++) {
      if (!repeated.has(hashes[i])) continue;
      if (seen.has(hashes[i])) rows.push(fileRows[i]);
      else seen.add(hashes[i]);
    }
  }
  return { count, rows };
}
