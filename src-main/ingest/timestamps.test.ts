import { describe, expect, it } from 'vitest';
import { normaliseTimestamp, SECONDS_BELOW } from './timestamps';

const NOW = Date.UTC(2026, 10, 26, 12);
const SKEW = 300_000;

describe('normaliseTimestamp', () => {
  it('reads epoch seconds and milliseconds apart in auto mode', () => {
    expect(normaliseTimestamp(1_764_158_400, 'auto', NOW, SKEW)).toEqual({ ok: true, ms: 1_764_158_400_000 });
    expect(normaliseTimestamp(1_764_158_400_123, 'auto', NOW, SKEW)).toEqual({ ok: true, ms: 1_764_158_400_123 });
    // Fractional seconds keep their milliseconds.
    expect(normaliseTimestamp(1_764_158_400.25, 'auto', NOW, SKEW)).toEqual({ ok: true, ms: 1_764_158_400_250 });
    expect(normaliseTimestamp('1764158400', 'auto', NOW, SKEW)).toEqual({ ok: true, ms: 1_764_158_400_000 });
    expect(SECONDS_BELOW * 1000).toBeGreaterThan(Date.UTC(5000, 0, 1));
  });

  it('obeys a fixed unit: seconds read as milliseconds are before 2000', () => {
    expect(normaliseTimestamp(1_764_158_400, 's', NOW, SKEW)).toEqual({ ok: true, ms: 1_764_158_400_000 });
    const r = normaliseTimestamp(1_764_158_400, 'ms', NOW, SKEW);
    expect(r).toMatchObject({ ok: false, reason: 'bad-timestamp' });
    expect(!r.ok && r.detail).toMatch(/before 2000.*milliseconds/);
  });

  it('reads ISO 8601 text', () => {
    expect(normaliseTimestamp('2026-11-26T11:59:00Z', 'auto', NOW, SKEW)).toEqual({ ok: true, ms: Date.UTC(2026, 10, 26, 11, 59) });
    expect(normaliseTimestamp('2026-11-26T12:59:00+01:00', 'auto', NOW, SKEW)).toEqual({ ok: true, ms: Date.UTC(2026, 10, 26, 11, 59) });
  });

  it('refuses future times beyond the allowed skew, and accepts them within it', () => {
    expect(normaliseTimestamp(NOW + SKEW, 'ms', NOW, SKEW)).toEqual({ ok: true, ms: NOW + SKEW });
    const r = normaliseTimestamp((NOW + SKEW + 1000) / 1000, 'auto', NOW, SKEW);
    expect(r).toMatchObject({ ok: false, reason: 'future-timestamp' });
    expect(!r.ok && r.detail).toMatch(/^ts: .* 301 s ahead/);
  });

  it('names the field and the reason for every bad value', () => {
    expect(normaliseTimestamp('yesterday', 'auto', NOW, SKEW)).toMatchObject({ ok: false, reason: 'bad-timestamp' });
    expect(normaliseTimestamp(true, 'auto', NOW, SKEW)).toMatchObject({ ok: false, reason: 'wrong-type', detail: expect.stringMatching(/^ts: .*boolean/) });
    expect(normaliseTimestamp(null, 'auto', NOW, SKEW, 'time')).toMatchObject({ ok: false, reason: 'wrong-type', detail: expect.stringMatching(/^time: .*null/) });
    expect(normaliseTimestamp(Infinity, 'auto', NOW, SKEW)).toMatchObject({ ok: false, reason: 'bad-timestamp' });
    expect(normaliseTimestamp(-5, 'auto', NOW, SKEW)).toMatchObject({ ok: false, reason: 'bad-timestamp' });
    expect(normaliseTimestamp('2026-13-45T99:00:00Z', 'auto', NOW, SKEW)).toMatchObject({ ok: false, reason: 'bad-timestamp' });
  });
});
