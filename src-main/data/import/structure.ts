/**
 * The role-independent half of the validation report: what the file itself gets wrong.
 */
import type { ParsedFile } from './session';
import { rowList, type ImportIssue } from './issues';

const RAGGED_LIMIT = 0.01;

export function structuralIssues(p: ParsedFile): ImportIssue[] {
  const out: ImportIssue[] = [];
  const err = (code: string, message: string, extra: Partial<ImportIssue> = {}) => out.push({ severity: 'error', code, message, ...extra });
  const warn = (code: string, message: string, extra: Partial<ImportIssue> = {}) => out.push({ severity: 'warning', code, message, ...extra });
  const info = (code: string, message: string) => out.push({ severity: 'info', code, message });

  if (p.encodingNote) (p.encoding === 'utf-8' ? info : warn)('encoding', `Encoding: ${p.encodingNote}.`);
  if (p.bom) info('bom', 'The file starts with a UTF-8 byte-order mark (removed).');
  if (p.dialect.delimiter !== ',') info('delimiter', `Delimiter: ${p.dialect.delimiter === '\t' ? 'tab' : `"${p.dialect.delimiter}"`}.`);
  if (p.dialect.decimalComma) warn('decimal-comma', 'Numbers use decimal commas (e.g. "298,1"); they were converted.');

  const headerCells = p.headers.map((h) => h.trim());
  if (p.headers.length > 1 && headerCells.every((h) => h !== '' && Number.isFinite(Number(h.replace(',', '.'))))) {
    err('no-header', `The first row holds numbers (${headerCells.slice(0, 4).join(', ')}…), not column names: add a header row naming each column.`);
    return out;
  }
  if (p.headerOnly) {
    err('header-only', 'The file has a header row but no data rows.');
    return out;
  }
  const seen = new Map<string, number>();
  p.headers.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    if (key === '') return;
    if (seen.has(key)) err('duplicate-header', `Column names must be unique: "${h.trim()}" is column ${seen.get(key)! + 1} and column ${i + 1}.`, { column: h.trim() });
    else seen.set(key, i);
  });
  const padded = p.headers.filter((h) => h !== h.trim());
  if (padded.length) warn('padded-headers', `Spaces around ${padded.length} column name(s) were trimmed: ${padded.map((h) => JSON.stringify(h)).join(', ')}.`);

  const ragged = p.ragged.count / Math.max(1, p.ragged.count + p.rowsSeen);
  if (p.ragged.count > 0) {
    const where = rowList(p.ragged.rows, p.ragged.count);
    const msg = `${p.ragged.count.toLocaleString('en-US')} row(s) have a different number of fields than the header's ${p.headers.length} (${where})`;
    if (ragged > RAGGED_LIMIT) err('ragged', `${msg}: that is ${(ragged * 100).toFixed(1)} % of rows, more than 1 %, so the file is probably not a consistent table.`, { rows: p.ragged.rows, count: p.ragged.count });
    else warn('ragged-dropped', `${msg}; they were dropped.`, { rows: p.ragged.rows, count: p.ragged.count });
  }
  if (p.extraDelimiterRows > 0) warn('trailing-delimiter-rows', `${p.extraDelimiterRows.toLocaleString('en-US')} row(s) end with an extra delimiter (ignored).`);
  if (p.blankLines > 0) info('blank-lines', `${p.blankLines.toLocaleString('en-US')} blank line(s) skipped.`);
  if (p.sampled) {
    warn('sampled', `The file has ${p.rowsSeen.toLocaleString('en-US')} rows; a uniform random sample of ${p.table.rowCount.toLocaleString('en-US')} is kept in memory for exploration and training. Counts in this report cover every row.`);
  }

  for (const c of p.columns) {
    const rows = p.rowsSeen;
    if (c.type === 'numeric' && c.misfits.count > 0) {
      err('text-in-numeric', `Column "${c.name}" holds numbers but ${c.misfits.count.toLocaleString('en-US')} cell(s) contain text (${rowList(c.misfits.rows, c.misfits.count)}: ${c.misfits.samples.slice(0, 3).map((s) => JSON.stringify(s)).join(', ')}).`, { column: c.name, rows: c.misfits.rows, count: c.misfits.count });
    }
    if (c.type === 'timestamp' && c.misfits.count > 0) {
      err('mixed-timestamps', `Column "${c.name}" mixes timestamp formats: it starts as ${c.timestampFormat} but ${rowList(c.misfits.rows, c.misfits.count)} read ${c.misfits.samples.slice(0, 3).map((s) => JSON.stringify(s)).join(', ')}.`, { column: c.name, rows: c.misfits.rows, count: c.misfits.count });
    }
    if (c.type === 'timestamp' && c.timestampFormat !== 'iso') info('timestamp-zone', `Column "${c.name}": timestamps have no time zone; they are read as UTC.`);
    if (c.nonFinite.count > 0) warn('non-finite', `Column "${c.name}": ${c.nonFinite.count.toLocaleString('en-US')} infinite or overflowing value(s) treated as missing (${rowList(c.nonFinite.rows, c.nonFinite.count)}).`, { column: c.name, rows: c.nonFinite.rows, count: c.nonFinite.count });
    if (c.unsafeIntegers.count > 0) warn('unsafe-integers', `Column "${c.name}": ${c.unsafeIntegers.count.toLocaleString('en-US')} integer(s) beyond 2^53 lose their last digits as numbers (${rowList(c.unsafeIntegers.rows, c.unsafeIntegers.count)}); if this is an id, give it the role "asset id" or "ignore".`, { column: c.name, rows: c.unsafeIntegers.rows, count: c.unsafeIntegers.count });
    if (c.missing.count === rows) {
      const trailing = c.header.trim() === '' && c === p.columns[p.columns.length - 1];
      warn(trailing ? 'trailing-delimiter' : 'empty-column', trailing ? 'Every row ends with a delimiter; the empty last column was dropped.' : `Column "${c.name}" is empty in every row; it was dropped.`, { column: c.name });
    } else if (c.missing.count > 0) {
      warn('missing', `Column "${c.name}": ${c.missing.count.toLocaleString('en-US')} missing value(s) (empty, NA, NaN, …) (${rowList(c.missing.rows, c.missing.count)}).`, { column: c.name, rows: c.missing.rows, count: c.missing.count });
    } else if (c.header.trim() === '') {
      warn('unnamed-column', `Column ${p.columns.indexOf(c) + 1} has no name; it is called "${c.name}".`, { column: c.name });
    }
  }
  return out;
}

/** Columns the report drops whatever their role: empty in every row. */
export function droppedColumns(p: ParsedFile): Set<string> {
  return new Set(p.columns.filter((c) => c.missing.count === p.rowsSeen).map((c) => c.name));
}
