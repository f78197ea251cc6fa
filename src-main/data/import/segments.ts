/**
 * Parsing one segment of a file — whole lines, cut at a line feed, after the head decided every
 * column's type — into column pieces. Helper workers run this in parallel while the session merges
 * the pieces in file order. Row numbers in a result are relative to the segment (its first record
 * is row 1). A segment that ends inside a quoted field was cut in the wrong place: it says so
 * (`complete: false`) and the session reads those bytes itself.
 */
import { ColumnBuilder, Width, type CellProblems, type InferredType } from './builders';
import { DISTINCT_CAP } from '../../shared/contract';
import { numericStats, type NumericStats } from '../column-stats';
import type { NumericArray } from '../table';
import { isAscii, LINE_TOO_LONG, readPlainLines, utf16Units } from './plain-lines';
import { RecordSink } from './records';
import { CsvSyntaxError, CsvTokenizer } from './tokenizer';
import type { TimestampFormat } from './timestamps';

export interface SegmentSpec {
  delimiter: string;
  decimalComma: boolean;
  /** Average bytes per row in the file's head: sizes a segment's storage before it is read. */
  bytesPerRow: number;
  maxRecordChars: number;
  /** `text`: an identifier-like column kept as characters (see TextStore). */
  columns: { name: string; type: InferredType; timestampFormat: TimestampFormat | null; text: boolean; width: Width }[];
}

export interface SegmentColumn {
  values: NumericArray | null;
  codes: Int32Array | null;
  /** A text column's characters, cell after cell, and each cell's length (−1 = missing). */
  textChars: Uint16Array | null;
  textLengths: Int32Array | null;
  /** The segment's dictionary as one string and offsets: cheap to pass between threads. */
  dictionaryText: string;
  dictionaryEnds: Int32Array;
  nonMissing: number;
  /** Statistics of `values`, measured here so the main thread need not. */
  stats: NumericStats | null;
  missing: CellProblems;
  nonFinite: CellProblems;
  unsafeIntegers: CellProblems;
  misfits: CellProblems;
}

export interface SegmentResult {
  /** False when the bytes end inside a quoted field (or do not decode): the session re-reads them. */
  complete: boolean;
  /** Records in the segment, accepted or not (advances the file's row numbering). */
  records: number;
  rows: number;
  /** Segment-relative record number of each accepted row. */
  recordRows: Int32Array;
  columns: SegmentColumn[];
  ragged: CellProblems;
  blankLines: number;
  extraDelimiterRows: number;
  /** The segment's bytes, handed back by a parser that took them (see SegmentParser.parse). */
  bytes?: Uint8Array;
}

/** Parses segments somewhere (helper workers, or in-process in tests). */
export interface SegmentParser {
  /** How many segments it works on at once. */
  readonly parallelism: number;
  /** Gets ready for a file soon to come (starts and warms helper workers); resolves when ready. */
  prepare?(): Promise<void>;
  /**
   * `bytes` must be the only view of their buffer: a parser in another thread takes the buffer
   * (no copy) and hands the bytes back in the result.
   */
  parse(spec: SegmentSpec, bytes: Uint8Array): Promise<SegmentResult>;
}

const LF = 10, CR = 13;

function countByte(bytes: Uint8Array, b: number): number {
  let n = 0;
  for (let at = bytes.indexOf(b); at >= 0; at = bytes.indexOf(b, at + 1)) n++;
  return n;
}

function incomplete(): SegmentResult {
  const none = { count: 0, rows: [], samples: [] };
  return { complete: false, records: 0, rows: 0, recordRows: new Int32Array(0), columns: [], ragged: none, blankLines: 0, extraDelimiterRows: 0 };
}

function grown(from: Int32Array, to: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  to.set(from);
  return to;
}

function packedText(p: { chars: Uint16Array; lengths: Int32Array }) {
  return { textChars: p.chars, textLengths: p.lengths };
}

function ends(values: string[]): Int32Array {
  const out = new Int32Array(values.length);
  let at = 0;
  values.forEach((v, k) => (out[k] = at += v.length));
  return out;
}

/**
 * Double storage per column, kept from one segment to the next by the parser that reads them: a
 * new array per numeric column per segment was megabytes of fresh pages to fault in and free
 * again, and most columns are narrowed (copied) to bytes or integers anyway. Results never share it.
 */
const scratch: Float64Array[] = [];

function scratchDoubles(column: number, capacity: number): Float64Array {
  const had = scratch[column];
  if (had && had.length >= capacity) return had;
  return (scratch[column] = new Float64Array(Math.ceil(capacity * 1.25)));
}

/**
 * `values` in the narrowest storage holding each of them exactly, always in an array of its own.
 * One branch-light pass: this runs on every numeric column of every segment.
 */
function narrowest(values: NumericArray): NumericArray {
  if (!(values instanceof Float64Array)) return values;
  let bits = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i], k = v | 0;
    // A fraction, NaN (missing) or beyond 32 bits: doubles.
    if (k !== v) return values.slice();
    bits |= k;
  }
  // Only when every value is 0…255 does the OR of all of them stay within the low byte.
  const out = (bits & ~255) === 0 ? new Uint8Array(values.length) : new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}

export function parseSegment(spec: SegmentSpec, bytes: Uint8Array): SegmentResult {
  // An ASCII segment (the usual case) is read from its bytes: its text is decoded only if a cell
  // needs it (one the builder reads). Other text is decoded now, refused if it is not UTF-8.
  const ascii = isAscii(bytes);
  let decoded: string | null = null;
  if (!ascii) {
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return incomplete();
    }
  }
  const text = () => (decoded ??= new TextDecoder('utf-8').decode(bytes));
  // Most segments are plain (no quotes, LF or CRLF line ends): read them with the fast reader,
  // sized from their length (they grow if their lines are short). The reader notices on the way
  // when a segment is not plain; it is then read again with the general tokenizer, sized from its
  // line count (records end at line feeds or lone carriage returns).
  if (bytes.length > 0 && bytes[bytes.length - 1] === LF) {
    const read = readSegment(spec, Math.ceil(bytes.length / Math.max(2, spec.bytesPerRow * 0.8)), true, (sink, accept) =>
      readPlainLines(ascii ? bytes : utf16Units(decoded!), text, spec.delimiter.charCodeAt(0), spec.decimalComma, spec.maxRecordChars, sink, accept));
    // Too long a line: the session re-reads the bytes and reports it with the file's row numbers.
    if (read === LINE_TOO_LONG) return incomplete();
    if (typeof read !== 'number') return read;
  }
  const lines = countByte(bytes, LF) + (bytes.indexOf(CR) >= 0 ? countByte(bytes, CR) : 0);
  const read = readSegment(spec, lines, false, (sink) => {
    const tokenizer = new CsvTokenizer(spec.delimiter.charCodeAt(0), sink, spec.maxRecordChars);
    try {
      tokenizer.push(text());
    } catch (e) {
      if (e instanceof CsvSyntaxError) return LINE_TOO_LONG;
      throw e;
    }
    return tokenizer.pending > 0 ? LINE_TOO_LONG : tokenizer.rowsSeen;
  });
  return typeof read === 'number' ? incomplete() : read;
}

/**
 * Reads a segment into fresh builders with `reader` (plain lines or the tokenizer), which returns
 * the records read or a negative code, passed on. `doubles`: numbers go to double storage (the
 * plain reader's), narrowed once the segment is read.
 */
function readSegment(spec: SegmentSpec, lines: number, doubles: boolean, reader: (sink: RecordSink, accept: (row: number) => void) => number): SegmentResult | number {
  const builders = spec.columns.map((c, k) =>
    ColumnBuilder.typed(c.name, lines + 1, spec.decimalComma, c.type, c.timestampFormat, c.text, doubles ? Width.Float64 : c.width, doubles && c.type === 'numeric' && !c.text ? scratchDoubles(k, lines + 1) : undefined));
  let recordRows = new Int32Array(lines + 1);
  let rows = 0;
  const accept = (row: number) => {
    recordRows[rows++] = row;
    sink.slot = rows;
    if (rows < recordRows.length) return;
    // More rows than the estimate: grow everything by half.
    const capacity = Math.ceil(recordRows.length * 1.5) + 16;
    for (const b of builders) b.grow(capacity);
    recordRows = grown(recordRows, new Int32Array(capacity));
  };
  const sink = new RecordSink(null, accept);
  sink.builders = builders;
  const records = reader(sink, accept);
  if (records < 0) return records;
  return {
    complete: true,
    records,
    rows,
    recordRows: recordRows.subarray(0, rows),
    columns: builders.map((b) => {
      const values = b.codes || b.text ? null : narrowest(b.values.subarray(0, rows));
      return {
        ...(b.text ? packedText(b.text.packed(rows)) : { textChars: null, textLengths: null }),
        values,
        stats: values ? numericStats(values, DISTINCT_CAP) : null,
        codes: b.codes ? b.codes.subarray(0, rows) : null,
        dictionaryText: b.dictionary.join(''),
        dictionaryEnds: ends(b.dictionary),
        nonMissing: b.nonMissing,
        missing: b.missing,
        nonFinite: b.nonFinite,
        unsafeIntegers: b.unsafeIntegers,
        misfits: b.misfits,
      };
    }),
    ragged: sink.ragged,
    blankLines: sink.blankLines,
    extraDelimiterRows: sink.extraDelimiterRows,
  };
}
