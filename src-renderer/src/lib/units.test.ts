import { describe, expect, it } from 'vitest';
import { specInUnits, temperatureShift } from './units';

const spec = { key: 'air', label: 'Air temperature', unit: 'K', min: 290, max: 310, warn: 304, alarm: 306, digits: 1 };

describe('temperature units', () => {
  it('converts absolute temperatures both ways and leaves other units alone', () => {
    expect(temperatureShift('K', 'C')).toEqual({ offset: -273.15, unit: '°C' });
    expect(temperatureShift('°C', 'K')).toEqual({ offset: 273.15, unit: 'K' });
    expect(temperatureShift('K', 'K')).toEqual({ offset: 0, unit: 'K' });
    expect(temperatureShift('mm/s', 'C')).toEqual({ offset: 0, unit: 'mm/s' });
  });

  it('shifts every level of a spec together', () => {
    const c = specInUnits(spec, 'C');
    expect(c.unit).toBe('°C');
    expect(c.min).toBeCloseTo(16.85, 10);
    expect(c.alarm - c.warn).toBeCloseTo(2, 10);
    expect(specInUnits(spec, 'K')).toEqual({ ...spec, offset: 0 });
  });
});
