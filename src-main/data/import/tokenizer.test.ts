import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/random';
import { CsvSyntaxError, CsvTokenizer, type FieldSink } from './tokenizer';

function collect(chunks: string[], delimiter = ',', maxRecordChars?: number): { rows: string[][]; rowNumbers: number[] } {
  const rows: string[][] = [], rowNumbers: number[] = [];
  let current: string[] = [];
  const sink: FieldSink = {
    field: (i, text, s, e, v) => (current[i] = v ?? text.slice(s, e)),
    endRecord: (n, row) => {
      rows.push(current.slice(0, n));
      rowNumbers.push(row);
      current = [];
    },
  };
  const t = new CsvTokenizer(delimiter.charCodeAt(0), sink, maxRecordChars);
  for (const c of chunks) t.push(c);
  t.finish();
  return { rows, rowNumbers };
}

function randomCsv(seed: number, newline: string, delimiter: string): string {
  const r = createRng(seed);
  const cols = 1 + r.int(5), rows = 1 + r.int(30);
  const cell = () => {
    const kind = r.int(6);
    if (kind === 0) return '';
    if (kind === 1) return String(Math.round(r.normal() * 1000) / 10);
    if (kind === 2) return `"a${delimiter}b"`;
    if (kind === 3) return `"line1${newline}line2"`;
    if (kind === 4) return '"say ""hi"""';
    return 'text' + r.int(100);
  };
  const lines = Array.from({ length: rows }, () => Array.from({ length: cols }, cell).join(delimiter));
  return lines.join(newline) + (r.next() < 0.5 ? newline : '');
}

function splitRandomly(text: string, seed: number): string[] {
  const r = createRng(seed);
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const n = 1 + r.int(12);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

describe('CSV tokenizer', () => {
  it('agrees with papaparse on 600 random files split at random chunk boundaries', () => {
    for (let seed = 0; seed < 600; seed++) {
      const newline = ['\n', '\r\n', '\r'][seed % 3];
      const delimiter = [',', ';', '\t'][Math.floor(seed / 3) % 3];
      const csv = randomCsv(seed, newline, delimiter);
      const expected = Papa.parse<string[]>(csv, { delimiter, newline: newline as '\n' }).data;
      // Papaparse reports a phantom empty record after a trailing newline; the tokenizer does not.
      if (csv.endsWith(newline)) expected.pop();
      const got = collect(splitRandomly(csv, seed + 1), delimiter).rows;
      expect(got, `seed ${seed}: ${JSON.stringify(csv)}`).toEqual(expected);
    }
  });

  it('handles mixed line endings and numbers records as spreadsheet rows', () => {
    const { rows, rowNumbers } = collect(['a,b\r\n1,2\n3,', '4\r5,6\r', '\n7,8']);
    expect(rows).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6'], ['7', '8']]);
    expect(rowNumbers).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps delimiters and newlines inside quotes, unescapes doubled quotes', () => {
    const { rows } = collect(['id,note\n1,"x, y"\n2,"multi\nline"\n3,"he said ""go"""\n']);
    expect(rows).toEqual([['id', 'note'], ['1', 'x, y'], ['2', 'multi\nline'], ['3', 'he said "go"']]);
  });

  it('reports an unclosed quote with the row where it opened', () => {
    expect(() => collect(['a,b\n1,2\n3,"never closed\n4,5\n'])).toThrow(/row 3: a quoted field is never closed/);
  });

  it('refuses a record longer than the cap, keeping memory bounded', () => {
    const t = new CsvTokenizer(44, { field() {}, endRecord() {} }, 1000);
    t.push('a,b\n');
    const huge = 'x'.repeat(600);
    t.push(huge);
    expect(() => t.push(huge)).toThrow(CsvSyntaxError);
    expect(() => collect(['a\n"' + 'y'.repeat(2000)], ',', 1000)).toThrow(/row 2: a quoted field is never closed/);
  });
});
