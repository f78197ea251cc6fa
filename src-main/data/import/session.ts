/**
 * One file import: bytes in (any chunking, from a path or an upload) → decoded text → records →
 * column builders. Memory stays bounded: text is dropped chunk by chunk, and past a cell budget the
 * rows kept are a uniform random sample (statistics still count every row).
 */
import { createRng, type Rng } from '../../common/random';
import type { Table } from '../table';
import { ColumnBuilder, DECIDE_AFTER_ROWS, DECIDE_AFTER_VALUES, type CellProblems, type InferredType } from './builders';
import { detectDialect, type Dialect } from './dialect';
import { FileKindError, SNIFF_BYTES, sniffBytes, type SniffResult, type TextEncodingName } from './encoding';
import { CsvSyntaxError, CsvTokenizer, type FieldSink } from './tokenizer';
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
  table: Table;
  /** Spreadsheet row number (header = 1) of each kept row. */
  fileRows: Int32Array;
  /** Data rows accepted in the whole file (kept or not). */
  rowsSeen: number;
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
  private builders: ColumnBuilder[] = [];
  private fieldCountOk = true;
  private slot = 0;
  private kept = 0;
  private fileRows = new Int32Array(0);
  private rng: Rng;
  private maxRows = Infinity;
  private bytesIn = 0;
  private bom = false;
  private rowsSeen = 0;
  private blankLines = 0;
  private extraDelimiterRows = 0;
  private readonly ragged: CellProblems = { count: 0, rows: [], samples: [] };
  private extraNonEmpty = false;
  private done = false;

  constructor(private readonly opts: ImportOptions) {
    this.rng = createRng(opts.seed ?? 1);
  }

  get progress(): { bytes: number; rows: number } {
    return { bytes: this.bytesIn, rows: this.rowsSeen };
  }

  push(bytes: Uint8Array): void {
    if (this.done) throw new ImportError('this import has already finished');
    this.bytesIn += bytes.length;
    if (!this.decoder) {
      this.head.push(bytes);
      this.headBytes += bytes.length;
      if (this.headBytes < SNIFF_BYTES) return;
      this.start();
      return;
    }
    this.feed(bytes, false);
  }

  finish(): ParsedFile {
    if (!this.decoder) {
      if (this.headBytes === 0) throw new ImportError('the file is empty');
      this.start();
    }
    this.feed(new Uint8Array(0), true);
    this.done = true;
    if (!this.headers) throw new ImportError('the file is empty (no header row)');
    return this.result();
  }

  private start(): void {
    const head = concat(this.head, this.headBytes);
    this.head = [];
    try {
      this.sniff = sniffBytes(head, this.opts.encoding ?? 'auto');
    } catch (e) {
      if (e instanceof FileKindError) throw new ImportError(e.message);
      throw e;
    }
    this.bom = this.sniff.bomBytes > 0;
    this.decoder = new TextDecoder(this.sniff.encoding, { fatal: this.sniff.encoding === 'utf-8' });
    this.feed(head.subarray(this.sniff.bomBytes), false);
  }

  private feed(bytes: Uint8Array, final: boolean): void {
    let text: string;
    try {
      text = this.decoder!.decode(bytes, { stream: !final });
    } catch {
      const row = (this.tokenizer?.rowsSeen ?? 0) + 1;
      throw new ImportError(
        `the file is not valid UTF-8 near row ${row} (byte ${this.bytesIn.toLocaleString('en-US')}): choose its encoding (e.g. Windows-1252 / Latin-1 or UTF-16) and import again`,
      );
    }
    if (!this.tokenizer) {
      if (text.length === 0 && !final) return;
      this.dialect = detectDialect(text.slice(0, 256 * 1024));
      this.tokenizer = new CsvTokenizer(this.dialect.delimiter.charCodeAt(0), this.sink(), this.opts.maxRecordChars);
    }
    try {
      if (text.length) this.tokenizer.push(text);
      if (final) this.tokenizer.finish();
    } catch (e) {
      if (e instanceof CsvSyntaxError) throw new ImportError(e.message);
      throw e;
    }
  }

  private sink(): FieldSink {
    let headerFields: string[] = [];
    return {
      field: (i, text, start, end, value, row) => {
        if (!this.headers) {
          headerFields[i] = value ?? text.slice(start, end);
          return;
        }
        if (i === 0) this.firstFieldBlank = value === null && end === start;
        if (i < this.builders.length) this.builders[i].set(this.slot, text, start, end, value, row);
        else if (value !== null ? value.trim() !== '' : end > start && text.slice(start, end).trim() !== '') this.extraNonEmpty = true;
      },
      endRecord: (count, row) => {
        if (!this.headers) {
          this.initColumns(headerFields.slice(0, count));
          headerFields = [];
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
          if (this.ragged.rows.length < 20) {
            this.ragged.rows.push(row);
            this.ragged.samples.push(`${count} fields`);
          }
          return;
        }
        if (count > n) this.extraDelimiterRows++;
        this.accept(row);
      },
    };
  }

  /** The current record's first field is unquoted and empty (with one field: a blank line). */
  private firstFieldBlank = false;

  private initColumns(raw: string[]): void {
    this.headers = raw;
    const capacity = this.estimateRows();
    this.builders = raw.map((h, i) => new ColumnBuilder(h.trim() || `Column ${i + 1}`, capacity, this.dialect!.decimalComma));
    this.fileRows = new Int32Array(capacity);
    this.undecided = this.builders.length;
    const maxCells = this.opts.maxCells ?? DEFAULT_MAX_CELLS;
    this.maxRows = Math.max(1, Math.floor(maxCells / Math.max(1, raw.length)));
  }

  private estimateRows(): number {
    const total = this.opts.totalBytes ?? 0;
    const perRow = this.bytesIn > 0 && this.tokenizer && this.tokenizer.rowsSeen > 1 ? this.bytesIn / this.tokenizer.rowsSeen : 64;
    const guess = total > 0 ? Math.ceil((total / Math.max(8, perRow)) * 1.05) + 16 : 4096;
    return Math.min(Math.max(guess, 1024), 50_000_000);
  }

  private accept(row: number): void {
    this.rowsSeen++;
    if (this.undecided > 0) this.decideTypes();
    this.fileRows[this.slot] = row;
    if (this.kept < this.maxRows) {
      this.kept++;
    }
    // Choose the slot for the next record: append while under budget, then reservoir-sample.
    if (this.kept < this.maxRows) {
      this.slot = this.kept;
      if (this.slot >= this.fileRows.length) this.growTo(Math.min(this.maxRows, Math.ceil(this.fileRows.length * 1.5) + 1024));
    } else {
      const j = this.rng.int(this.rowsSeen + 1);
      // Slot maxRows is a scratch slot: a record written there is dropped.
      this.slot = j < this.maxRows ? j : this.maxRows;
      if (this.fileRows.length <= this.maxRows) this.growTo(this.maxRows + 1);
    }
  }

  private undecided = 0;

  private decideTypes(): void {
    let left = 0;
    for (const b of this.builders) {
      if (b.decided) continue;
      if (b.nonMissing >= DECIDE_AFTER_VALUES || this.rowsSeen >= DECIDE_AFTER_ROWS) b.decide(this.rowsSeen);
      else left++;
    }
    this.undecided = left;
  }

  private growTo(capacity: number): void {
    for (const b of this.builders) b.grow(capacity);
    const f = new Int32Array(capacity);
    f.set(this.fileRows);
    this.fileRows = f;
  }

  private result(): ParsedFile {
    const rows = this.kept;
    const columns = this.builders.map((b, i) => ({ b, col: b.build(rows), header: this.headers![i] }));
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
      table: { rowCount: rows, columns: columns.map((c) => c.col) },
      fileRows: this.fileRows.subarray(0, rows),
      rowsSeen: this.rowsSeen,
      sampled: this.rowsSeen > rows,
      blankLines: this.blankLines,
      ragged: this.ragged,
      extraDelimiterRows: this.extraDelimiterRows,
      headerOnly: this.rowsSeen === 0,
    };
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
