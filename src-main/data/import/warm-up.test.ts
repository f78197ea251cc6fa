import { describe, expect, it } from 'vitest';
import { ImportSession } from './session';
import { parseSegment } from './segments';
import { WARM_UP_SPEC, warmUp, warmUpBytes } from './warm-up';

describe('parse helper warm-up', () => {
  it('reads every line of its segment through the plain reader', () => {
    expect(warmUp(2, 500)).toBe(500);
  });

  it('takes the reader’s paths: missing cells, a number the builder reads, text and categories', () => {
    const r = parseSegment(WARM_UP_SPEC, warmUpBytes(400));
    expect(r.complete).toBe(true);
    const [id, serial, grade, temperature, , offset] = r.columns;
    expect(id.values?.[399]).toBe(399);
    // Every 37th temperature is empty: missing, counted, not a fast-read number.
    expect(temperature.missing.count).toBe(Math.ceil(400 / 37));
    expect(Number.isNaN(temperature.values![0])).toBe(true);
    expect(temperature.values![1]).toBeCloseTo(295.1, 10);
    // "1e-3" is no plain number: the builder reads it.
    expect(offset.values![0]).toBe(0.001);
    expect(serial.textChars).not.toBeNull();
    expect(grade.codes).not.toBeNull();
    expect(grade.dictionaryEnds.length).toBe(3);
  });

  it('gives what a sequential import of the same lines gives', () => {
    const head = new TextEncoder().encode(WARM_UP_SPEC.columns.map((c) => c.name).join(',') + '\n');
    const body = warmUpBytes(3000);
    const s = new ImportSession({ fileName: 'warm.csv' });
    s.push(head);
    s.push(body);
    const seq = s.finish();
    const seg = parseSegment(WARM_UP_SPEC, body);
    expect(seg.rows).toBe(seq.table.rowCount);
    const temperature = seq.table.columns.find((c) => c.name === 'temperature')!;
    expect(temperature.kind).toBe('numeric');
    if (temperature.kind === 'numeric') expect(Array.from(seg.columns[3].values!)).toEqual(Array.from(temperature.values));
  });
});
