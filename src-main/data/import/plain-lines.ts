/**
 * The common case of a segment, read without the general tokenizer: no quotes, and lines ending in
 * LF or CRLF. A numeric cell of plain shape (sign, up to 15 digits, one decimal point) is parsed
 * in the same pass that finds the delimiters and written straight to storage; any other cell goes
 * through its column builder as usual. A record whose field count differs from the header's (a
 * blank line, a ragged row, a trailing delimiter) is undone and handed to the record sink, so
 * every rule about such records lives in one place. The result is identical to the tokenizer's
 * (see parallel.test.ts).
 */
import { Width, widthOf, type ColumnBuilder } from './builders';
import { recordHash, type RecordSink } from './records';

const LF = 10, CR = 13, QUOTE = 34, MINUS = 45, PLUS = 43;
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** True when `bytes` can be read as plain lines: no quote, every CR followed by LF, ends with LF. */
export function isPlain(bytes: Uint8Array): boolean {
  if (bytes.length === 0 || bytes[bytes.length - 1] !== LF || bytes.indexOf(QUOTE) >= 0) return false;
  for (let at = bytes.indexOf(CR); at >= 0; at = bytes.indexOf(CR, at + 1)) if (bytes[at + 1] !== LF) return false;
  return true;
}

/**
 * Reads every line of `text` (which ends with a line feed). `onRecord` is the sink's own accept
 * callback; returns the number of records (lines) read, or −1 if a line is longer than allowed.
 */
export function readPlainLines(text: string, delimiter: number, decimalComma: boolean, maxRecordChars: number, sink: RecordSink, onRecord: (row: number) => void): number {
  const builders = sink.builders, n = builders.length, point = decimalComma ? 44 : 46;
  const numeric = builders.map((b) => b.type === 'numeric');
  const delimiterText = String.fromCharCode(delimiter);
  /** Per column: 1 when this record's cell was written by the fast path (only nonMissing counted). */
  const fast = new Uint8Array(n);
  let pos = 0, row = 0;
  while (pos < text.length) {
    const lf = text.indexOf('\n', pos);
    const end = lf > pos && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
    if (end - pos > maxRecordChars) return -1;
    row++;
    const slot = sink.slot;
    let col = 0, start = pos, i = pos, lineDone = false;
    // One pass: each cell is scanned once, parsed on the way when its column is numeric.
    while (col < n) {
      const b: ColumnBuilder = builders[col];
      if (numeric[col]) {
        let c = i < end ? text.charCodeAt(i) : delimiter;
        let negative = false;
        if (c === MINUS || c === PLUS) {
          negative = c === MINUS;
          c = ++i < end ? text.charCodeAt(i) : delimiter;
        }
        let mantissa = 0, digits = 0, scale = 0, sawDigit = false, sawPoint = false, plain = true;
        while (c !== delimiter) {
          if (c >= 48 && c <= 57) {
            sawDigit = true;
            if (mantissa !== 0 || c !== 48 || sawPoint) {
              if (digits < 15) {
                mantissa = mantissa * 10 + (c - 48);
                digits++;
                if (sawPoint) scale++;
              } else plain = false;
            }
          } else if (c === point && !sawPoint) sawPoint = true;
          else plain = false;
          c = ++i < end ? text.charCodeAt(i) : delimiter;
        }
        if (plain && sawDigit) {
          const magnitude = scale > 0 ? mantissa / POW10[scale] : mantissa;
          const v = negative ? -magnitude : magnitude;
          if (b.width !== Width.Float64) {
            const w = widthOf(v);
            if (w > b.width) b.widen(w);
          }
          b.values[slot] = v;
          b.nonMissing++;
          fast[col] = 1;
        } else {
          b.set(slot, text, start, i, null, row);
          fast[col] = 0;
        }
      } else {
        const d = text.indexOf(delimiterText, i);
        i = d < 0 || d > end ? end : d;
        b.set(slot, text, start, i, null, row);
        fast[col] = 0;
      }
      col++;
      if (i >= end) {
        lineDone = true;
        break;
      }
      start = ++i;
    }
    // Exactly the header's fields: the line ended with the last column's cell (not a delimiter).
    if (col === n && lineDone) {
      sink.lastHash = recordHash(text, pos, end);
      onRecord(row);
    } else {
      // Not the header's field count: undo this record's cells and let the sink judge it.
      for (let k = 0; k < col; k++) {
        if (fast[k]) builders[k].nonMissing--;
        else builders[k].rollback(row);
      }
      let field = 0, s = pos;
      for (let k = pos; k < end; k++) {
        if (text.charCodeAt(k) !== delimiter) continue;
        sink.field(field++, text, s, k, null, row);
        s = k + 1;
      }
      sink.field(field++, text, s, end, null, row);
      sink.endRecord(field, row, text, pos, end);
    }
    pos = lf + 1;
  }
  return row;
}
