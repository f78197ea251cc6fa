/**
 * One file import: bytes in (any chunking, from a path or an upload) → decoded text → records →
 * column builders. Memory stays bounded: text is dropped chunk by chunk, and past a cell budget the
 * rows kept are a uniform random sample (statistics still count every row).
 */
import { createRng, type Rng } from '../../common/random';
import { DISTINCT_CAP } from '../../shared/contract';
import { mergeStats, numericStats, rememberStats, type NumericStats } from '../column-stats';
import type { RawTable } from '../table';
import { ColumnBuilder, DECIDE_AFTER_ROWS, DECIDE_AFTER_VALUES, mergeProblems, widthOfArray, type CellProblems, type InferredType } from './builders';
import { detectDialect, type Dialect } from './dialect';
import { FileKindError, SNIFF_BYTES, sniffBytes, type SniffResult, type TextEncodingName } from './encoding';
import { concatBytes, ParallelReader } from './parallel';
import { duplicateRows } from './duplicates';
import { KEEP_RAGGED, RecordSink } from './records';
import type { SegmentColumn, SegmentParser, SegmentResult, SegmentSpec } from './segments';
import { CsvSyntaxError, CsvTokenizer, DEFAULT_MAX_RECORD_CHARS } from './tokenizer';
import type { TimestampFormat } from './timestamps';

export class ImportError extends Error {
  override name = 'ImportError';
}

export interface ImportOptions {
  fileName: string;
  /** Total size when known (uploads, files): sizes the storage and the progress bar. */
  totalBytes?: number;
  encoding?: TextEncodingName | 'auto';
  maxRecordChars?: number;
  /** Cells kept in memory; beyond this the rows kept are a uniform sample. */
  maxCells?: number;
  seed?: number;
  /** Parses whole-line segments elsewhere (helper workers) once the head has decided every type. */
  parser?: SegmentParser;
  /** Bytes per parallel segment (tests use tiny ones to cut files in many places). */
  segmentBytes?: number;
}

export interface ColumnInfo {
  name: string;
  /** The header as written in the file, before trimming. */
  header: string;
  type: InferredType;
  timestampFormat: TimestampFormat | null;
  missing: CellProblems;
  nonFinite: CellProblems;
  unsafeIntegers: CellProblems;
  misfits: CellProblems;
}

export interface ParsedFile {
  fileName: string;
  bytes: number;
  encoding: TextEncodingName;
  encodingNote: string | null;
  bom: boolean;
  dialect: Dialect;
  headers: string[];
  columns: ColumnInfo[];
  table: RawTable;
  /** Spreadsheet row number (header = 1) of each kept row. */
  fileRows: Int32Array;
  /** Data rows accepted in the whole file (kept or not). */
  rowsSeen: number;
  /** Kept rows whose every value equals an earlier kept row's. */
  duplicates: { count: number; rows: number[] };
  sampled: boolean;
  blankLines: number;
  ragged: CellProblems;
  extraDelimiterRows: number;
  headerOnly: boolean;
}

const DEFAULT_MAX_CELLS = 40_000_000;

export class ImportSession {
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private sniff: SniffResult | null = null;
  private decoder: { decode(input: Uint8Array, opts: { stream: boolean }): string } | null = null;
  private tokenizer: CsvTokenizer | null = null;
  private dialect: Dialect | null = null;
  private headers: string[] | null = null;
  private readonly sink = new RecordSink((h) => this.initColumns(h), (row) => this.accept(row));
  private kept = 0;
  private fileRows = new Int32Array(0);
  private rng: Rng;
  private maxRows = Infinity;
  private bytesIn = 0;
  /** Bytes decoded so far (after the byte-order mark). */
  private bytesDecoded = 0;
  private bom = false;
  private rowsSeen = 0;
  private undecided = 0;
  /** Characters per line in the file's head: sizes the column storage before it fills. */
  private charsPerLine = 64;
  private done = false;
  private readonly parallel: ParallelReader | null;
  /**
   * Per column, the merged statistics of the segments parsed elsewhere, and the slot ranges read
   * here ([from, to) pairs): together they describe every kept row, unless rows were sampled.
   */
  private segmentStats: (NumericStats | null)[] = [];
  private localRanges: number[] = [];
  /** False once a segment's rows were not all appended (sampling, or the budget's edge). */
  private statsComplete = true;

  constructor(private readonly opts: ImportOptions) {
    this.rng = createRng(opts.seed ?? 1);
    this.parallel = opts.parser ? new ParallelReader(opts.parser, this, opts.segmentBytes) : null;
  }

  get progress(): { bytes: number; rows: number } {
    return { bytes: this.bytesIn, rows: this.rowsSeen };
  }

  /** Reads the next bytes (any chunking). With a segment parser, use pushAsync. */
  push(bytes: Uint8Array): void {
    if (this.parallel) throw new ImportError('this import reads in parallel: use pushAsync');
    const head = this.take(bytes);
    if (head) this.feed(head, false);
  }

  finish(): ParsedFile {
    if (this.parallel) throw new ImportError('this import reads in parallel: use finishAsync');
    const head = this.end();
    if (head) this.feed(head, false);
    return this.close();
  }

  /** Like push, handing whole-line segments to the parser once the head has decided every type. */
  async pushAsync(bytes: Uint8Array): Promise<void> {
    if (!this.parallel) return this.push(bytes);
    const head = this.take(bytes);
    if (head) await this.parallel.add(head);
  }

  async finishAsync(): Promise<ParsedFile> {
    if (!this.parallel) return this.finish();
    const head = this.end();
    if (head) await this.parallel.add(head);
    await this.parallel.flush();
    return this.close();
  }

  /** Counts the bytes; returns what to read now (null while the head is still being collected). */
  private take(bytes: Uint8Array): Uint8Array | null {
    if (this.done) throw new ImportError('this import has already finished');
    this.bytesIn += bytes.length;
    if (this.decoder) return bytes;
    this.head.push(bytes);
    this.headBytes += bytes.length;
    return this.headBytes < SNIFF_BYTES ? null : this.start();
  }

  private end(): Uint8Array | null {
    if (this.done) throw new ImportError('this import has already finished');
    if (this.decoder) return null;
    if (this.headBytes === 0) throw new ImportError('the file is empty');
    return this.start();
  }

  private close(): ParsedFile {
    this.feed(new Uint8Array(0), true);
    this.done = true;
    if (!this.headers) throw new ImportError('the file is empty (no header row)');
    return this.result();
  }

  /** Sniffs the collected head; returns it without its byte-order mark. */
  private start(): Uint8Array {
    const head = concatBytes(this.head, this.headBytes);
    this.head = [];
    try {
      this.sniff = sniffBytes(head, this.opts.encoding ?? 'auto');
    } catch (e) {
      if (e instanceof FileKindError) throw new ImportError(e.message);
      throw e;
    }
    this.bom = this.sniff.bomBytes > 0;
    this.decoder = new TextDecoder(this.sniff.encoding, { fatal: this.sniff.encoding === 'utf-8' });
    return head.subarray(this.sniff.bomBytes);
  }

  /** Decodes and tokenizes bytes here, in file order. */
  feed(bytes: Uint8Array, final: boolean): void {
    let text: string;
    try {
      text = this.decoder!.decode(bytes, { stream: !final });
    } catch {
      throw this.undecodable(bytes);
    }
    this.bytesDecoded += bytes.length;
    if (!this.tokenizer) {
      if (text.length === 0 && !final) return;
      this.startTokenizer(text);
    }
    const tokenizer = this.tokenizer!;
    try {
      if (text.length) tokenizer.push(text);
      if (final) tokenizer.finish();
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw new ImportError(e.message);
      throw e;
    }
  }

  /** Detects the dialect from the first text and starts tokenizing. */
  private startTokenizer(text: string): void {
    const sample = text.slice(0, 256 * 1024);
    this.dialect = detectDialect(sample);
    this.charsPerLine = Math.max(8, sample.length / Math.max(1, sample.split('\n').length - 1));
    this.tokenizer = new CsvTokenizer(this.dialect.delimiter.charCodeAt(0), this.sink, this.opts.maxRecordChars);
  }

  /**
   * Names the row and byte of the first bytes that are not UTF-8. Rows are records, as in every
   * other message (a quoted line break stays in its row): the valid text before the bad bytes is
   * read first, so the row is the record they fall in, however the file was chunked or split.
   */
  private undecodable(bytes: Uint8Array): ImportError {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const before = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD')));
    const byte = (this.sniff?.bomBytes ?? 0) + this.bytesDecoded + new TextEncoder().encode(before).length + 1;
    let row: number;
    try {
      if (!this.tokenizer) this.startTokenizer(before);
      this.tokenizer!.push(before);
      row = this.tokenizer!.rowsSeen + 1;
    } catch {
      row = 1 + (before.match(/\r\n|\r|\n/g)?.length ?? 0);
    }
    return new ImportError(
      `the file is not valid UTF-8 at row ${row} (byte ${byte.toLocaleString('en-US')}): choose its encoding (e.g. Windows-1252 / Latin-1 or UTF-16) and import again`,
    );
  }

  /** What a segment parser needs, once reading can be split: every type decided, between records. */
  segmentSpec(): SegmentSpec | null {
    if (!this.headers || this.undecided > 0 || this.sniff?.encoding !== 'utf-8' || this.tokenizer!.pending > 0) return null;
    return {
      delimiter: this.dialect!.delimiter,
      decimalComma: this.dialect!.decimalComma,
      bytesPerRow: this.charsPerLine,
      maxRecordChars: this.opts.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS,
      columns: this.sink.builders.map((b) => ({ name: b.name, type: b.type!, timestampFormat: b.timestampFormat, text: b.text !== null, width: b.width })),
    };
  }

  /** Takes in a segment parsed elsewhere, as if its records had been read here. */
  absorb(seg: SegmentResult): void {
    const base = this.tokenizer!.rowsSeen;
    this.tokenizer!.skipRows(seg.records);
    const sink = this.sink, builders = sink.builders;
    sink.blankLines += seg.blankLines;
    sink.extraDelimiterRows += seg.extraDelimiterRows;
    mergeProblems(sink.ragged, seg.ragged, base, KEEP_RAGGED);
    // A segment's statistics describe all its rows: they stand only if all are appended below.
    if (this.kept + seg.rows < this.maxRows) {
      seg.columns.forEach((c, i) => {
        const had = this.segmentStats[i];
        if (c.stats) this.segmentStats[i] = had ? mergeStats(had, c.stats, DISTINCT_CAP) : c.stats;
      });
    } else this.statsComplete = false;
    const remaps = seg.columns.map((c, i) => {
      builders[i].absorb(c, base);
      if (!c.codes) return null;
      const remap = new Int32Array(c.dictionaryEnds.length);
      for (let k = 0, start = 0; k < remap.length; start = c.dictionaryEnds[k++]) remap[k] = builders[i].intern(c.dictionaryText, start, c.dictionaryEnds[k]);
      return remap;
    });
    // Under the row budget every record appends, so whole column pieces are copied at once.
    const bulk = Math.max(0, Math.min(seg.rows, this.maxRows - 1 - this.kept));
    // Where each text column's next cell starts in the segment's characters.
    const offsets = seg.columns.map(() => 0);
    if (bulk > 0) {
      if (this.kept + bulk + 1 > this.fileRows.length) this.growTo(Math.min(this.maxRows + 1, Math.max(this.kept + bulk + 1, Math.ceil(this.fileRows.length * 1.25))));
      const at = this.kept;
      seg.columns.forEach((c, i) => (offsets[i] = copyColumn(c, remaps[i], 0, bulk, builders[i], at, offsets[i])));
      for (let k = 0; k < bulk; k++) this.fileRows[at + k] = base + seg.recordRows[k];
      this.kept += bulk;
      this.rowsSeen += bulk;
      sink.slot = this.kept;
    }
    // Past it (or at its edge), row by row through the same reservoir choice as records read here.
    for (let k = bulk; k < seg.rows; k++) {
      const slot = sink.slot;
      seg.columns.forEach((c, i) => (offsets[i] = copyColumn(c, remaps[i], k, 1, builders[i], slot, offsets[i])));
      this.accept(base + seg.recordRows[k], false);
    }
  }

  private initColumns(raw: string[]): void {
    this.headers = raw;
    const capacity = this.estimateRows();
    this.sink.builders = raw.map((h, i) => new ColumnBuilder(h.trim() || `Column ${i + 1}`, capacity, this.dialect!.decimalComma));
    this.fileRows = new Int32Array(capacity);
    this.undecided = raw.length;
    const maxCells = this.opts.maxCells ?? DEFAULT_MAX_CELLS;
    this.maxRows = Math.max(1, Math.floor(maxCells / Math.max(1, raw.length)));
  }

  private estimateRows(): number {
    const total = this.opts.totalBytes ?? 0;
    const guess = total > 0 ? Math.ceil((total / this.charsPerLine) * 1.02) + 16 : 4096;
    return Math.min(Math.max(guess, 1024), this.maxRows + 1, 50_000_000);
  }

  /** The record just written at the current slot was accepted; choose the slot of the next one. */
  /** `local`: read here (not absorbed from a segment); its slot joins the ranges measured at the end. */
  private accept(row: number, local = true): void {
    this.rowsSeen++;
    if (this.undecided > 0) this.decideTypes();
    const sink = this.sink, ranges = this.localRanges;
    // Only while every row is kept: past the budget no statistics are remembered (and a reservoir
    // slot per row would grow this list with the file).
    if (local && this.kept < this.maxRows) {
      if (ranges.length > 0 && ranges[ranges.length - 1] === sink.slot) ranges[ranges.length - 1]++;
      else ranges.push(sink.slot, sink.slot + 1);
    }
    this.fileRows[sink.slot] = row;
    if (this.kept < this.maxRows) {
      this.kept++;
    }
    // Choose the slot for the next record: append while under budget, then reservoir-sample.
    if (this.kept < this.maxRows) {
      sink.slot = this.kept;
      if (sink.slot >= this.fileRows.length) this.growTo(Math.min(this.maxRows + 1, Math.ceil(this.fileRows.length * 1.5) + 1024));
    } else {
      const j = this.rng.int(this.rowsSeen + 1);
      // Slot maxRows is a scratch slot: a record written there is dropped.
      sink.slot = j < this.maxRows ? j : this.maxRows;
      if (this.fileRows.length <= this.maxRows) this.growTo(this.maxRows + 1);
    }
  }

  private decideTypes(): void {
    let left = 0;
    for (const b of this.sink.builders) {
      if (b.decided) continue;
      if (b.nonMissing >= DECIDE_AFTER_VALUES || this.rowsSeen >= DECIDE_AFTER_ROWS) b.decide(this.rowsSeen);
      else left++;
    }
    this.undecided = left;
  }

  private growTo(capacity: number): void {
    for (const b of this.sink.builders) b.grow(capacity);
    const f = new Int32Array(capacity);
    f.set(this.fileRows.subarray(0, Math.min(capacity, this.fileRows.length)));
    this.fileRows = f;
  }

  private result(): ParsedFile {
    const rows = this.kept, sink = this.sink;
    const columns = sink.builders.map((b, i) => ({ b, col: b.build(rows), header: this.headers![i] }));
    const table: RawTable = { rowCount: rows, columns: columns.map((c) => c.col) };
    if (this.rowsSeen === rows && this.statsComplete) this.rememberStats(table);
    const fileRows = this.fileRows.subarray(0, rows);
    return {
      fileName: this.opts.fileName,
      bytes: this.bytesIn,
      encoding: this.sniff!.encoding,
      encodingNote: this.sniff!.note,
      bom: this.bom,
      dialect: this.dialect!,
      headers: this.headers!,
      columns: columns.map(({ b, header }) => ({
        name: b.name, header, type: b.type!, timestampFormat: b.timestampFormat,
        missing: b.missing, nonFinite: b.nonFinite, unsafeIntegers: b.unsafeIntegers, misfits: b.misfits,
      })),
      table,
      fileRows,
      rowsSeen: this.rowsSeen,
      duplicates: duplicateRows(table, fileRows),
      sampled: this.rowsSeen > rows,
      blankLines: sink.blankLines,
      ragged: sink.ragged,
      extraDelimiterRows: sink.extraDelimiterRows,
      headerOnly: this.rowsSeen === 0,
    };
  }

  /** Statistics of each numeric column from its segments' and the rows read here (see statsOf). */
  private rememberStats(table: RawTable): void {
    table.columns.forEach((col, i) => {
      if (col.kind !== 'numeric') return;
      let stats = this.segmentStats[i] ?? null;
      const ranges = this.localRanges;
      for (let k = 0; k < ranges.length; k += 2) {
        const local = numericStats(col.values.subarray(ranges[k], Math.min(ranges[k + 1], table.rowCount)), DISTINCT_CAP);
        stats = stats ? mergeStats(stats, local, DISTINCT_CAP) : local;
      }
      if (stats) rememberStats(col.values, stats);
    });
  }
}

/**
 * Copies `count` cells of a segment column from `from` into a builder's storage at `to`; for text,
 * `offset` is where cell `from` starts in the segment's characters, and the offset after is returned.
 */
function copyColumn(c: SegmentColumn, remap: Int32Array | null, from: number, count: number, b: ColumnBuilder, to: number, offset: number): number {
  if (c.textChars) return b.text!.append(c.textChars, c.textLengths!, from, count, to, offset);
  if (c.codes) {
    const codes = b.codes!;
    for (let k = 0; k < count; k++) {
      const local = c.codes[from + k];
      codes[to + k] = local < 0 ? -1 : remap![local];
    }
  } else {
    const values = c.values!;
    b.widen(widthOfArray(values));
    b.values.set(values.subarray(from, from + count), to);
  }
  return offset;
}
