import { describe, expect, it } from 'vitest';
import { parseTimestamp, slashOrder, timestampShape } from './timestamps';

describe('timestamps', () => {
  it('parses ISO with zone, offset and without zone, in UTC', () => {
    expect(parseTimestamp('2026-01-05T00:10:00Z', 'iso')).toBe(Date.UTC(2026, 0, 5, 0, 10));
    expect(parseTimestamp('2026-01-05T02:10:00+02:00', 'iso')).toBe(Date.UTC(2026, 0, 5, 0, 10));
    expect(parseTimestamp('2026-01-05 00:10:00.250', 'iso-local')).toBe(Date.UTC(2026, 0, 5, 0, 10, 0, 250));
    expect(parseTimestamp('2026-01-05', 'date')).toBe(Date.UTC(2026, 0, 5));
  });

  it('tells day-first from month-first and rejects impossible dates', () => {
    expect(slashOrder(['03/04/2026', '25/04/2026'])).toBe('dmy');
    expect(slashOrder(['04/25/2026'])).toBe('mdy');
    expect(parseTimestamp('25/04/2026 13:05', 'dmy')).toBe(Date.UTC(2026, 3, 25, 13, 5));
    expect(parseTimestamp('31/02/2026', 'dmy')).toBeNaN();
    expect(parseTimestamp('2026-13-01', 'date')).toBeNaN();
  });

  it('recognises shapes and refuses other formats in a column', () => {
    expect(timestampShape('2026-01-05T00:10:00Z')).toBe('iso');
    expect(timestampShape('2026-01-05 00:10')).toBe('iso-local');
    expect(timestampShape('5/1/2026')).toBe('slash');
    expect(timestampShape('hello')).toBeNull();
    expect(parseTimestamp('05/01/2026', 'iso')).toBeNaN();
  });
});
