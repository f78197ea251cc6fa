import { describe, expect, it } from 'vitest';
import type { FeaturePipeline } from './features';
import { parsePredictBody, predictShape, PredictRequestError } from './predict-request';

const milling: FeaturePipeline = {
  kind: 'milling-physics',
  numeric: ['Air temperature [K]', 'Process temperature [K]', 'Rotational speed [rpm]', 'Torque [Nm]', 'Tool wear [min]'],
  categorical: [{ column: 'Type', categories: ['L', 'M', 'H'] }],
};
const fleet: FeaturePipeline = {
  kind: 'fleet-timeseries', numeric: ['vibration_mm_s', 'temperature_c'], categorical: [],
  series: { longWindow: 36, shortWindow: 6, horizonHours: 24 },
};
const good = { 'Air temperature [K]': 298.1, 'Process temperature [K]': 308.6, 'Rotational speed [rpm]': 1551, 'Torque [Nm]': 42.8, 'Tool wear [min]': 0, Type: 'M' };

/** The error a body gets: its field and message. */
function refusal(p: FeaturePipeline, body: unknown): { field: string; message: string } {
  try {
    parsePredictBody(predictShape(p), body);
  } catch (e) {
    if (e instanceof PredictRequestError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('the body was accepted');
}

describe('predict request shape', () => {
  it("lists the model's raw inputs: numeric columns and categories", () => {
    const s = predictShape(milling);
    expect(s.kind).toBe('single');
    expect(s.inputs).toContainEqual({ name: 'Type', type: 'category', categories: ['L', 'M', 'H'] });
    expect(s.inputs.filter((i) => i.type === 'number').map((i) => i.name)).toEqual(milling.numeric);
  });

  it('asks a fleet-timeseries model for history, up to its longest window', () => {
    expect(predictShape(fleet)).toMatchObject({ kind: 'series', maxReadings: 36 });
    expect(() => predictShape({ ...fleet, numeric: ['time'] })).toThrow(/"time".*clashes/);
  });
});

describe('predict request validation', () => {
  it('accepts a complete body and defaults reasons to false', () => {
    expect(parsePredictBody(predictShape(milling), { inputs: good })).toEqual({ rows: [good], reasons: false });
    expect(parsePredictBody(predictShape(milling), { inputs: good, reasons: true }).reasons).toBe(true);
  });

  it('names a missing field', () => {
    const { Type: _, ...noType } = good;
    expect(refusal(milling, { inputs: noType })).toEqual({ field: 'inputs.Type', message: 'missing field "Type" in inputs' });
    expect(refusal(milling, {})).toMatchObject({ field: 'inputs', message: 'missing field "inputs"' });
  });

  it('names an extra field, at the top and among the inputs', () => {
    expect(refusal(milling, { inputs: { ...good, UDI: 7 } })).toMatchObject({ field: 'inputs.UDI', message: expect.stringMatching(/unknown field "UDI".*"Torque \[Nm\]"/) });
    expect(refusal(milling, { inputs: good, explain: true })).toMatchObject({ field: 'explain', message: expect.stringMatching(/unknown field "explain"/) });
    // An input named like an Object.prototype member is not "present" by inheritance.
    expect(refusal({ ...milling, numeric: ['constructor'] , categorical: [] }, { inputs: {} })).toMatchObject({ field: 'inputs.constructor' });
  });

  it('names a wrong-typed field and says what it must be', () => {
    expect(refusal(milling, { inputs: { ...good, 'Torque [Nm]': '42.8' } })).toEqual({ field: 'inputs.Torque [Nm]', message: 'field "Torque [Nm]" must be a finite number (got "42.8")' });
    expect(refusal(milling, { inputs: { ...good, 'Torque [Nm]': null } }).message).toMatch(/got null/);
    expect(refusal(milling, { inputs: { ...good, 'Torque [Nm]': JSON.parse('1e400') } }).message).toMatch(/finite number/);
    expect(refusal(milling, { inputs: { ...good, Type: 'X' } })).toEqual({ field: 'inputs.Type', message: 'field "Type" must be one of "L", "M", "H" (got "X")' });
    expect(refusal(milling, { inputs: { ...good, Type: 1 } }).field).toBe('inputs.Type');
    expect(refusal(milling, { inputs: good, reasons: 'yes' })).toMatchObject({ field: 'reasons' });
    expect(refusal(milling, { inputs: [good] })).toMatchObject({ field: 'inputs', message: expect.stringMatching(/must be an object.*an array/) });
    expect(refusal(milling, [good])).toMatchObject({ field: '(body)' });
  });

  it('tells a caller which body form the model needs', () => {
    expect(refusal(milling, { readings: [good] })).toMatchObject({ field: 'readings', message: expect.stringMatching(/one reading on its own/) });
    expect(refusal(fleet, { inputs: { vibration_mm_s: 1, temperature_c: 70 } })).toMatchObject({ field: 'inputs', message: expect.stringMatching(/recent history.*up to 36 readings/) });
  });

  it('checks a series: times as ms or ISO, in order, not more than the window', () => {
    const r = (time: unknown, v = 1) => ({ time, vibration_mm_s: v, temperature_c: 70 });
    const ok = parsePredictBody(predictShape(fleet), { readings: [r(1000), r('2026-01-05T00:10:00Z')] });
    expect(ok.rows.map((x) => x.time)).toEqual([1000, Date.parse('2026-01-05T00:10:00Z')]);
    expect(refusal(fleet, { readings: [] })).toMatchObject({ field: 'readings', message: expect.stringMatching(/at least one/) });
    expect(refusal(fleet, { readings: Array.from({ length: 37 }, (_, i) => r(i)) })).toMatchObject({ field: 'readings', message: expect.stringMatching(/37 readings.*36 at most/) });
    expect(refusal(fleet, { readings: [r(2000), r(1000)] })).toMatchObject({ field: 'readings[1].time', message: expect.stringMatching(/time order/) });
    expect(refusal(fleet, { readings: [{ vibration_mm_s: 1, temperature_c: 70 }] })).toMatchObject({ field: 'readings[0].time', message: expect.stringMatching(/missing field "time"/) });
    expect(refusal(fleet, { readings: [r('yesterday')] })).toMatchObject({ field: 'readings[0].time' });
    expect(refusal(fleet, { readings: [r(1, Number.NaN)] })).toMatchObject({ field: 'readings[0].vibration_mm_s' });
  });
});
