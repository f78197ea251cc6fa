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

/** Builds a column from raw cells: numeric when every non-empty cell is a finite number. */
export function columnFromCells(name: string, cells: readonly string[]): Column {
  const values = new Float64Array(cells.length);
  let numeric = true;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i].trim();
    if (cell === '') {
      values[i] = NaN;
      continue;
    }
    const v = Number(cell);
    if (!Number.isFinite(v)) {
      numeric = false;
      break;
    }
    values[i] = v;
  }
  if (numeric) return { name, kind: 'numeric', values };
  const dictionary: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i].trim();
    if (cell === '') {
      codes[i] = -1;
      continue;
    }
    let code = index.get(cell);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(cell);
      index.set(cell, code);
    }
    codes[i] = code;
  }
  return { name, kind: 'categorical', codes, dictionary };
}
