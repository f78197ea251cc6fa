/**
 * The common case of a segment, read without the general tokenizer: no quotes, and lines ending in
 * LF or CRLF. The reader walks code units in a typed array — the segment's own bytes when it is
 * ASCII (no copy), else its UTF-16 units — so offsets equal the decoded text's. A numeric cell of
 * plain shape (sign, up to 15 digits, one decimal point) is parsed in the same pass that finds the
 * delimiters and written to the column's double storage (narrowed once the segment is read; one
 * storage type keeps the hot store monomorphic); a category with no surrounding space that is no
 * missing token goes straight into its column's dictionary or text store; any other cell goes
 * through its column builder as usual. A record whose field count differs from the header's (a
 * blank line, a ragged row, a trailing delimiter) is undone and handed to the record sink, so
 * every rule about such records lives in one place. The result is identical to the tokenizer's
 * (see parallel.test.ts).
 */
import { Width, type ColumnBuilder } from './builders';
import { isMissingUnits, mayBeMissing } from './cells';
import type { CodeUnits } from './dictionary';
import type { RecordSink } from './records';

const LF = 10, CR = 13, QUOTE = 34, MINUS = 45, PLUS = 43, SPACE = 32, TAB = 9;
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * readPlainLines' answer when the segment is not plain after all (a quote, or a carriage return
 * not followed by a line feed): found on the way, so plain segments are not scanned twice.
 */
export const NOT_PLAIN = -2;
/** readPlainLines' answer when a line is longer than allowed. */
export const LINE_TOO_LONG = -1;

/** The UTF-16 code units of `text`. */
export function utf16Units(text: string): Uint16Array {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < units.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** Whether every byte is ASCII (then the bytes are the text's code units): four bytes at a time. */
export function isAscii(bytes: Uint8Array): boolean {
  let i = 0, bits = 0;
  if (bytes.byteOffset % 4 === 0) {
    // Signed words: a Uint32Array's values above 2^31 would be doubles.
    const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
    const n = words.length & ~3;
    let k = 0;
    for (; k < n; k += 4) bits |= words[k] | words[k + 1] | words[k + 2] | words[k + 3];
    for (; k < words.length; k++) bits |= words[k];
    i = words.length * 4;
  }
  for (; i < bytes.length; i++) bits |= bytes[i];
  return (bits & 0x80808080) === 0;
}

/** Stands for "not a numeric column" in the list of double storages (one element type, no null). */
const NOT_NUMERIC = new Float64Array(0);

/**
 * Each numeric column's double storage (NOT_NUMERIC for other columns), written into `into` when
 * storage grows: a list that keeps its identity and element type keeps the hot loop's loads
 * specialised (a new list per segment deoptimised it again and again, --trace-deopt).
 */
function doubles(builders: ColumnBuilder[], into: Float64Array[]): Float64Array[] {
  for (let k = 0; k < builders.length; k++) {
    const b = builders[k];
    into[k] = b.type === 'numeric' && b.width === Width.Float64 ? (b.values as Float64Array) : NOT_NUMERIC;
  }
  return into;
}

/**
 * Reads every line of the segment: its code units, and `text()` its decoded text, asked for only
 * by a cell that goes through its builder (for an ASCII segment, usually never: no decoding at
 * all). Numeric columns must have double storage.
 * `onRecord` is the sink's own accept callback. Returns the number of records (lines) read, or
 * LINE_TOO_LONG, or NOT_PLAIN — then the builders hold a partial read and must be discarded.
 */
export function readPlainLines(units: CodeUnits, text: () => string, delimiter: number, decimalComma: boolean, maxRecordChars: number, sink: RecordSink, onRecord: (row: number) => void): number {
  const builders = sink.builders, n = builders.length, point = decimalComma ? 44 : 46, length = units.length;
  // Every scan below stops at a line feed, so one at the end keeps them all inside the segment.
  if (n === 0 || length === 0 || units[length - 1] !== LF) return NOT_PLAIN;
  const values = doubles(builders, []);
  let capacity = Math.min(...builders.map((b) => (b.text ? Infinity : b.codes ? b.codes.length : b.values.length)));
  /**
   * Per column, how this record's cell was written: 2 a fast-read number (counted in `numbers`),
   * 1 a category stored directly (counted by its builder), 0 through the builder's own set.
   */
  const fast = new Uint8Array(n);
  /** Per column: numbers read by the fast path, added to the builders' counts at the end. */
  const numbers = new Int32Array(n);
  const categorical = Uint8Array.from(builders, (b) => (b.type === 'categorical' ? 1 : 0));
  let pos = 0, row = 0;
  while (pos < length) {
    row++;
    const slot = sink.slot;
    let col = 0, i = pos, c = units[i];
    // One pass over the line: each cell is scanned once, parsed on the way when its column is
    // numeric; a cell ends at the delimiter or the line's end (CR or LF).
    for (;;) {
      const start = i, out = values[col];
      if (out !== NOT_NUMERIC) {
        let negative = false;
        if (c === MINUS || c === PLUS) {
          negative = c === MINUS;
          c = units[++i];
        }
        // Integer digits, then a fraction's: two tight loops (one range test and one load per
        // character), the digit count taken from positions. Leading zeros count too, so a few
        // long but exact values take the builder's path; every value read here is exact.
        const digitsFrom = i;
        let mantissa = 0, d = c - 48;
        while (d >= 0 && d <= 9) {
          mantissa = mantissa * 10 + d;
          d = units[++i] - 48;
        }
        let digits = i - digitsFrom, scale = 0;
        c = units[i];
        // The point before the delimiter test: a decimal comma is never the delimiter too (dialect.ts).
        if (c === point) {
          const fractionFrom = ++i;
          d = units[i] - 48;
          while (d >= 0 && d <= 9) {
            mantissa = mantissa * 10 + d;
            d = units[++i] - 48;
          }
          scale = i - fractionFrom;
          digits += scale;
          c = units[i];
        }
        if (digits > 0 && digits <= 15 && (c === delimiter || c === LF || c === CR)) {
          const magnitude = scale > 0 ? mantissa / POW10[scale] : mantissa;
          out[slot] = negative ? -magnitude : magnitude;
          numbers[col]++;
          fast[col] = 2;
        } else {
          // Not a plain number (text, an exponent, a second point, too many digits): to the
          // cell's end, then through the builder.
          while (c !== delimiter && c !== LF && c !== CR) {
            if (c === QUOTE) return NOT_PLAIN;
            c = units[++i];
          }
          builders[col].set(slot, text(), start, i, null, row);
          fast[col] = 0;
        }
      } else {
        while (c !== delimiter && c !== LF && c !== CR) {
          if (c === QUOTE) return NOT_PLAIN;
          c = units[++i];
        }
        // A category with no space at either end that is no missing token is stored directly.
        const first = units[start], last = units[i - 1];
        if (categorical[col] === 1 && i > start && first !== SPACE && first !== TAB && last !== SPACE && last !== TAB && !(mayBeMissing(first) && isMissingUnits(units, start, i))) {
          builders[col].setPresent(slot, units, start, i);
          fast[col] = 1;
        } else {
          builders[col].set(slot, text(), start, i, null, row);
          fast[col] = 0;
        }
      }
      col++;
      if (c !== delimiter || col === n) break;
      c = units[++i];
    }
    // More fields than the header's: find the line's end (still refusing quotes).
    const complete = col === n && c !== delimiter;
    while (c !== LF && c !== CR) {
      if (c === QUOTE) return NOT_PLAIN;
      c = units[++i];
    }
    const end = i;
    if (c === CR) {
      if (units[i + 1] !== LF) return NOT_PLAIN;
      i++;
    }
    if (end - pos > maxRecordChars) return LINE_TOO_LONG;
    if (complete) {
      onRecord(row);
    } else {
      // Not the header's field count: undo this record's cells and let the sink judge it.
      for (let k = 0; k < col; k++) {
        if (fast[k] === 2) numbers[k]--;
        else if (fast[k] === 1) builders[k].nonMissing--;
        else builders[k].rollback(row);
      }
      let field = 0, s = pos;
      for (let k = pos; k < end; k++) {
        if (units[k] !== delimiter) continue;
        sink.field(field++, text(), s, k, null, row);
        s = k + 1;
      }
      sink.field(field++, text(), s, end, null, row);
      sink.endRecord(field, row);
    }
    // Either kind of record may have grown the storage (a trailing delimiter's row is accepted too).
    if (sink.slot >= capacity) {
      doubles(builders, values);
      capacity = Math.min(...builders.map((b) => (b.text ? Infinity : b.codes ? b.codes.length : b.values.length)));
    }
    pos = i + 1;
  }
  for (let k = 0; k < n; k++) builders[k].nonMissing += numbers[k];
  return row;
}
