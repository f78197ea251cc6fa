/**
 * Columnar tables: numeric columns as Float64Array (NaN = missing), categorical columns as
 * codes into a dictionary (-1 = missing). Never an array of row objects for a whole file.
 */
export interface NumericColumn {
  name: string;
  kind: 'numeric';
  values: Float64Array;
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

export function getColumn(table: Table, name: string): Column {
  const c = table.columns.find((col) => col.name === name);
  if (!c) throw new Error(`column "${name}" is not in the table (columns: ${table.columns.map((x) => x.name).join(', ')})`);
  return c;
}

export function numericColumn(table: Table, name: string): Float64Array {
  const c = getColumn(table, name);
  if (c.kind !== 'numeric') throw new Error(`column "${name}" is categorical, a numeric column was expected`);
  return c.values;
}
