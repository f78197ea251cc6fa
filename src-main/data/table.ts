/**
 * Columnar tables: numeric columns as Float64Array (NaN = missing), categorical columns as
 * codes into a dictionary (-1 = missing). Never an array of row objects for a whole file.
 */
/** Numeric storage: doubles, or a narrower exact type when every value fits (see narrowValues). */
export type NumericArray = Float64Array | Int32Array | Uint8Array;

export interface NumericColumn {
  name: string;
  kind: 'numeric';
  values: NumericArray;
}

export interface CategoricalColumn {
  name: string;
  kind: 'categorical';
  codes: Int32Array;
  dictionary: string[];
}

export type Column = NumericColumn | CategoricalColumn;

export interface Table {
  rowCount: number;
  columns: Column[];
}

export function getColumn<C extends RawColumn>(table: { columns: C[] }, name: string): C {
  const c = table.columns.find((col) => col.name === name);
  if (!c) throw new Error(`column "${name}" is not in the table (columns: ${table.columns.map((x) => x.name).join(', ')})`);
  return c;
}

/** The values as doubles (a copy only when stored narrower): what training and physics expect. */
export function asFloat64(values: NumericArray): Float64Array {
  return values instanceof Float64Array ? values : Float64Array.from(values);
}

export function numericColumn(table: { columns: RawColumn[] }, name: string): NumericArray {
  const c = getColumn(table, name);
  if (c.kind !== 'numeric') throw new Error(`column "${name}" holds text, a numeric column was expected`);
  return c.values;
}

/**
 * A text column as read from a file, before its role is known: identifier-like columns (most
 * values distinct) are kept as characters, not dictionary-encoded, since a million distinct ids
 * cost a second and ~100 MB to encode and most such columns end up ignored. Cell i is
 * text.slice(start[i], start[i] + length[i]); length −1 means missing.
 */
export interface TextColumn {
  name: string;
  kind: 'text';
  text: string;
  start: Int32Array;
  length: Int32Array;
}

/** A column of a file just read: typed, categorical, or still text. */
export type RawColumn = Column | TextColumn;

export interface RawTable {
  rowCount: number;
  columns: RawColumn[];
}

export function textValue(col: TextColumn, i: number): string | null {
  const len = col.length[i];
  return len < 0 ? null : col.text.slice(col.start[i], col.start[i] + len);
}
