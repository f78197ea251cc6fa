/**
 * One builder per column, writing cells straight into typed storage. A column's type is decided
 * from its first cells (numeric, timestamp or categorical); later cells that do not fit are
 * counted with their first row numbers so the report can name them. Cells are counted as they are
 * written; a record that turns out ragged is rolled back (rare, so the common path stays lean).
 */
import type { NumericArray, RawColumn } from '../table';
import { TextStore } from './text-store';
import { CellKind, isMissingRange, isMissingText, readNumericCell, type CellReader } from './cells';
import { RangeDictionary, type CodeUnits } from './dictionary';
import { parseTimestamp, slashOrder, timestampShape, type TimestampFormat } from './timestamps';

export type InferredType = 'numeric' | 'categorical' | 'timestamp';

export interface CellProblems {
  count: number;
  /** First file rows (spreadsheet numbering) and their cell text. */
  rows: number[];
  samples: string[];
}

const KEEP_ROWS = 10;
/** A type is decided after this many non-missing cells, or this many rows, whichever comes first. */
export const DECIDE_AFTER_VALUES = 200;
export const DECIDE_AFTER_ROWS = 5000;
/** A text column is identifier-like when more than this share of its first values are distinct. */
const ID_LIKE_SHARE = 0.5;
const ID_LIKE_MIN_VALUES = 50;

/** Storage widths of a numeric column, narrowest first. */
export const enum Width {
  Uint8 = 0,
  Int32 = 1,
  Float64 = 2,
}

/** The narrowest width holding v exactly (NaN, fractions and large values need doubles). */
export function widthOf(v: number): Width {
  return (v & 255) === v ? Width.Uint8 : (v | 0) === v ? Width.Int32 : Width.Float64;
}

export function widthOfArray(a: NumericArray): Width {
  return a instanceof Uint8Array ? Width.Uint8 : a instanceof Int32Array ? Width.Int32 : Width.Float64;
}

function allocate(width: Width, n: number): NumericArray {
  return width === Width.Uint8 ? new Uint8Array(n) : width === Width.Int32 ? new Int32Array(n) : new Float64Array(n);
}

function problems(): CellProblems {
  return { count: 0, rows: [], samples: [] };
}

function note(p: CellProblems, row: number, text: string): void {
  p.count++;
  if (p.rows.length < KEEP_ROWS) {
    p.rows.push(row);
    p.samples.push(text.length > 40 ? `${text.slice(0, 40)}…` : text);
  }
}

/** Adds `from` (row numbers relative to `rowBase`) to `into`, keeping the first rows. */
export function mergeProblems(into: CellProblems, from: CellProblems, rowBase: number, keep = KEEP_ROWS): void {
  into.count += from.count;
  for (let k = 0; k < from.rows.length && into.rows.length < keep; k++) {
    into.rows.push(from.rows[k] + rowBase);
    into.samples.push(from.samples[k]);
  }
}

function unnote(p: CellProblems, row: number): void {
  p.count--;
  if (p.rows[p.rows.length - 1] === row) {
    p.rows.pop();
    p.samples.pop();
  }
}

export class ColumnBuilder {
  type: InferredType | null = null;
  timestampFormat: TimestampFormat | null = null;
  /** Typed storage, allocated once the type is known (numeric and timestamp cells). */
  values: NumericArray = new Float64Array(0);
  /** Storage width: bytes and 32-bit integers while every value fits exactly, else doubles. */
  width: Width = Width.Float64;
  /** Categorical cells: codes into the dictionary. */
  codes: Int32Array | null = null;
  /** Identifier-like text (most values distinct): characters kept per slot, not encoded. */
  text: TextStore | null = null;
  private dict: RangeDictionary | null = null;
  private raw: string[] = [];
  private rawRows: number[] = [];
  readonly missing = problems();
  readonly nonFinite = problems();
  readonly unsafeIntegers = problems();
  /** Text in a numeric column, or a timestamp in another format. */
  readonly misfits = problems();
  nonMissing = 0;
  private readonly cell: CellReader = { kind: CellKind.Missing, value: NaN };
  /** What the last written cell counted, to undo it if its record is rejected. */
  private lastKind: CellKind = CellKind.Missing;
  private lastProblems: CellProblems | null = null;

  constructor(
    readonly name: string,
    /** Rows the storage is sized for when the type is decided. */
    private capacity: number,
    private readonly decimalComma: boolean,
  ) {}

  /**
   * A builder whose type is already known (a segment of a file whose head decided it). `doubles`:
   * storage to write double values into instead of a new array (its old contents are overwritten).
   */
  static typed(name: string, capacity: number, decimalComma: boolean, type: InferredType, timestampFormat: TimestampFormat | null, asText = false, width = Width.Float64, doubles?: Float64Array): ColumnBuilder {
    const b = new ColumnBuilder(name, capacity, decimalComma);
    b.setType(type, timestampFormat, asText, width, doubles);
    return b;
  }

  private setType(type: InferredType, timestampFormat: TimestampFormat | null, asText = false, width = Width.Float64, doubles?: Float64Array, charsPerCell = 0): void {
    this.type = type;
    this.timestampFormat = timestampFormat;
    if (asText) {
      this.text = new TextStore(this.capacity, Math.ceil(this.capacity * charsPerCell * 1.1));
    } else if (type === 'categorical') {
      this.codes = new Int32Array(this.capacity);
      this.dict = new RangeDictionary();
    } else {
      this.width = type === 'numeric' ? width : Width.Float64;
      this.values = this.width === Width.Float64 && doubles && doubles.length >= this.capacity ? doubles.subarray(0, this.capacity) : allocate(this.width, this.capacity);
    }
  }

  /** Moves the storage to a wider type (a value that does not fit arrived). */
  widen(width: Width): void {
    if (width <= this.width) return;
    const v = allocate(width, this.values.length);
    v.set(this.values);
    this.values = v;
    this.width = width;
  }

  get dictionary(): string[] {
    return this.dict?.values ?? [];
  }

  /** The code of text[start, end) in this column's dictionary, adding it when new (merging segments). */
  intern(text: string, start: number, end: number): number {
    return this.dict!.code(text, start, end);
  }

  grow(capacity: number): void {
    this.capacity = capacity;
    if (this.type === null) return;
    if (this.text) this.text.grow(capacity);
    else if (this.codes) {
      const c = new Int32Array(capacity);
      c.set(this.codes.subarray(0, Math.min(capacity, this.codes.length)));
      this.codes = c;
    } else {
      const v = allocate(this.width, capacity);
      v.set(this.values.subarray(0, Math.min(capacity, this.values.length)));
      this.values = v;
    }
  }

  /** Adds counts made elsewhere (a segment parsed in a helper) whose rows start after `rowBase`. */
  absorb(seg: { nonMissing: number; missing: CellProblems; nonFinite: CellProblems; unsafeIntegers: CellProblems; misfits: CellProblems }, rowBase: number): void {
    this.nonMissing += seg.nonMissing;
    mergeProblems(this.missing, seg.missing, rowBase);
    mergeProblems(this.nonFinite, seg.nonFinite, rowBase);
    mergeProblems(this.unsafeIntegers, seg.unsafeIntegers, rowBase);
    mergeProblems(this.misfits, seg.misfits, rowBase);
  }

  /**
   * A categorical cell its reader already found present and trimmed (see plain-lines.ts): stored
   * and counted; undone by decrementing nonMissing, as for a fast-read number.
   */
  setPresent(slot: number, units: CodeUnits, start: number, end: number): void {
    if (this.text) this.text.setUnits(slot, units, start, end);
    else this.codes![slot] = this.dict!.codeOfUnits(units, start, end);
    this.nonMissing++;
  }

  /** Writes and counts one cell at storage slot `slot`; `value` is the unescaped text of a quoted cell. */
  set(slot: number, text: string, start: number, end: number, value: string | null, row: number): void {
    if (value !== null) {
      text = value;
      start = 0;
      end = value.length;
    }
    switch (this.type) {
      case 'numeric': {
        const cell = this.cell;
        readNumericCell(text, start, end, this.decimalComma, cell);
        const v = cell.value;
        if (this.width !== Width.Float64) {
          const w = widthOf(v);
          if (w > this.width) this.widen(w);
        }
        this.values[slot] = v;
        this.count(cell.kind, row, text, start, end);
        return;
      }
      case 'categorical': {
        if (isMissingRange(text, start, end)) {
          if (this.text) this.text.setMissing(slot);
          else this.codes![slot] = -1;
          this.count(CellKind.Missing, row, text, start, end);
        } else {
          while (text.charCodeAt(start) === 32 || text.charCodeAt(start) === 9) start++;
          while (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9) end--;
          if (this.text) this.text.set(slot, text, start, end);
          else this.codes![slot] = this.dict!.code(text, start, end);
          this.lastKind = CellKind.Number;
          this.lastProblems = null;
          this.nonMissing++;
        }
        return;
      }
      case 'timestamp': {
        const s = text.slice(start, end);
        if (isMissingText(s)) {
          this.values[slot] = NaN;
          this.count(CellKind.Missing, row, s, 0, 0);
        } else {
          const v = parseTimestamp(s, this.timestampFormat!);
          this.values[slot] = v;
          this.count(Number.isNaN(v) ? CellKind.Text : CellKind.Number, row, s, 0, s.length);
        }
        return;
      }
      default: {
        // Undecided: keep the text until the type is chosen.
        const s = text.slice(start, end);
        this.raw[slot] = s;
        this.rawRows[slot] = row;
        const missing = isMissingText(s);
        this.lastKind = missing ? CellKind.Missing : CellKind.Text;
        this.lastProblems = null;
        if (!missing) this.nonMissing++;
      }
    }
  }

  private count(kind: CellKind, row: number, text: string, start: number, end: number): void {
    this.lastKind = kind;
    let p: CellProblems | null = null;
    if (kind === CellKind.Missing) p = this.missing;
    else {
      this.nonMissing++;
      if (kind === CellKind.Text) p = this.misfits;
      else if (kind === CellKind.NonFinite) p = this.nonFinite;
      else if (kind === CellKind.UnsafeInteger) p = this.unsafeIntegers;
    }
    this.lastProblems = p;
    if (p) note(p, row, p === this.missing ? '' : text.slice(start, end));
  }

  /** The record holding the last written cell was rejected: undo its counting. */
  rollback(row: number): void {
    if (this.lastKind !== CellKind.Missing) this.nonMissing--;
    if (this.lastProblems) unnote(this.lastProblems, row);
    this.lastProblems = null;
    this.lastKind = CellKind.Missing;
  }

  get decided(): boolean {
    return this.type !== null;
  }

  /** Fixes the column's type from the first `rows` cells and converts them. */
  decide(rows: number): void {
    if (this.type !== null) return;
    const texts: string[] = [];
    let numericish = 0;
    for (let i = 0; i < rows; i++) {
      const s = this.raw[i];
      if (s === undefined || isMissingText(s)) continue;
      readNumericCell(s, 0, s.length, this.decimalComma, this.cell);
      if (this.cell.kind === CellKind.Text) texts.push(s);
      else numericish++;
    }
    const nonMissing = numericish + texts.length;
    const shapes = texts.map(timestampShape);
    const family = shapes[0];
    this.capacity = Math.max(this.capacity, rows);
    if (nonMissing === 0 || numericish >= 0.95 * nonMissing) {
      // The narrowest storage that holds every buffered value exactly; later cells widen it.
      let width = Width.Uint8;
      for (let i = 0; i < rows && width < Width.Float64; i++) {
        const s = this.raw[i];
        if (s === undefined) width = Width.Float64;
        else {
          readNumericCell(s, 0, s.length, this.decimalComma, this.cell);
          width = Math.max(width, widthOf(this.cell.value));
        }
      }
      this.setType('numeric', null, false, width);
    } else if (family && shapes.filter((s) => s === family).length >= 0.95 * nonMissing) {
      this.setType('timestamp', family === 'slash' ? slashOrder(texts) : family);
    } else {
      // Mostly distinct values (ids, serial numbers, free text) are kept as text, not encoded.
      const distinct = new Set(texts).size;
      // The head's cells size the text arena for the whole column.
      const charsPerCell = texts.reduce((sum, t) => sum + t.length, 0) / Math.max(1, texts.length);
      this.setType('categorical', null, texts.length >= ID_LIKE_MIN_VALUES && distinct > ID_LIKE_SHARE * texts.length, Width.Float64, undefined, charsPerCell);
    }
    // Re-read the buffered cells in the chosen type; counting starts over for them.
    this.nonMissing = 0;
    const raw = this.raw, rawRows = this.rawRows;
    this.raw = [];
    this.rawRows = [];
    for (const p of [this.missing, this.nonFinite, this.unsafeIntegers, this.misfits]) {
      p.count = 0;
      p.rows.length = 0;
      p.samples.length = 0;
    }
    for (let i = 0; i < rows; i++) {
      const s = raw[i];
      if (s !== undefined) this.set(i, s, 0, s.length, null, rawRows[i]);
    }
  }

  /** The finished column, `rows` long (storage is trimmed without copying). */
  build(rows: number): RawColumn {
    this.decide(rows);
    if (this.text) return this.text.build(this.name, rows);
    if (this.type === 'categorical') return { name: this.name, kind: 'categorical', codes: this.codes!.subarray(0, rows), dictionary: this.dictionary };
    return { name: this.name, kind: 'numeric', values: this.values.subarray(0, rows) };
  }
}
