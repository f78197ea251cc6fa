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

  endRecord(count: number, row: number): void {
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
    this.onRecord(row);
  }
}
