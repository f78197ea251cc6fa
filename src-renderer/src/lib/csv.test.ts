import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, toCsv, type CsvCell } from './csv';

/** A strict RFC 4180 reader (CRLF records, doubled quotes), to check that what we write reads back. */
function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      if (c === '"' || c === '\r' || c === '\n') throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
      field += c;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quote');
  if (field !== '' || row.length) throw new Error('last record not ended by CRLF');
  return rows;
}

const body = (text: string) => {
  expect(text.startsWith(CSV_BOM)).toBe(true);
  return text.slice(CSV_BOM.length);
};

describe('csvField', () => {
  it('leaves plain text alone', () => {
    expect(csvField('MTR-02')).toBe('MTR-02');
    expect(csvField('bearing wear')).toBe('bearing wear');
    expect(csvField('')).toBe('');
  });

  it('quotes the delimiter, quotes, CR and LF, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('"')).toBe('""""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('a,b', ';')).toBe('a,b');
  });

  it('writes numbers unlocalised, and no value as an empty cell', () => {
    expect(csvField(1234567.5)).toBe('1234567.5');
    expect(csvField(-0.25)).toBe('-0.25');
    expect(csvField(-0)).toBe('0');
    expect(csvField(1e-7)).toBe('1e-7');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField(NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(false)).toBe('false');
  });

  it('guards text a spreadsheet would run as a formula', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+SUM(A1:A9)')).toBe("'+SUM(A1:A9)");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=cmd')).toBe("'\t=cmd");
    expect(csvField('\r=cmd')).toBe("\"'\r=cmd\"");
    // Guarded and quoted at once: the apostrophe is inside the quotes.
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    // Only the first character counts.
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField(' =1')).toBe(' =1');
  });

  it('does not guard text that is a plain number', () => {
    for (const s of ['-5', '+5', '-0.5', '+1.5e3', '-.5', '-5.', '-1E-9']) expect(csvField(s)).toBe(s);
    for (const s of ['-5x', '-', '+', '-e5', '--5', '-5 ', '-1,5']) expect(csvField(s).startsWith(s.includes(',') ? '"\'' : "'")).toBe(true);
  });

  it('refuses a delimiter that cannot work', () => {
    expect(() => csvField('x', '"')).toThrow(/delimiter/);
    expect(() => csvField('x', '\n')).toThrow(/delimiter/);
    expect(() => csvField('x', ',,')).toThrow(/delimiter/);
    expect(() => toCsv([['x']], { delimiter: '' })).toThrow(/delimiter/);
  });
});

describe('toCsv', () => {
  it('starts with a BOM and ends every record with CRLF', () => {
    const text = toCsv([['asset', 'value'], ['MTR-02', 4.5]]);
    expect(text).toBe(`${CSV_BOM}asset,value\r\nMTR-02,4.5\r\n`);
  });

  it('leaves the BOM out on request, and writes nothing for no rows', () => {
    expect(toCsv([['a']], { bom: false })).toBe('a\r\n');
    expect(toCsv([])).toBe(CSV_BOM);
    expect(toCsv([], { bom: false })).toBe('');
  });

  it('keeps empty cells and empty records', () => {
    expect(toCsv([['a', null, '', undefined], []], { bom: false })).toBe('a,,,\r\n\r\n');
  });

  it('uses another delimiter throughout', () => {
    expect(toCsv([['a;b', 1.5, 'c']], { delimiter: ';', bom: false })).toBe('"a;b";1.5;c\r\n');
    expect(toCsv([['a\tb', 'c']], { delimiter: '\t', bom: false })).toBe('"a\tb"\tc\r\n');
  });

  it('round-trips awkward text through an RFC 4180 reader', () => {
    const rows: CsvCell[][] = [
      ['id', 'comment', 'value'],
      ['A-1', 'replaced bearing, checked "alignment"', 1.25],
      ['A-2', 'two\r\nlines\nand a lone LF', -3],
      ['A-3', 'Müller — €500 ✓', 0],
      ['A-4', '', null],
    ];
    const back = parseCsv(body(toCsv(rows)));
    expect(back).toEqual(rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))));
  });

  it('round-trips guarded formulas with the apostrophe kept (the cell stays text)', () => {
    const back = parseCsv(body(toCsv([['=2*3', '@x', '-7']])));
    expect(back).toEqual([["'=2*3", "'@x", '-7']]);
  });

  it('encodes as UTF-8 with the BOM as EF BB BF', () => {
    const bytes = new TextEncoder().encode(toCsv([['é']]));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect([...bytes.slice(3, 5)]).toEqual([0xc3, 0xa9]);
  });
});
