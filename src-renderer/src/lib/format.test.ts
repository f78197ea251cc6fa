import { describe, expect, it } from 'vitest';
import { formatBytes, formatCostPerHour, formatCount, formatHours, formatNumber, formatPercent, formatSimTime } from './format';

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

  it('shows simulated time in UTC with a (sim) tag', () => {
    const start = Date.UTC(2026, 2, 2, 6);
    expect(formatSimTime(start + (8 * 60 + 20) * 60_000)).toBe('Mon 2 Mar 14:20 (sim)');
    expect(formatSimTime(start + 5_000, { seconds: true })).toBe('Mon 2 Mar 06:00:05 (sim)');
    expect(formatSimTime(start, { suffix: false })).toBe('Mon 2 Mar 06:00');
    expect(formatSimTime(start, { suffix: false, weekday: false })).toBe('2 Mar 06:00');
    expect(formatSimTime(NaN)).toBe('–');
  });

  it('formats remaining life in minutes, hours or days', () => {
    expect(formatHours(0.5)).toBe('30 min');
    expect(formatHours(3.43)).toBe('3.4 h');
    expect(formatHours(50.4)).toBe('2.1 d');
    expect(formatHours(-1)).toBe('–');
  });

  it('formats costs per hour', () => {
    expect(formatCostPerHour(1234.5)).toBe('1,234.50 /h');
    expect(formatCostPerHour(NaN)).toBe('–');
  });
  it('formats bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GB');
    expect(formatBytes(150 * 1024 ** 2)).toBe('150 MB');
  });
});
