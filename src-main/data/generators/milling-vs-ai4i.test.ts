/**
 * The milling simulator against the real AI4I 2020 file (read from ../shared/datasets, never
 * copied): a generated 10,000-row file must reproduce its sensor statistics and failure mix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../import/fixtures';
import { asFloat64, getColumn, numericColumn as storedColumn, type RawTable as Table } from '../table';
import { MILLING_ROWS, MILLING_SEED } from './bundled';
import { generateMillingCsv } from './milling-dataset';

const REAL = join(__dirname, '../../../../shared/datasets/ai4i2020.csv');

/** Doubles, whatever width the column is stored in. */
const numericColumn = (t: Table, name: string) => asFloat64(storedColumn(t, name));
const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
const sd = (a: Float64Array) => {
  const m = mean(a);
  return Math.sqrt(a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1));
};
const corr = (a: Float64Array, b: Float64Array) => {
  const ma = mean(a), mb = mean(b);
  let s = 0, sa = 0, sb = 0;
  for (let i = 0; i < a.length; i++) {
    s += (a[i] - ma) * (b[i] - mb);
    sa += (a[i] - ma) ** 2;
    sb += (b[i] - mb) ** 2;
  }
  return s / Math.sqrt(sa * sb);
};

const SENSORS = ['Air temperature [K]', 'Process temperature [K]', 'Rotational speed [rpm]', 'Torque [Nm]', 'Tool wear [min]'];
const MODES = ['TWF', 'HDF', 'PWF', 'OSF', 'RNF'];

function typeShare(t: Table, q: string): number {
  const c = getColumn(t, 'Type');
  if (c.kind !== 'categorical') throw new Error('Type must be categorical');
  const code = c.dictionary.indexOf(q);
  return c.codes.filter((x) => x === code).length / t.rowCount;
}

function modeShare(t: Table, mode: string): number {
  const flags = numericColumn(t, mode);
  const failures = numericColumn(t, 'Machine failure');
  const nFail = failures.reduce((s, x) => s + x, 0);
  return flags.reduce((s, x) => s + x, 0) / nFail;
}

describe('milling simulator vs the AI4I 2020 file', () => {
  const parse = (bytes: Uint8Array) => parseBytes(bytes, {}, 1 << 20).table;
  const real = parse(new Uint8Array(readFileSync(REAL)));
  const sim = parse(new TextEncoder().encode(generateMillingCsv(MILLING_ROWS, MILLING_SEED)));

  it('has the same schema and size', () => {
    expect(sim.columns.map((c) => c.name)).toEqual(real.columns.map((c) => c.name));
    expect(sim.rowCount).toBe(10_000);
  });

  it.each(SENSORS)('%s: mean within 1 %, sd within 10 %', (name) => {
    const r = numericColumn(real, name), s = numericColumn(sim, name);
    expect(Math.abs(mean(s) / mean(r) - 1)).toBeLessThan(0.01);
    expect(Math.abs(sd(s) / sd(r) - 1)).toBeLessThan(0.1);
  });

  it('speed–torque correlation within 0.05', () => {
    const rc = corr(numericColumn(real, 'Rotational speed [rpm]'), numericColumn(real, 'Torque [Nm]'));
    const sc = corr(numericColumn(sim, 'Rotational speed [rpm]'), numericColumn(sim, 'Torque [Nm]'));
    expect(rc).toBeCloseTo(-0.875, 3);
    expect(Math.abs(sc - rc)).toBeLessThan(0.05);
  });

  it.each(['L', 'M', 'H'])('type %s share within 2 points', (q) => {
    expect(Math.abs(typeShare(sim, q) - typeShare(real, q))).toBeLessThan(0.02);
  });

  it('failure rate 3.4 % ± 0.7 points', () => {
    const rate = mean(numericColumn(sim, 'Machine failure'));
    expect(Math.abs(rate - 0.034)).toBeLessThanOrEqual(0.007);
  });

  it.each(MODES)('%s share of failures within 5 points', (mode) => {
    expect(Math.abs(modeShare(sim, mode) - modeShare(real, mode))).toBeLessThan(0.05);
  });

  it('obeys the process rules on every row', () => {
    const air = numericColumn(sim, 'Air temperature [K]'), proc = numericColumn(sim, 'Process temperature [K]');
    const rpm = numericColumn(sim, 'Rotational speed [rpm]'), tq = numericColumn(sim, 'Torque [Nm]');
    const hdf = numericColumn(sim, 'HDF'), pwf = numericColumn(sim, 'PWF');
    for (let i = 0; i < sim.rowCount; i++) {
      expect(hdf[i]).toBe(proc[i] - air[i] < 8.6 && rpm[i] < 1380 ? 1 : 0);
      const p = (tq[i] * rpm[i] * 2 * Math.PI) / 60;
      expect(pwf[i]).toBe(p < 3500 || p > 9000 ? 1 : 0);
    }
  });
});
