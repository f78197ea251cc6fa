import { describe, expect, it } from 'vitest';
import { createRng } from '../../common/random';
import { CellKind, isMissingRange, isMissingText, readNumericCell, type CellReader } from './cells';

const read = (s: string, comma = false): CellReader => {
  const out: CellReader = { kind: CellKind.Text, value: 0 };
  readNumericCell(`x${s}y`, 1, 1 + s.length, comma, out);
  return { ...out };
};

describe('numeric cells', () => {
  it('gives exactly what Number() gives for 20,000 random decimals', () => {
    const r = createRng(3);
    for (let i = 0; i < 20_000; i++) {
      const v = (r.normal() * 10 ** r.int(8)).toFixed(r.int(7));
      expect(read(v).value).toBe(Number(v));
    }
    for (const s of ['0', '-0.5', '+3', '007', '1e3', '2.5E-4', '.5', '5.', '12345678901234.5678', '0.1000000000000000055511151231257827']) {
      expect(read(s)).toEqual({ kind: CellKind.Number, value: Number(s) });
    }
  });

  it('reads decimal commas when asked', () => {
    expect(read('298,1', true)).toEqual({ kind: CellKind.Number, value: 298.1 });
    expect(read('-0,25', true).value).toBe(-0.25);
    expect(read('298,1', false).kind).toBe(CellKind.Text);
  });

  it('classifies missing, non-finite, unsafe integers and text', () => {
    for (const s of ['', '  ', 'NA', 'n/a', 'NaN', 'null', 'None', '-', '?']) expect(read(s).kind).toBe(CellKind.Missing);
    for (const s of ['inf', '-Infinity', '1e400']) expect(read(s).kind).toBe(CellKind.NonFinite);
    expect(read('9007199254740993').kind).toBe(CellKind.UnsafeInteger);
    for (const s of ['abc', '12abc', '1.2.3', '0x1F', '1 000']) expect(read(s).kind).toBe(CellKind.Text);
    expect(read(' 42 ')).toEqual({ kind: CellKind.Number, value: 42 });
  });

  it('tells missing text cells in place exactly as the token set does', () => {
    const cells = ['', ' ', 'NA', ' na ', 'N/A', 'nan', 'NULL', 'none', '-', '?', '#N/A', 'Missing', '.', 'M', 'L', 'n', 'nab', 'nul', 'missing!', '--', 'MISSINGX', 'H68222', 'Mißing', 'naN\t'];
    for (const c of cells) expect([c, isMissingRange(`a,${c},b`, 2, 2 + c.length)]).toEqual([c, isMissingText(c)]);
    expect(isMissingText('M')).toBe(false);
    expect(isMissingText(' #n/a ')).toBe(true);
  });
});
