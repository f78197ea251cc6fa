import { describe, expect, it } from 'vitest';
import { formatCount, formatNumber, formatPercent } from './format';

describe('format', () => {
  it('formats counts, numbers and percentages for reading', () => {
    expect(formatCount(10000)).toBe('10,000');
    expect(formatNumber(300.0456)).toBe('300');
    expect(formatNumber(1.23456)).toBe('1.23');
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(NaN)).toBe('–');
    expect(formatPercent(0.0339)).toBe('3.4 %');
    expect(formatPercent(Infinity)).toBe('–');
  });
});
