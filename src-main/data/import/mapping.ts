/**
 * The role-dependent half of the validation report, and the dataset it accepts: label values,
 * failure modes, timestamps per asset, features. Nothing here changes what is already loaded.
 */
import { DISTINCT_CAP, type ColumnRole } from '../../shared/contract';
import { countOnes, markOnes, numericStats, rememberStats, statsOf } from '../column-stats';
import { schemaFromRoles, type DetectedSchema, type SchemaKind } from '../schema';
import type { CategoricalColumn, Column, NumericArray, NumericColumn, Table } from '../table';
import { rowList, hasErrors, type ImportIssue } from './issues';
import type { ParsedFile } from './session';
import { droppedColumns } from './structure';
import { encodeText } from './text-store';

export type Roles = Record<string, ColumnRole>;

export interface PreparedDataset {
  table: Table;
  schema: DetectedSchema;
  /** Spreadsheet row of each row, after sorting and de-duplication. */
  fileRows: Int32Array;
}

export interface MappingResult {
  issues: ImportIssue[];
  prepared: PreparedDataset | null;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 't', 'failure', 'fail', 'failed']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'f', 'ok', 'normal', 'none', 'no failure', 'healthy', 'pass']);
const POSITIVE_WARN = 0.01;

function rowsWhere(fileRows: Int32Array, pred: (i: number) => boolean, limit = 10): { rows: number[]; count: number } {
  const rows: number[] = [];
  let count = 0;
  for (let i = 0; i < fileRows.length; i++) {
    if (!pred(i)) continue;
    count++;
    if (rows.length < limit) rows.push(fileRows[i]);
  }
  return { rows, count };
}

interface LabelResult {
  label: Float64Array; // 0, 1 or NaN
  derivedModes: CategoricalColumn | null;
}

/** A label made from text, with its statistics remembered: the report and the overview count it from them. */
function measured(label: Float64Array): Float64Array {
  rememberStats(label, numericStats(label, DISTINCT_CAP));
  return label;
}

function readLabel(col: Column, fileRows: Int32Array, issues: ImportIssue[]): LabelResult | null {
  const n = fileRows.length;
  const label = new Float64Array(n);
  if (col.kind === 'numeric') {
    // The column's statistics (measured by the import) settle the common case, 0 and 1 only,
    // without a pass over the rows; the copy holds the same values, so it has the same statistics.
    const stats = statsOf(col.values, DISTINCT_CAP);
    label.set(col.values);
    rememberStats(label, stats);
    const bad = new Set<number>();
    if (!stats.distinct || stats.distinct.some((v) => v !== 0 && v !== 1)) {
      for (let i = 0; i < n; i++) {
        const v = label[i];
        if (!Number.isNaN(v) && v !== 0 && v !== 1) bad.add(v);
      }
    }
    if (bad.size) {
      const where = rowsWhere(fileRows, (i) => bad.has(col.values[i]));
      issues.push({ severity: 'error', code: 'unknown-label', column: col.name, rows: where.rows, count: where.count,
        message: `The label "${col.name}" must be 0 (no failure) or 1 (failure); it also holds ${[...bad].slice(0, 5).join(', ')} (${rowList(where.rows, where.count)}).` });
      return null;
    }
    return { label, derivedModes: null };
  }
  const words = col.dictionary.map((d) => d.trim().toLowerCase());
  const isBool = words.every((w) => TRUE_WORDS.has(w) || FALSE_WORDS.has(w));
  if (isBool) {
    const map = words.map((w) => (TRUE_WORDS.has(w) ? 1 : 0));
    for (let i = 0; i < n; i++) label[i] = col.codes[i] < 0 ? NaN : map[col.codes[i]];
    issues.push({ severity: 'warning', code: 'label-mapped', column: col.name,
      message: `Label "${col.name}" read as ${col.dictionary.map((d, k) => `"${d}" → ${map[k]}`).join(', ')}.` });
    return { label: measured(label), derivedModes: null };
  }
  // A failure-type column: one value means "no failure", every other value names a mode.
  const negatives = words.map((w, k) => (FALSE_WORDS.has(w) ? k : -1)).filter((k) => k >= 0);
  if (negatives.length === 1) {
    const neg = negatives[0];
    for (let i = 0; i < n; i++) label[i] = col.codes[i] < 0 ? NaN : col.codes[i] === neg ? 0 : 1;
    const modeCodes = new Int32Array(n);
    const dict = col.dictionary.filter((_, k) => k !== neg);
    const remap = col.dictionary.map((_, k) => (k === neg ? -1 : dict.indexOf(col.dictionary[k])));
    for (let i = 0; i < n; i++) modeCodes[i] = col.codes[i] < 0 ? -1 : remap[col.codes[i]];
    issues.push({ severity: 'warning', code: 'label-from-failure-type', column: col.name,
      message: `Label derived from "${col.name}": "${col.dictionary[neg]}" → 0 (no failure), ${dict.map((d) => `"${d}"`).join(', ')} → 1, kept as failure modes.` });
    return { label: measured(label), derivedModes: { name: `${col.name} (mode)`, kind: 'categorical', codes: modeCodes, dictionary: dict } };
  }
  const unknown = col.dictionary.filter((_, k) => !TRUE_WORDS.has(words[k]) && !FALSE_WORDS.has(words[k]));
  const where = rowsWhere(fileRows, (i) => col.codes[i] >= 0 && unknown.includes(col.dictionary[col.codes[i]]));
  issues.push({ severity: 'error', code: 'unknown-label', column: col.name, rows: where.rows, count: where.count,
    message: `The label "${col.name}" has values that do not say failure or no failure: ${unknown.slice(0, 5).map((u) => `"${u}"`).join(', ')} (${rowList(where.rows, where.count)}). Use 0/1, yes/no or true/false, or a failure-type column with one "no failure" value.` });
  return null;
}

function isConstant(col: Column): boolean {
  if (col.kind === 'numeric') {
    const { min, max } = statsOf(col.values, DISTINCT_CAP);
    return !(min < max);
  }
  let first = -1;
  for (let i = 0; i < col.codes.length; i++) {
    const v = col.codes[i];
    if (v < 0) continue;
    if (first < 0) first = v;
    else if (v !== first) return false;
  }
  return true;
}

function take(col: Column, order: Int32Array, identity: boolean): Column {
  if (identity) return col;
  if (col.kind === 'numeric') {
    // Same storage width as the column (narrow columns stay narrow).
    const v = new (col.values.constructor as new (n: number) => NumericArray)(order.length);
    for (let i = 0; i < order.length; i++) v[i] = col.values[order[i]];
    return { ...col, values: v };
  }
  const c = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) c[i] = col.codes[order[i]];
  return { ...col, codes: c };
}

export function validateMapping(parsed: ParsedFile, roles: Roles, kind: SchemaKind): MappingResult {
  const issues: ImportIssue[] = [];
  const err = (code: string, message: string, extra: Partial<ImportIssue> = {}) => issues.push({ severity: 'error', code, message, ...extra });
  const warn = (code: string, message: string, extra: Partial<ImportIssue> = {}) => issues.push({ severity: 'warning', code, message, ...extra });
  const { table, fileRows } = parsed;
  const n = table.rowCount;
  const dropped = droppedColumns(parsed);
  const info = new Map(parsed.columns.map((c) => [c.name, c]));
  const role = (name: string): ColumnRole => (dropped.has(name) ? 'ignore' : roles[name] ?? 'ignore');
  // Text kept as characters (identifier-like columns) is encoded only when its role needs codes.
  const cols: Column[] = table.columns.filter((c) => role(c.name) !== 'ignore').map((c) => (c.kind === 'text' ? encodeText(c) : c));
  const byRole = (r: ColumnRole) => cols.filter((c) => role(c.name) === r);

  // Label.
  const labels = byRole('label');
  let label: LabelResult | null = null;
  if (labels.length === 0) err('no-label', 'Choose the label column: the one that says whether the machine failed.');
  else if (labels.length > 1) err('many-labels', `Only one column can be the label; ${labels.map((c) => `"${c.name}"`).join(' and ')} both are.`);
  else label = readLabel(labels[0], fileRows, issues);

  let keep: Uint8Array | null = null;
  if (label) {
    // The label holds only 0, 1 and missing here (readLabel refused anything else).
    const y = label.label;
    const missing = statsOf(y, DISTINCT_CAP).missing, pos = countOnes(y), neg = y.length - pos - missing;
    if (missing > 0) {
      const where = rowsWhere(fileRows, (i) => Number.isNaN(label!.label[i]));
      warn('missing-label', `${missing.toLocaleString('en-US')} row(s) have no label and are left out (${rowList(where.rows, where.count)}).`, { rows: where.rows, count: missing });
      keep = new Uint8Array(n);
      for (let i = 0; i < n; i++) keep[i] = Number.isNaN(label.label[i]) ? 0 : 1;
    }
    if (pos === 0 || neg === 0) {
      err('single-class', `The label "${labels[0].name}" has only ${pos === 0 ? 'no-failure' : 'failure'} rows: a failure model needs examples of both.`);
    } else if (pos / (pos + neg) < POSITIVE_WARN) {
      warn('few-positives', `Only ${pos.toLocaleString('en-US')} of ${(pos + neg).toLocaleString('en-US')} rows (${((100 * pos) / (pos + neg)).toFixed(2)} %) are failures: models will be uncertain; the cost-based threshold helps.`);
    }
  }

  // Failure modes.
  const modeCols = byRole('failure-mode');
  const modeFlags: NumericColumn[] = [];
  let modeText: CategoricalColumn | null = label?.derivedModes ?? null;
  for (const c of modeCols) {
    if (c.kind === 'numeric') {
      // The column's distinct values (known from the import) say whether any row needs naming.
      const distinct = statsOf(c.values, DISTINCT_CAP).distinct;
      const flagsOnly = distinct !== null && distinct.every((v) => v === 0 || v === 1);
      const bad = flagsOnly ? { rows: [], count: 0 } : rowsWhere(fileRows, (i) => !Number.isNaN(c.values[i]) && c.values[i] !== 0 && c.values[i] !== 1);
      if (bad.count) err('bad-mode-flag', `Failure-mode column "${c.name}" must hold 0 or 1 (${rowList(bad.rows, bad.count)} do not).`, { column: c.name, ...bad });
      else modeFlags.push(c);
    } else if (modeText) {
      err('many-mode-texts', `Only one text column can name failure modes; "${c.name}" is a second one.`, { column: c.name });
    } else modeText = withoutNoFailure(c);
  }
  if (label && (modeFlags.length || modeText)) {
    // One pass per column into a mask, not a closure over every column per row.
    const anyMode = new Uint8Array(n);
    for (const c of modeFlags) markOnes(c.values, anyMode);
    if (modeText) for (let i = 0; i < n; i++) if (modeText.codes[i] >= 0) anyMode[i] = 1;
    const y = label.label;
    // Both disagreements in one typed loop (this runs over every row of large files).
    const modeNoLabel = { rows: [] as number[], count: 0 }, labelNoMode = { rows: [] as number[], count: 0 };
    for (let i = 0; i < n; i++) {
      const yi = y[i], m = anyMode[i];
      if (yi === 0 && m === 1) {
        if (modeNoLabel.count++ < 10) modeNoLabel.rows.push(fileRows[i]);
      } else if (yi === 1 && m === 0) {
        if (labelNoMode.count++ < 10) labelNoMode.rows.push(fileRows[i]);
      }
    }
    if (modeNoLabel.count) warn('mode-without-failure', `${modeNoLabel.count} row(s) carry a failure mode but the label says no failure (${rowList(modeNoLabel.rows, modeNoLabel.count)}); kept as labelled.`, modeNoLabel);
    if (labelNoMode.count) warn('failure-without-mode', `${labelNoMode.count} failure(s) carry no failure mode (${rowList(labelNoMode.rows, labelNoMode.count)}); kept as failures of unknown mode.`, labelNoMode);
  }

  // Features.
  const features = cols.filter((c) => role(c.name) === 'numeric-feature' || role(c.name) === 'categorical-feature');
  const kept: Column[] = [];
  for (const c of features) {
    const r = role(c.name);
    if (r === 'numeric-feature' && c.kind === 'categorical') {
      err('text-feature', `Column "${c.name}" holds text; give it the role "categorical feature" or "ignore".`, { column: c.name });
      continue;
    }
    if (r === 'numeric-feature' && info.get(c.name)?.type === 'timestamp') {
      err('timestamp-feature', `Column "${c.name}" holds timestamps; give it the role "timestamp".`, { column: c.name });
      continue;
    }
    if (isConstant(c)) {
      warn('constant-column', `Column "${c.name}" has the same value in every row; it was dropped.`, { column: c.name });
      continue;
    }
    kept.push(r === 'categorical-feature' && c.kind === 'numeric' ? numericToCategorical(c) : c);
  }
  if (features.length === 0 || (kept.length === 0 && !hasErrors(issues))) err('no-features', 'No feature columns: give at least one sensor column the role "numeric feature" or "categorical feature".');

  // Time and assets.
  const times = byRole('timestamp');
  let time: NumericColumn | null = null;
  if (times.length > 1) err('many-timestamps', `Only one column can be the timestamp; ${times.map((c) => `"${c.name}"`).join(' and ')} both are.`);
  else if (times.length === 1) {
    const c = times[0];
    if (c.kind === 'categorical') err('bad-timestamps', `Column "${c.name}" does not read as timestamps (e.g. "${c.dictionary[0]}"); use ISO 8601 such as 2026-01-05T08:30:00Z.`, { column: c.name });
    else if (info.get(c.name)?.type === 'numeric') {
      // Epoch numbers: seconds or milliseconds, decided by magnitude.
      let max = 0;
      for (const v of c.values) if (v > max) max = v;
      const factor = max > 1e11 ? 1 : 1000;
      const v = new Float64Array(c.values.length);
      for (let i = 0; i < v.length; i++) v[i] = c.values[i] * factor;
      time = { name: c.name, kind: 'numeric', values: v };
      warn('epoch-timestamps', `Column "${c.name}" read as Unix time in ${factor === 1 ? 'milliseconds' : 'seconds'}.`, { column: c.name });
    } else time = c as NumericColumn;
  }
  const assets = byRole('asset-id');
  if (assets.length > 1) err('many-assets', `Only one column can be the asset id; ${assets.map((c) => `"${c.name}"`).join(' and ')} both are.`);
  const asset = assets.length === 1 ? assets[0] : null;

  if (hasErrors(issues) || !label) return { issues, prepared: null };

  // Row order: by (asset, time) when there is a time column; duplicates per (asset, time) keep the last.
  // Most files need neither sorting nor dropping: then the columns and row numbers are shared,
  // not copied, and no order is made.
  let identity = !keep && !time;
  let order = new Int32Array(identity ? 0 : n);
  if (!identity) for (let i = 0; i < n; i++) order[i] = i;
  if (keep) order = order.filter((i) => keep![i] === 1);
  if (time) {
    const t = time.values;
    const a = asset ? assetSortKeys(asset) : null;
    const sortedAlready = order.every((idx, k) => k === 0 || compare(a, t, order[k - 1], idx) <= 0);
    if (!sortedAlready) {
      order = Int32Array.from(Array.from(order).sort((x, y) => compare(a, t, x, y) || x - y));
      warn('unsorted-timestamps', `Rows were not in time order${asset ? ' per asset' : ''}; they were sorted.`);
    }
    const dupKeep: number[] = [];
    let dups = 0;
    const dupRows: number[] = [];
    for (let k = 0; k < order.length; k++) {
      const next = order[k + 1];
      if (next !== undefined && compare(a, t, order[k], next) === 0) {
        dups++;
        if (dupRows.length < 10) dupRows.push(fileRows[order[k]]);
        continue; // keep the last of equal keys
      }
      dupKeep.push(order[k]);
    }
    if (dups) {
      warn('duplicate-timestamps', `${dups.toLocaleString('en-US')} row(s) repeat a timestamp${asset ? ' of the same asset' : ''}; the last of each was kept (${rowList(dupRows, dups)}).`, { rows: dupRows, count: dups });
      order = Int32Array.from(dupKeep);
    }
    identity = !keep && sortedAlready && !dups;
  }

  const labelCol: NumericColumn = { name: labels[0].name, kind: 'numeric', values: label.label };
  const outCols: Column[] = [...(asset ? [asset] : []), ...(time ? [time] : []), ...kept, labelCol, ...modeFlags, ...(modeText ? [modeText] : [])];
  const finalCols = outCols.map((c) => take(c, order, identity));

  // Duplicate rows (whole records, found while reading): listed, not removed — repeated operating points are real.
  const { count: dupCount, rows: dupRows } = parsed.duplicates;
  const inSample = parsed.sampled ? ' in the rows kept' : '';
  if (dupCount) warn('duplicate-rows', `${dupCount.toLocaleString('en-US')} row(s) repeat an earlier row exactly${inSample} (${rowList(dupRows, dupCount)}); kept.`, { rows: dupRows, count: dupCount });

  const finalRoles: Roles = {};
  for (const c of finalCols) finalRoles[c.name] = c.name === label.derivedModes?.name ? 'failure-mode' : role(c.name);
  const outTable: Table = { rowCount: identity ? n : order.length, columns: finalCols };
  let outRows = fileRows;
  if (!identity) {
    outRows = new Int32Array(order.length);
    for (let i = 0; i < order.length; i++) outRows[i] = fileRows[order[i]];
  }
  return { issues, prepared: { table: outTable, schema: schemaFromRoles(outTable, finalRoles, kind), fileRows: outRows } };
}

/** Assets sort by name (text ids alphabetically, numeric ids by value). */
function assetSortKeys(asset: Column): NumericArray {
  if (asset.kind === 'numeric') return asset.values;
  const byName = asset.dictionary.map((d, k) => [d, k] as const).sort((x, y) => x[0].localeCompare(y[0], 'en', { numeric: true }));
  const rank = new Int32Array(asset.dictionary.length);
  byName.forEach(([, k], r) => (rank[k] = r));
  const keys = new Int32Array(asset.codes.length);
  for (let i = 0; i < keys.length; i++) keys[i] = asset.codes[i] < 0 ? -1 : rank[asset.codes[i]];
  return keys;
}

function compare(a: NumericArray | null, t: NumericArray, x: number, y: number): number {
  if (a && a[x] !== a[y]) return a[x] < a[y] ? -1 : 1;
  const tx = t[x], ty = t[y];
  return tx === ty ? 0 : tx < ty || Number.isNaN(ty) ? -1 : 1;
}

/** A failure-mode text column where "No Failure" (and the like) means no mode, not a mode. */
function withoutNoFailure(c: CategoricalColumn): CategoricalColumn {
  const negative = c.dictionary.map((d) => FALSE_WORDS.has(d.trim().toLowerCase()));
  if (!negative.some(Boolean)) return c;
  const dictionary = c.dictionary.filter((_, k) => !negative[k]);
  const remap = c.dictionary.map((d, k) => (negative[k] ? -1 : dictionary.indexOf(d)));
  const codes = new Int32Array(c.codes.length);
  for (let i = 0; i < codes.length; i++) codes[i] = c.codes[i] < 0 ? -1 : remap[c.codes[i]];
  return { ...c, codes, dictionary };
}

function numericToCategorical(c: NumericColumn): CategoricalColumn {
  const dictionary: string[] = [];
  const index = new Map<number, number>();
  const codes = new Int32Array(c.values.length);
  for (let i = 0; i < codes.length; i++) {
    const v = c.values[i];
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(String(v));
      index.set(v, code);
    }
    codes[i] = code;
  }
  return { name: c.name, kind: 'categorical', codes, dictionary };
}
