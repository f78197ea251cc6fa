/**
 * CSV text → columnar table. This is the whole-text path used for the bundled datasets;
 * it strips a UTF-8 byte-order mark and ignores the trailing newline.
 */
import Papa from 'papaparse';
import { columnFromCells, type Table } from './table';

export class CsvFormatError extends Error {
  override name = 'CsvFormatError';
}

export function parseCsvText(text: string): Table {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: true });
  const firstError = parsed.errors[0];
  if (firstError) throw new CsvFormatError(`CSV row ${(firstError.row ?? 0) + 1}: ${firstError.message}`);
  const [header, ...rows] = parsed.data;
  if (!header || header.length === 0) throw new CsvFormatError('the file is empty');
  if (rows.length === 0) throw new CsvFormatError('the file has a header row but no data rows');
  const names = header.map((h) => h.trim());
  const columns = names.map((name, c) => {
    const cells = new Array<string>(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (row.length !== names.length) {
        throw new CsvFormatError(`row ${r + 2} has ${row.length} fields, the header has ${names.length}`);
      }
      cells[r] = row[c];
    }
    return columnFromCells(name, cells);
  });
  return { rowCount: rows.length, columns };
}
