/**
 * A dataset with rows added at its end, column by column (the table stays columnar): what a
 * retrain on recent data trains on — the original training data plus the fleet's history,
 * labelled by recorded failures. The added rows name their model inputs by column; the label,
 * failure-mode, asset and time columns are filled from their own fields, so the same rows fit an
 * AI4I file's mode flags or a fleet's mode text column.
 */
import type { PreparedDataset } from './import/mapping';
import type { Column, Table } from './table';

export interface ExtraRows {
  rowCount: number;
  /** Model inputs by the dataset's column names: numbers, or text for categorical columns. */
  columns: Record<string, ArrayLike<number> | readonly string[]>;
  /** Asset id and time (ms) of each row: required when the dataset has an asset and a timestamp column. */
  asset: readonly string[] | null;
  time: ArrayLike<number> | null;
  /** 1 where a failure was recorded at this row (the label column's event). */
  event: ArrayLike<number>;
  /** The recorded failure's mode at event rows ('' where none or unknown). */
  mode: readonly string[];
}

/**
 * The prepared dataset with `extra` appended. Refuses, naming the field: arrays of the wrong
 * length, columns the dataset does not have, a feature column the rows do not give, asset ids the
 * dataset already has (their series would run into each other), rows of an asset out of time order.
 */
export function appendRows(base: PreparedDataset, extra: ExtraRows): PreparedDataset {
  const { table, schema } = base;
  const n0 = table.rowCount, n1 = extra.rowCount, n = n0 + n1;
  if (!Number.isInteger(n1) || n1 < 0) throw new Error(`extra rows: rowCount must be a whole number of rows (got ${n1})`);
  const sized = (field: string, a: ArrayLike<unknown> | null) => {
    if (a && a.length !== n1) throw new Error(`extra rows: ${field} has ${a.length} values for ${n1} rows`);
  };
  sized('event', extra.event);
  sized('mode', extra.mode);
  sized('asset', extra.asset);
  sized('time', extra.time);
  for (const [name, values] of Object.entries(extra.columns)) {
    if (!table.columns.some((c) => c.name === name)) throw new Error(`extra rows: column "${name}" is not in the dataset (columns: ${table.columns.map((c) => c.name).join(', ')})`);
    sized(`column "${name}"`, values);
  }
  if (schema.assetColumn && schema.timestampColumn) checkSeries(table, schema.assetColumn, extra);

  const columns: Column[] = table.columns.map((c) => {
    const role = schema.roles[c.name];
    let added: ArrayLike<number> | readonly string[] | null = extra.columns[c.name] ?? null;
    if (c.name === schema.labelColumn) added = extra.event;
    else if (c.name === schema.modeTextColumn) added = extra.mode;
    else if (schema.modeFlagColumns.includes(c.name)) added = Array.from({ length: n1 }, (_, i) => (extra.event[i] === 1 && extra.mode[i] === c.name ? 1 : 0));
    else if (c.name === schema.assetColumn) added = extra.asset;
    else if (c.name === schema.timestampColumn) added = extra.time;
    if (!added && (role === 'numeric-feature' || role === 'categorical-feature' || role === 'asset-id' || role === 'timestamp')) {
      throw new Error(`extra rows: no values for column "${c.name}" (the dataset's ${role})`);
    }
    return c.kind === 'numeric' ? numeric(c.name, c.values, added, n) : categorical(c, added, n);
  });
  const fileRows = new Int32Array(n);
  fileRows.set(base.fileRows);
  // Added rows are in no file: numbered on after the file's last row.
  let last = 0;
  for (const r of base.fileRows) last = Math.max(last, r);
  for (let i = 0; i < n1; i++) fileRows[n0 + i] = last + 1 + i;
  const out: Table = { rowCount: n, columns };
  return { table: out, schema, fileRows };
}

function numeric(name: string, values: ArrayLike<number>, added: ArrayLike<number> | readonly string[] | null, n: number): Column {
  const out = new Float64Array(n).fill(NaN);
  out.set(values);
  if (added) {
    for (let i = 0; i < added.length; i++) {
      const v = added[i];
      if (typeof v !== 'number') throw new Error(`extra rows: column "${name}" is numeric, row ${i} holds text "${String(v)}"`);
      out[values.length + i] = v;
    }
  }
  return { name, kind: 'numeric', values: out };
}

function categorical(c: Extract<Column, { kind: 'categorical' }>, added: ArrayLike<number> | readonly string[] | null, n: number): Column {
  const dictionary = [...c.dictionary];
  const codeOf = new Map(dictionary.map((d, k) => [d, k]));
  const codes = new Int32Array(n).fill(-1);
  codes.set(c.codes);
  if (added) {
    for (let i = 0; i < added.length; i++) {
      const v = added[i];
      if (v === '') continue;
      const text = String(v);
      let code = codeOf.get(text);
      if (code === undefined) codeOf.set(text, (code = dictionary.push(text) - 1));
      codes[c.codes.length + i] = code;
    }
  }
  return { name: c.name, kind: 'categorical', codes, dictionary };
}

/** Fleet rows: new asset ids only, each asset's rows together and in time order (as the import sorts a file). */
function checkSeries(table: Table, assetColumn: string, extra: ExtraRows): void {
  if (!extra.asset || !extra.time) throw new Error('extra rows: the dataset is a fleet over time, so every row needs its asset id and time');
  const ids = table.columns.find((c) => c.name === assetColumn);
  const known = new Set(ids?.kind === 'categorical' ? ids.dictionary : []);
  const seen = new Set<string>();
  for (let i = 0; i < extra.rowCount; i++) {
    const a = extra.asset[i], t = extra.time[i];
    if (!a) throw new Error(`extra rows: row ${i} has no asset id`);
    if (!Number.isFinite(t)) throw new Error(`extra rows: row ${i} (asset ${a}) has no valid time`);
    if (i === 0 || a !== extra.asset[i - 1]) {
      if (known.has(a)) throw new Error(`extra rows: asset "${a}" is already in the dataset; give the added rows their own asset ids`);
      if (seen.has(a)) throw new Error(`extra rows: the rows of asset "${a}" are not together (again at row ${i})`);
      seen.add(a);
    } else if (t <= extra.time[i - 1]) throw new Error(`extra rows: asset "${a}" is not in time order at row ${i}`);
  }
}
