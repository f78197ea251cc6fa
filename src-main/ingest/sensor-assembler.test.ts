import { describe, expect, it } from 'vitest';
import { SensorAssembler } from './sensor-assembler';

const v = (sensor: string, value: number, t: number | null = null, assetId = 'P-1') => ({ assetId, sensor, value, t });

describe('SensorAssembler', () => {
  it('closes a reading once every expected sensor is in, with all its tokens', () => {
    const a = new SensorAssembler<number>(1000, () => ['x', 'y', 'z']);
    expect(a.add(v('x', 1, 5000), 10, 1)).toEqual([]);
    expect(a.add(v('y', 2, 5000), 11, 2)).toEqual([]);
    expect(a.pending).toBe(2);
    expect(a.add(v('z', 3, 5000), 12, 3)).toEqual([{ assetId: 'P-1', t: 5000, values: { x: 1, y: 2, z: 3 }, tokens: [1, 2, 3] }]);
    expect(a.pending).toBe(0);
  });

  it('starts a new reading when a sensor repeats or the timestamp changes', () => {
    const a = new SensorAssembler<number>(1000, () => ['x', 'y', 'z']);
    a.add(v('x', 1), 10, 1);
    expect(a.add(v('x', 2), 20, 2)).toEqual([{ assetId: 'P-1', t: 10, values: { x: 1 }, tokens: [1] }]);
    expect(a.add(v('y', 3, 7000), 30, 3)).toEqual([]);
    // The open reading took the first timestamp it saw; a different one closes it.
    expect(a.add(v('z', 4, 8000), 40, 4)).toEqual([{ assetId: 'P-1', t: 7000, values: { x: 2, y: 3 }, tokens: [2, 3] }]);
  });

  it('keeps assets apart and lets a reading go after the hold time without its missing sensor', () => {
    const a = new SensorAssembler<string>(1000, (id) => (id === 'P-1' ? ['x', 'y'] : null));
    a.add(v('x', 1, null, 'P-1'), 100, 'a');
    a.add(v('x', 9, null, 'P-2'), 600, 'b');
    expect(a.flush(1099)).toEqual([]);
    expect(a.flush(1100)).toEqual([{ assetId: 'P-1', t: 100, values: { x: 1 }, tokens: ['a'] }]);
    expect(a.flush(1100, true)).toEqual([{ assetId: 'P-2', t: 600, values: { x: 9 }, tokens: ['b'] }]);
    expect(a.pending).toBe(0);
  });
});

describe('SensorAssembler late values', () => {
  it('makes a late sensor (after the hold time) a reading of its own at the same time', () => {
    const a = new SensorAssembler<number>(1000, () => ['x', 'y']);
    a.add(v('x', 1, 100), 0, 1);
    expect(a.flush(1000)).toEqual([{ assetId: 'P-1', t: 100, values: { x: 1 }, tokens: [1] }]);
    a.add(v('y', 2, 100), 1500, 2);
    expect(a.flush(2500)).toEqual([{ assetId: 'P-1', t: 100, values: { y: 2 }, tokens: [2] }]);
  });
});
