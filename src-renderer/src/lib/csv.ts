/**
 * A CSV writer for exports that people open in Excel, LibreOffice or pandas (RFC 4180):
 * - a field is quoted when it holds the delimiter, a double quote, CR or LF; quotes inside are doubled;
 * - records end with CRLF (the RFC's line end; Excel and pandas read it everywhere);
 * - a UTF-8 byte order mark goes first, or Excel on Windows reads "Müller" and "€" as ANSI;
 * - numbers are written as JavaScript prints them ("1234.5", never "1,234.5" or "1.234,5"): the
 *   file means the same on every machine, whatever its locale;
 * - text that a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets an apostrophe
 *   in front (OWASP's advice against CSV injection): an alert comment or an asset name is typed by
 *   people and must never become `=HYPERLINK(...)` on a planner's machine. Text that is a plain
 *   number ("-5", "+1.5e3") is left alone: it cannot run, and an apostrophe would turn it into text.
 */

export type CsvCell = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** One character; not a quote, CR or LF. Default ",". */
  delimiter?: string;
  /** Start with a UTF-8 byte order mark (default true). */
  bom?: boolean;
}

export const CSV_BOM = '\uFEFF';

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text of a number: unlocalised; NaN and ±Infinity (no value) are empty cells. */
function numberText(x: number): string {
  return Number.isFinite(x) ? String(Object.is(x, -0) ? 0 : x) : '';
}

/** Text of a string cell with the formula guard applied. */
function guarded(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

function checkDelimiter(delimiter: string): void {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new Error(`CSV delimiter must be one character other than a quote, CR or LF (got ${JSON.stringify(delimiter)})`);
  }
}

/** One field as it is written between delimiters. */
export function csvField(value: CsvCell, delimiter = ','): string {
  checkDelimiter(delimiter);
  const text = value === null || value === undefined ? '' : typeof value === 'number' ? numberText(value) : typeof value === 'boolean' ? String(value) : guarded(value);
  const needsQuotes = text.includes(delimiter) || text.includes('"') || text.includes('\r') || text.includes('\n');
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole file: every record (the header is simply the first), each ended by CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  checkDelimiter(delimiter);
  let out = options.bom === false ? '' : CSV_BOM;
  for (const row of rows) out += `${row.map((cell) => csvField(cell, delimiter)).join(delimiter)}\r\n`;
  return out;
}
