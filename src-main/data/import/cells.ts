/**
 * Reading one cell of text as a number without allocating: the common shapes (integers, decimals,
 * exponents, decimal commas) are parsed in place with Clinger's fast path, which gives exactly
 * what Number() gives; anything else falls back to a slice.
 */
export const enum CellKind {
  Number = 0,
  Missing = 1,
  /** Infinity, or a number that overflows a double: stored as missing, counted. */
  NonFinite = 2,
  Text = 3,
  /** An integer beyond 2^53: kept (rounded), counted, since ids like this lose digits. */
  UnsafeInteger = 4,
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/** Cells that mean "no value" in exports from spreadsheets, pandas, R and SQL tools. */
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '-', '?', '#n/a', 'missing', '.']);

export interface CellReader {
  kind: CellKind;
  value: number;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Parses text[start, end) into reader.kind / reader.value. */
export function readNumericCell(text: string, start: number, end: number, decimalComma: boolean, out: CellReader): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start === end) {
    out.kind = CellKind.Missing;
    out.value = NaN;
    return;
  }
  let i = start, negative = false;
  let c = text.charCodeAt(i);
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0, digits = 0, scale = 0, sawDigit = false, sawPoint = false;
  const point = decimalComma ? 44 : 46;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      sawDigit = true;
      if (mantissa === 0 && c === 48 && !sawPoint) continue; // leading zeros
      if (digits < 15) {
        mantissa = mantissa * 10 + (c - 48);
        digits++;
        if (sawPoint) scale--;
      } else if (!sawPoint) {
        scale++; // beyond 15 significant digits: let the slow path decide
        digits++;
      } else {
        digits++;
      }
    } else if (c === point && !sawPoint) {
      sawPoint = true;
    } else break;
  }
  if (i === end && sawDigit && digits <= 15) {
    const v = scale < 0 ? mantissa / POW10[-scale] : mantissa;
    out.kind = CellKind.Number;
    out.value = negative ? -v : v;
    return;
  }
  // Slow path: exponents, long mantissas, tokens.
  let s = text.slice(start, end);
  if (decimalComma) s = s.replace(',', '.');
  const v = s.length > 0 && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : NaN;
  if (!Number.isNaN(v)) {
    if (!Number.isFinite(v)) {
      out.kind = CellKind.NonFinite;
      out.value = NaN;
    } else if (Number.isInteger(v) && Math.abs(v) > Number.MAX_SAFE_INTEGER && !/[.eE]/.test(s)) {
      out.kind = CellKind.UnsafeInteger;
      out.value = v;
    } else {
      out.kind = CellKind.Number;
      out.value = v;
    }
    return;
  }
  const lower = s.toLowerCase();
  if (MISSING_TOKENS.has(lower)) {
    out.kind = CellKind.Missing;
  } else if (/^[+-]?(inf|infinity)$/.test(lower)) {
    out.kind = CellKind.NonFinite;
  } else {
    out.kind = CellKind.Text;
  }
  out.value = NaN;
}

/** The missing tokens by length: a cell is compared only with tokens as long as it is. */
const MISSING_BY_LENGTH: string[][] = [];
for (const token of MISSING_TOKENS) (MISSING_BY_LENGTH[token.length] ??= []).push(token);
const LONGEST_MISSING = MISSING_BY_LENGTH.length - 1;

/**
 * Whether a cell starting with character `c` can be a missing token (each starts with n, -, ?,
 * #, m or '.'): most cells are settled by this test alone.
 */
export function mayBeMissing(c: number): boolean {
  c |= 32;
  return c === 110 || c === 45 || c === 63 || c === 35 || c === 109 || c === 46;
}

/**
 * text[start, end) (trimmed, non-empty) is a missing token, compared ignoring ASCII case without
 * allocating: a category like "M" is checked on every row it appears in.
 */
export function isMissingToken(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len > LONGEST_MISSING || !mayBeMissing(text.charCodeAt(start))) return false;
  const tokens = MISSING_BY_LENGTH[len];
  if (tokens === undefined) return false;
  next: for (const token of tokens) {
    for (let k = 0; k < len; k++) {
      let c = text.charCodeAt(start + k);
      if (c >= 65 && c <= 90) c |= 32;
      if (c !== token.charCodeAt(k)) continue next;
    }
    return true;
  }
  return false;
}

/** isMissingToken on code units (see plain-lines.ts): the text itself need not be decoded. */
export function isMissingUnits(units: Uint8Array | Uint16Array, start: number, end: number): boolean {
  const len = end - start;
  if (len > LONGEST_MISSING || !mayBeMissing(units[start])) return false;
  const tokens = MISSING_BY_LENGTH[len];
  if (tokens === undefined) return false;
  next: for (const token of tokens) {
    for (let k = 0; k < len; k++) {
      let c = units[start + k];
      if (c >= 65 && c <= 90) c |= 32;
      if (c !== token.charCodeAt(k)) continue next;
    }
    return true;
  }
  return false;
}

/** The same test on text[start, end) without allocating. */
export function isMissingRange(text: string, start: number, end: number): boolean {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start === end || isMissingToken(text, start, end);
}

/** True for a cell that should be treated as no value in a text column. */
export function isMissingText(s: string): boolean {
  return MISSING_TOKENS.has(s.trim().toLowerCase());
}
