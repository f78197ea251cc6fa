/**
 * Delimiter and decimal-separator detection on the first lines of decoded text.
 */
const CANDIDATES = [',', ';', '\t', '|'];

export interface Dialect {
  delimiter: string;
  decimalComma: boolean;
}

function splitOutsideQuotes(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '', quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

export function detectDialect(sample: string): Dialect {
  const lines = sample.split(/\r\n|\n|\r/).filter((l) => l.length > 0).slice(0, 60);
  // The last line of a sample may be cut short.
  if (lines.length > 2) lines.pop();
  let best = { delimiter: ',', score: 0 };
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => splitOutsideQuotes(l, d).length);
    const header = counts[0] ?? 1;
    if (header < 2) continue;
    const consistent = counts.filter((c) => c === header || c === header + 1).length / counts.length;
    const score = consistent >= 0.9 ? header * consistent : 0;
    if (score > best.score) best = { delimiter: d, score };
  }
  let decimalComma = false;
  if (best.delimiter !== ',') {
    let commaNumbers = 0, pointNumbers = 0;
    for (const l of lines.slice(1)) {
      for (const cell of splitOutsideQuotes(l, best.delimiter)) {
        const c = cell.trim();
        if (/^[+-]?\d+,\d+$/.test(c)) commaNumbers++;
        else if (/^[+-]?\d+\.\d+$/.test(c)) pointNumbers++;
      }
    }
    decimalComma = commaNumbers > 0 && commaNumbers >= pointNumbers;
  }
  return { delimiter: best.delimiter, decimalComma };
}
