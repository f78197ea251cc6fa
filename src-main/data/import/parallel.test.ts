import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/random';
import { ImportSession, type ImportOptions, type ParsedFile } from './session';
import { parseSegment, type SegmentParser } from './segments';
import { textValue } from '../table';
import { DISTINCT_CAP } from '../../shared/contract';
import { numericStats, statsOf } from '../column-stats';

/** Runs segments in-process, finishing them out of order, and counts the ones cut badly. */
function scrambledParser(seed: number): SegmentParser & { incomplete: number; parsed: number } {
  const r = createRng(seed);
  const p = {
    parallelism: 3,
    incomplete: 0,
    parsed: 0,
    async parse(spec: Parameters<SegmentParser['parse']>[0], bytes: Uint8Array) {
      await new Promise((resolve) => setTimeout(resolve, r.int(3)));
      const result = parseSegment(spec, bytes.slice());
      p.parsed++;
      if (!result.complete) p.incomplete++;
      // Handed back, as the helpers do: the reader reuses the buffer for later segments.
      return { ...result, bytes };
    },
  };
  return p;
}

function randomFile(seed: number): string {
  const r = createRng(seed);
  const newline = ['\n', '\r\n', '\n', '\n'][seed % 4];
  const rows = 2500 + r.int(2500);
  const lines = ['id,machine,when,temp,note,serial'];
  for (let i = 0; i < rows; i++) {
    const k = r.int(40);
    const note = k === 0 ? '"two\nlines"' : k === 1 ? '"a, b"' : k === 2 ? '' : `n${r.int(5)}`;
    const temp = k === 3 ? 'NA' : k === 4 ? 'oops' : (300 + r.normal()).toFixed(1);
    if (k === 5) lines.push('');
    // An identifier-like column (kept as text), sometimes missing, sometimes quoted or non-Latin.
    const serial = k === 8 ? '' : k === 9 ? `"S-${i}, rev ü"` : k === 10 ? `Σ${r.int(1e6)}` : `SN${r.int(1e7)}`;
    if (k === 6) lines.push(`${i},M${r.int(9)}`); // ragged
    else lines.push(`${i},M${r.int(30)},2026-01-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z,${temp},${note},${serial}`);
    if (k === 7) lines.push(`${i},M1,2026-01-01T00:00:00Z,1.5,x,SN1,`); // trailing delimiter
    if (k === 11) lines.push(lines[1 + r.int(lines.length - 1)]); // an exact repeat of an earlier row
  }
  return lines.join(newline) + (r.next() < 0.5 ? newline : '');
}

async function both(bytes: Uint8Array, opts: Partial<ImportOptions>, seed: number) {
  const chunk = (s: { push(b: Uint8Array): unknown }, f: (b: Uint8Array) => unknown) => {
    const r = createRng(seed);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; ) {
      const n = 1 + r.int(9000);
      parts.push(bytes.subarray(i, i + n));
      i += n;
    }
    return parts.map((p) => () => f.call(s, p));
  };
  const base = { fileName: 'f.csv', totalBytes: bytes.length, ...opts };
  const seq = new ImportSession(base);
  for (const step of chunk(seq, seq.push)) step();
  const expected = seq.finish();
  const parser = scrambledParser(seed);
  const par = new ImportSession({ ...base, parser, segmentBytes: 4096 });
  for (const step of chunk(par, par.pushAsync)) await step();
  return { expected, got: await par.finishAsync(), parser };
}

// Text columns are compared by their values: where characters sit in the arena may differ.
const comparable = (p: ParsedFile) => ({
  ...p,
  table: { rowCount: p.table.rowCount, columns: p.table.columns.map((c) => (c.kind === 'text' ? { name: c.name, values: Array.from(c.length, (_, i) => textValue(c, i)) } : { ...c })) },
});

/** Files without quotes (the plain-lines fast path): numbers of every shape, ragged and blank lines. */
function plainFile(seed: number): string {
  const r = createRng(seed);
  const newline = seed % 3 === 0 ? '\r\n' : '\n';
  const semicolon = seed % 4 === 1;
  const d = semicolon ? ';' : ',';
  const shapes = ['12', '-3.25', '+7', '0.05', '007', '1.', '.5', '1e3', ' 4 ', 'NA', '', '-', '12345678901234567', '3.14159265358979', 'x1', '-0', 'Infinity', '9007199254740993', '0000000000000000042', '-.75'];
  const lines = [['n', 'flag', 'value', 'kind', 'serial'].join(d)];
  for (let i = 0; i < 9000 + r.int(3000); i++) {
    const k = r.int(60);
    // Codes 20-23 are the odd rows below.
    const value = k < shapes.length ? shapes[k] : (r.normal() * 100).toFixed(r.int(4));
    const v = semicolon ? value.replace('.', ',') : value;
    if (k === 20) lines.push('');
    else if (k === 21) lines.push([i, 1].join(d)); // ragged
    else if (k === 22) lines.push([i, 0, v, 'a', `S${i}`, ''].join(d)); // trailing delimiter
    else if (k === 23) lines.push([i, 0, v, 'a', `S${i}`, 'extra'].join(d)); // one field too many
    else lines.push([i, k % 2, v, `k${k % 4}`, `S${r.int(1e6)}`].join(d));
  }
  return lines.join(newline) + newline;
}

/**
 * The statistics merged from the segments (and the rows read in order) equal a direct measurement
 * of each numeric column; the sum up to rounding, as it is added in another order.
 */
function expectSegmentStats(p: ParsedFile): void {
  let numeric = 0;
  for (const c of p.table.columns) {
    if (c.kind !== 'numeric') continue;
    numeric++;
    const merged = statsOf(c.values, DISTINCT_CAP), direct = numericStats(c.values, DISTINCT_CAP);
    expect(merged).not.toBe(direct);
    expect({ ...merged, sum: 0, distinct: [...merged.distinct!].sort() }).toEqual({ ...direct, sum: 0, distinct: [...direct.distinct!].sort() });
    expect(Math.abs(merged.sum - direct.sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(direct.sum)));
  }
  expect(numeric).toBeGreaterThan(0);
}

describe('parallel import', () => {
  it('keeps fast-read numbers after a trailing-delimiter row grew the storage', () => {
    const spec = {
      delimiter: ',', decimalComma: false, maxRecordChars: 1000, bytesPerRow: 4000,
      columns: ['a', 'b'].map((name) => ({ name, type: 'numeric' as const, timestampFormat: null, text: false, width: 2 as const })),
    };
    // Sized for two rows: the second (accepted with its extra empty field) grows the storage.
    const r = parseSegment(spec, new TextEncoder().encode('1,2\n3,4,\n5,6\n7,8\n'));
    expect(r.rows).toBe(4);
    expect(Array.from(r.columns[0].values!)).toEqual([1, 3, 5, 7]);
    expect(Array.from(r.columns[1].values!)).toEqual([2, 4, 6, 8]);
  });

  it("counts the row read at the budget's edge once in the merged statistics", async () => {
    // Past the 64 KB head, the rest arrives in one piece and becomes one segment ending at the
    // file's last line: its last row is the budget's last, read apart from the segment's bulk.
    const n = 12_000;
    const lines = ['a,b', ...Array.from({ length: n }, (_, i) => `${i},${i % 7}.25`)];
    const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
    const parser = scrambledParser(5);
    const session = new ImportSession({ fileName: 'f.csv', totalBytes: bytes.length, maxCells: 2 * n, parser, segmentBytes: 4096 });
    await session.pushAsync(bytes);
    const got = await session.finishAsync();
    expect(parser.parsed).toBeGreaterThan(0);
    expect(got.sampled).toBe(false);
    const a = got.table.columns[0];
    if (a.kind !== 'numeric') throw new Error('column a is numeric');
    expect(statsOf(a.values, DISTINCT_CAP).sum).toBe(((n - 1) * n) / 2);
  });

  it('gives exactly what a sequential read gives, cut in many places and merged out of order', async () => {
    let cutInsideQuotes = 0, segments = 0;
    for (let seed = 1; seed <= 24; seed++) {
      const bytes = new TextEncoder().encode(randomFile(seed));
      const { expected, got, parser } = await both(bytes, {}, seed);
      expect(comparable(got)).toEqual(comparable(expected));
      expect(got.duplicates.count).toBeGreaterThan(0);
      expectSegmentStats(got);
      cutInsideQuotes += parser.incomplete;
      segments += parser.parsed;
    }
    // The comparison covered both paths: segments merged, and segments re-read after a bad cut.
    expect(segments).toBeGreaterThan(200);
    expect(cutInsideQuotes).toBeGreaterThan(0);
  });

  it('reads plain segments (no quotes) in one pass with the same result', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const bytes = new TextEncoder().encode(plainFile(seed));
      const { expected, got, parser } = await both(bytes, {}, seed);
      expect(comparable(got)).toEqual(comparable(expected));
      expectSegmentStats(got);
      expect(parser.parsed).toBeGreaterThan(10);
      expect(parser.incomplete).toBe(0);
    }
  });

  it('samples the same rows past the cell budget', async () => {
    const bytes = new TextEncoder().encode(randomFile(99));
    const { expected, got } = await both(bytes, { maxCells: 6 * 1500 }, 99);
    expect(got.table.columns.find((c) => c.name === 'serial')?.kind).toBe('text');
    expect(got.table.rowCount).toBe(1500);
    expect(got.sampled).toBe(true);
    expect(comparable(got)).toEqual(comparable(expected));
  });

  it('names the row and byte of undecodable bytes far into the file, as a sequential read does', async () => {
    const text = randomFile(5).replace(/\n/g, '\n').split('\n');
    const cut = Math.floor(text.length * 0.8);
    const head = new TextEncoder().encode(text.slice(0, cut).join('\n') + '\n');
    const tail = new TextEncoder().encode(text.slice(cut).join('\n'));
    const bytes = new Uint8Array(head.length + 2 + tail.length);
    bytes.set(head);
    bytes.set([0xc3, 0x28], head.length); // an invalid UTF-8 sequence
    bytes.set(tail, head.length + 2);
    const seq = new ImportSession({ fileName: 'f.csv' });
    const parallel = new ImportSession({ fileName: 'f.csv', parser: scrambledParser(1), segmentBytes: 4096 });
    const seqError = (() => {
      try {
        seq.push(bytes);
        seq.finish();
      } catch (e) {
        return (e as Error).message;
      }
    })();
    const parError = await parallel.pushAsync(bytes).then(() => parallel.finishAsync()).then(() => 'read', (e: Error) => e.message);
    // Both name the row (record) of the bad bytes (header = row 1) and their byte. A line ending in
    // an open quote continues its record on the next line.
    const records = text.slice(0, cut).filter((line) => !line.endsWith('"two')).length;
    expect(records).toBeLessThan(cut);
    expect(seqError).toBe(`the file is not valid UTF-8 at row ${records + 1} (byte ${(head.length + 1).toLocaleString('en-US')}): choose its encoding (e.g. Windows-1252 / Latin-1 or UTF-16) and import again`);
    expect(parError).toBe(seqError);
  });
});

describe('segment parser', () => {
  it('grows its storage when lines are shorter than the head suggested', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `${i},${i % 3 === 0 ? '' : (i / 7).toFixed(2)}`).join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const spec = (bytesPerRow: number) => ({
      delimiter: ',', decimalComma: false, maxRecordChars: 1000, bytesPerRow,
      columns: [
        { name: 'a', type: 'numeric' as const, timestampFormat: null, text: false, width: 1 as const },
        { name: 'b', type: 'numeric' as const, timestampFormat: null, text: false, width: 2 as const },
      ],
    });
    const sized = parseSegment(spec(8), bytes), undersized = parseSegment(spec(4000), bytes);
    expect(undersized.rows).toBe(5000);
    expect(Array.from(undersized.columns[1].values!)).toEqual(Array.from(sized.columns[1].values!));
    expect(Array.from(undersized.recordRows)).toEqual(Array.from(sized.recordRows));
    expect(undersized.columns[1].values![4999]).toBe(Number((4999 / 7).toFixed(2)));
    expect(undersized.columns[1].missing.count).toBe(1667);
  });
});
