/**
 * Every case of the validation report, each with a fixture generated here, run through the real
 * pipeline (bytes in small chunks → session → structural report → mapping report).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numericColumn, textValue } from '../table';
import { codes, importText, parseBytes } from './fixtures';
import { ImportError } from './session';

/** A small valid fleet file: 2 assets × n rows, a failure every 10th row. */
function fleet(n = 40, opts: { sep?: string; nl?: string; label?: (i: number) => string } = {}): string {
  const sep = opts.sep ?? ',', nl = opts.nl ?? '\n';
  const lines = [['timestamp', 'machine_id', 'temperature', 'vibration', 'failure'].join(sep)];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2026, 0, 1, 0, i * 10)).toISOString();
    lines.push([t, `M${i % 2}`, (60 + (i % 7)).toFixed(1), (1 + (i % 5) / 10).toFixed(2), opts.label ? opts.label(i) : i % 10 === 9 ? '1' : '0'].join(sep));
  }
  return lines.join(nl) + nl;
}

const issue = (a: ReturnType<typeof importText>, code: string) => a.issues.find((i) => i.code === code);

describe('import: refused files (nothing is accepted)', () => {
  it('empty file', () => {
    expect(() => parseBytes(new Uint8Array(0))).toThrow(/the file is empty/);
  });
  it('header only', () => {
    expect(codes(importText('a,b,failure\n'))).toContain('error:header-only');
  });
  it('no header row', () => {
    const a = importText('1,2,3\n4,5,6\n');
    expect(codes(a)).toContain('error:no-header');
  });
  it('duplicate headers', () => {
    const a = importText('temp,Temp,failure\n1,2,0\n3,4,1\n');
    expect(issue(a, 'duplicate-header')?.message).toMatch(/"Temp" is column 1 and column 2/);
  });
  it('unclosed quote, with its row', () => {
    expect(() => importText('a,b,failure\n1,2,0\n3,"oops,1\n5,6,0\n')).toThrow(/row 3: a quoted field is never closed/);
  });
  it('text in a numeric column, naming the column and first rows', () => {
    const text = fleet(300).split('\n');
    text[250] = text[250].replace(/,6\d\.\d,/, ',hot,');
    const a = importText(text.join('\n'));
    const i = issue(a, 'text-in-numeric');
    expect(i?.column).toBe('temperature');
    expect(i?.rows).toEqual([251]);
    expect(i?.message).toContain('"hot"');
    expect(a.prepared).toBeNull();
  });
  it('unknown label values', () => {
    const a = importText(fleet(40, { label: (i) => (i === 5 ? '2' : i % 10 === 9 ? '1' : '0') }));
    expect(issue(a, 'unknown-label')?.message).toMatch(/also holds 2 \(row 7\)/);
  });
  it('single-class label', () => {
    expect(codes(importText(fleet(40, { label: () => '0' })))).toContain('error:single-class');
  });
  it('mixed timestamp formats', () => {
    const lines = fleet(300).split('\n');
    lines[260] = lines[260].replace(/^[^,]+/, '01/02/2026 10:00');
    const a = importText(lines.join('\n'));
    expect(issue(a, 'mixed-timestamps')?.rows).toEqual([261]);
  });
  it('ragged rows above 1 %', () => {
    const lines = fleet(100).split('\n');
    for (const r of [10, 20, 30]) lines[r] += ',extra';
    expect(issue(importText(lines.join('\n')), 'ragged')?.rows).toEqual([11, 21, 31]);
  });
  it('binary files and renamed spreadsheets', () => {
    expect(() => parseBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toThrow(/ZIP container.*xlsx/);
    expect(() => parseBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).toThrow(/legacy Excel/);
    const bin = new TextEncoder().encode('a,b\n1,2\n');
    const withNul = new Uint8Array([...bin, 0, 0xff, 7, 1]);
    expect(() => parseBytes(withNul)).toThrow(/NUL byte/);
  });
  it('a single line over the size cap, with memory bounded', () => {
    const long = 'a,b\n' + 'x'.repeat(5000) + '\n';
    expect(() => parseBytes(new TextEncoder().encode(long), { maxRecordChars: 1000 })).toThrow(ImportError);
  });
  it('invalid UTF-8 after the first 64 KB asks for the encoding', () => {
    const head = new TextEncoder().encode(fleet(1700));
    const bytes = new Uint8Array([...head, ...new TextEncoder().encode('2026-02-01T00:00:00.000Z,M'), 0xe9, ...new TextEncoder().encode(',60,1,0\n')]);
    expect(head.length).toBeGreaterThan(64 * 1024);
    expect(() => parseBytes(bytes)).toThrow(/not valid UTF-8 at row .*choose its encoding/);
    // Choosing the encoding reads it.
    const p = parseBytes(bytes, { encoding: 'windows-1252' });
    expect(p.rowsSeen).toBe(1701);
  });
});

describe('import: accepted as they are', () => {
  it('UTF-8 byte-order mark', () => {
    const a = importText('\uFEFF' + fleet());
    expect(a.parsed.headers[0]).toBe('timestamp');
    expect(codes(a)).toContain('info:bom');
    expect(a.prepared).not.toBeNull();
  });
  it('CRLF, CR and mixed line endings give the same table', () => {
    const base = importText(fleet()).prepared!;
    for (const nl of ['\r\n', '\r']) expect(importText(fleet(40, { nl })).prepared!.table).toEqual(base.table);
    const mixed = fleet().split('\n').map((l, i) => l + (i % 2 ? '\r\n' : '\n')).join('');
    expect(importText(mixed).prepared!.table).toEqual(base.table);
  });
  it('a trailing newline makes no phantom row', () => {
    expect(importText('a,failure\n1,0\n2,1\n').parsed.rowsSeen).toBe(2);
    expect(importText('a,failure\n1,0\n2,1').parsed.rowsSeen).toBe(2);
  });
  it('semicolon and tab delimiters', () => {
    for (const sep of [';', '\t']) {
      const a = importText(fleet(40, { sep }));
      expect(a.parsed.dialect.delimiter).toBe(sep);
      expect(a.prepared?.table.rowCount).toBe(40);
    }
  });
  it('quoted delimiters and newlines', () => {
    const a = importText('note,value,failure\n"a, b",1,0\n"two\nlines",2,1\n"plain",3,0\n');
    expect(a.parsed.rowsSeen).toBe(3);
    const note = a.parsed.table.columns[0];
    expect(note.kind === 'categorical' && note.dictionary).toEqual(['a, b', 'two\nlines', 'plain']);
  });
  it('a single-column file', () => {
    const a = importText('reading\n1\n2\n3\n');
    expect(a.parsed.rowsSeen).toBe(3);
    expect(a.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['no-label']);
  });
});

describe('import: accepted with warnings', () => {
  it('decimal commas are converted', () => {
    const a = importText('temp;vib;failure\n298,1;1,5;0\n299,25;1,75;1\n');
    expect(codes(a)).toContain('warning:decimal-comma');
    expect(Array.from(numericColumn(a.prepared!.table, 'temp'))).toEqual([298.1, 299.25]);
  });
  it('padded and case-varied headers are trimmed and still recognised', () => {
    const a = importText('  AIR TEMPERATURE [K] ,PROCESS_TEMPERATURE_K,Rotational Speed [rpm],torque,tool wear,Machine Failure\n300,310,1500,40,10,0\n301,311,1400,50,20,1\n');
    expect(codes(a)).toContain('warning:padded-headers');
    expect(a.kind).toBe('ai4i');
    expect(a.roles['Machine Failure']).toBe('label');
  });
  it("a trailing delimiter's empty column is dropped", () => {
    const a = importText('a,b,failure,\n1,2,0,\n3,4,1,\n');
    expect(codes(a)).toContain('warning:trailing-delimiter');
    expect(a.prepared!.table.columns.map((c) => c.name)).toEqual(['a', 'b', 'failure']);
  });
  it('ragged rows up to 1 % are dropped and listed', () => {
    const lines = fleet(300).split('\n');
    lines[100] = lines[100].split(',').slice(0, 3).join(',');
    const a = importText(lines.join('\n'));
    expect(issue(a, 'ragged-dropped')?.rows).toEqual([101]);
    expect(a.prepared!.table.rowCount).toBe(299);
  });
  it('empty, NA, NaN, Infinity and overflowing cells are missing, counted', () => {
    const a = importText('x,y,failure\n1,,0\n2,NA,1\n3,NaN,0\n4,Infinity,1\n5,1e999,0\n6,7,1\n');
    expect(issue(a, 'missing')?.count).toBe(3);
    expect(issue(a, 'non-finite')?.count).toBe(2);
    expect(issue(a, 'non-finite')?.rows).toEqual([5, 6]);
  });
  it('integers beyond 2^53', () => {
    expect(issue(importText('serial,v,failure\n9007199254740993,1,0\n9007199254740995,2,1\n'), 'unsafe-integers')?.count).toBe(2);
  });
  it('labels true/false/yes/no are mapped and shown', () => {
    const a = importText('v,failure\n1,yes\n2,no\n3,No\n4,YES\n');
    expect(issue(a, 'label-mapped')?.message).toMatch(/"yes" → 1, "no" → 0/);
    expect(Array.from(numericColumn(a.prepared!.table, 'failure'))).toEqual([1, 0, 0, 1]);
  });
  it('under 1 % positives', () => {
    expect(codes(importText(fleet(300, { label: (i) => (i === 7 ? '1' : '0') })))).toContain('warning:few-positives');
  });
  it('constant and all-empty columns are dropped', () => {
    const a = importText('a,const,empty,failure\n1,5,,0\n2,5,,1\n3,5,,0\n');
    expect(codes(a)).toEqual(expect.arrayContaining(['warning:constant-column', 'warning:empty-column']));
    expect(a.prepared!.table.columns.map((c) => c.name)).toEqual(['a', 'failure']);
  });
  it('unsorted and duplicate timestamps per asset are sorted and de-duplicated, in UTC', () => {
    const text = [
      'timestamp,machine_id,temp,failure',
      '2026-01-01T02:00:00+02:00,B,3,0', // = 00:00Z
      '2026-01-01T00:10:00Z,A,2,0',
      '2026-01-01T00:00:00Z,A,1,1',
      '2026-01-01T00:10:00Z,A,9,0', // duplicate of A 00:10: the last is kept
    ].join('\n');
    const a = importText(text);
    expect(codes(a)).toEqual(expect.arrayContaining(['warning:unsorted-timestamps', 'warning:duplicate-timestamps']));
    const t = a.prepared!.table;
    expect(Array.from(numericColumn(t, 'timestamp'))).toEqual([Date.UTC(2026, 0, 1, 0, 0), Date.UTC(2026, 0, 1, 0, 10), Date.UTC(2026, 0, 1, 0, 0)]);
    expect(Array.from(numericColumn(t, 'temp'))).toEqual([1, 9, 3]);
  });
  it('duplicate rows are listed (whole records), also in a kept sample', () => {
    const a = importText('a,b,failure\n1,2,0\n3,4,1\n1,2,0\n');
    expect(issue(a, 'duplicate-rows')?.rows).toEqual([4]);
    expect(issue(a, 'duplicate-rows')?.count).toBe(1);
    const lines = ['a,b,failure', ...Array.from({ length: 5000 }, (_, i) => `${i % 10},${i % 7},${i % 3 === 0 ? 1 : 0}`)];
    // 210 distinct records (lcm of 10, 7, 3), each repeated: every kept row beyond the first of its kind is a repeat.
    const sampled = importText(lines.join('\n'), { maxCells: 3 * 500 });
    expect(sampled.parsed.table.rowCount).toBe(500);
    const d = issue(sampled, 'duplicate-rows')!;
    expect(d.message).toMatch(/in the rows kept/);
    expect(d.count).toBeGreaterThanOrEqual(500 - 210);
    expect(d.count).toBeLessThan(500);
  });
  it('a Target + Failure Type pair becomes a binary label with modes', () => {
    const a = importText('Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Target,Failure Type\n300,310,1500,40,0,0,No Failure\n300,310,1300,60,200,1,Power Failure\n300,309,1300,40,0,1,Heat Dissipation Failure\n');
    expect(a.kind).toBe('ai4i');
    expect(a.roles).toMatchObject({ Target: 'label', 'Failure Type': 'failure-mode' });
    expect(a.prepared!.schema.modeTextColumn).toBe('Failure Type');
    const modes = a.prepared!.table.columns.find((c) => c.name === 'Failure Type');
    expect(modes?.kind === 'categorical' && modes.dictionary).toEqual(['Power Failure', 'Heat Dissipation Failure']);
    expect(a.issues.filter((i) => i.code.includes('mode'))).toEqual([]);
  });
  it('a failure-type text label becomes a binary label plus modes', () => {
    const a = importText('torque,status\n40,No Failure\n60,Power Failure\n45,No Failure\n70,Overstrain\n', { roles: { status: 'label' } });
    expect(issue(a, 'label-from-failure-type')?.message).toMatch(/"No Failure" → 0 \(no failure\), "Power Failure", "Overstrain" → 1/);
    expect(Array.from(numericColumn(a.prepared!.table, 'status'))).toEqual([0, 1, 0, 1]);
    expect(a.prepared!.schema.modeTextColumn).toBe('status (mode)');
  });
});

describe('import: the real AI4I 2020 file', () => {
  const file = readFileSync(join(__dirname, '../../../../shared/datasets/ai4i2020.csv'));
  const parsed = parseBytes(new Uint8Array(file), {}, 8191);

  it('imports with no errors, auto-mapped, modes recognised, disagreements counted', async () => {
    const { analyse, suggestRoles } = await import('./analyse');
    const s = suggestRoles(parsed);
    const a = analyse(parsed, s.roles, s.kind);
    expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(s.kind).toBe('ai4i');
    expect(s.roles['Machine failure']).toBe('label');
    expect(a.prepared!.schema.modeFlagColumns).toEqual(['TWF', 'HDF', 'PWF', 'OSF', 'RNF']);
    expect(a.issues.find((i) => i.code === 'mode-without-failure')?.count).toBe(18);
    expect(a.issues.find((i) => i.code === 'failure-without-mode')?.count).toBe(9);
    expect(a.prepared!.table.rowCount).toBe(10_000);
    const label = numericColumn(a.prepared!.table, 'Machine failure');
    expect(Array.from(label).reduce((x, y) => x + y, 0)).toBe(339);
  });
});

describe('identifier-like text columns', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `${i},${i % 7 === 0 ? '' : i % 11 === 0 ? `"SN-${i}, ü"` : `SN-${i}`},${(i * 37) % 100},${i % 50 === 0 ? 1 : 0}`);
  const csv = ['id,serial,temp,failure', ...rows].join('\n');
  const expected = (i: number) => (i % 7 === 0 ? null : i % 11 === 0 ? `SN-${i}, ü` : `SN-${i}`);

  it('are kept as text, cell for cell, and suggested as ignored', () => {
    const a = importText(csv);
    const serial = a.parsed.table.columns.find((c) => c.name === 'serial')!;
    expect(serial.kind).toBe('text');
    if (serial.kind !== 'text') return;
    for (let i = 0; i < 3000; i++) expect(textValue(serial, i)).toBe(expected(i));
    expect(a.roles.serial).toBe('ignore');
    expect(a.parsed.columns.find((c) => c.name === 'serial')!.missing.count).toBe(Math.ceil(3000 / 7));
  });

  it('are encoded when a role needs codes', () => {
    const a = importText(csv, { roles: { serial: 'categorical-feature', failure: 'label' } });
    const col = a.prepared!.table.columns.find((c) => c.name === 'serial')!;
    expect(col.kind).toBe('categorical');
    if (col.kind !== 'categorical') return;
    expect(col.dictionary).toHaveLength(3000 - Math.ceil(3000 / 7));
    expect(col.dictionary[col.codes[11]]).toBe('SN-11, ü');
  });

  it('stay matched to their rows when a sample is kept past the cell budget', () => {
    const big = ['id,serial,temp,failure', ...Array.from({ length: 20_000 }, (_, i) => `${i},SN-${i}-${'x'.repeat(i % 13)},${i % 100},${i % 50 === 0 ? 1 : 0}`)].join('\n');
    const parsed = parseBytes(new TextEncoder().encode(big), { maxCells: 4 * 2000 });
    expect(parsed.table.rowCount).toBe(2000);
    const id = parsed.table.columns[0], serial = parsed.table.columns[1];
    if (id.kind !== 'numeric' || serial.kind !== 'text') throw new Error('unexpected column kinds');
    for (let k = 0; k < 2000; k++) expect(textValue(serial, k)).toBe(`SN-${id.values[k]}-${'x'.repeat(id.values[k] % 13)}`);
  });
});

describe('numeric storage width', () => {
  const column = (csv: string, name: string) => {
    const c = parseBytes(new TextEncoder().encode(csv)).table.columns.find((x) => x.name === name)!;
    if (c.kind !== 'numeric') throw new Error(`${name} is not numeric`);
    return c.values;
  };
  const file = (values: string[]) => ['v,failure', ...values.map((v, i) => `${v},${i % 2}`)].join('\n');

  it('keeps flags in bytes and counts in 32-bit integers, exactly', () => {
    expect(column(file(Array.from({ length: 300 }, (_, i) => String(i % 2))), 'v')).toBeInstanceOf(Uint8Array);
    const counts = column(file(Array.from({ length: 300 }, (_, i) => String(i * 1000 - 5))), 'v');
    expect(counts).toBeInstanceOf(Int32Array);
    expect(counts[299]).toBe(298_995);
  });

  it('widens when a later value does not fit, keeping every earlier value', () => {
    const later = (tail: string) => file([...Array.from({ length: 6000 }, (_, i) => String(i % 200)), tail]);
    const big = column(later('70000'), 'v');
    expect(big).toBeInstanceOf(Int32Array);
    expect([big[199], big[5999], big[6000]]).toEqual([199, 199, 70000]);
    const fraction = column(later('0.5'), 'v');
    expect(fraction).toBeInstanceOf(Float64Array);
    expect([fraction[5999], fraction[6000]]).toEqual([199, 0.5]);
    const missing = column(later('NA'), 'v');
    expect(missing).toBeInstanceOf(Float64Array);
    expect(missing[6000]).toBeNaN();
    expect(column(later('-1'), 'v')).toBeInstanceOf(Int32Array);
  });
});
