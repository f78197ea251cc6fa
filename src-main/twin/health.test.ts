import { describe, expect, it } from 'vitest';
import { heldStatus, nextStatus, STATUS_OFF_DELAY_READINGS, type TwinStatus } from './health';

/** Runs readings' own statuses through the off-delay; returns the statuses shown. */
function shown(own: TwinStatus[], start: TwinStatus = 'NORMAL'): TwinStatus[] {
  let status = start, lowerFor = 0;
  return own.map((s) => {
    ({ status, lowerFor } = heldStatus(status, s, lowerFor));
    return status;
  });
}

describe('status', () => {
  it('rises at once, and drops only after the lower status held for the off-delay', () => {
    const n = STATUS_OFF_DELAY_READINGS;
    const own: TwinStatus[] = ['NORMAL', 'CRITICAL', ...Array<TwinStatus>(n).fill('NORMAL')];
    expect(shown(own)).toEqual(['NORMAL', 'CRITICAL', ...Array<TwinStatus>(n - 1).fill('CRITICAL'), 'NORMAL']);
  });

  it('does not flap when a stepwise risk jumps back and forth across the threshold', () => {
    // A forest's calibrated risk in steps: CRITICAL one reading, NORMAL the next few, and again.
    const own: TwinStatus[] = [];
    for (let k = 0; k < 10; k++) own.push('CRITICAL', 'NORMAL', 'NORMAL', 'NORMAL');
    const s = shown(own);
    expect(s.slice(1).every((x) => x === 'CRITICAL')).toBe(true);
    expect(s.filter((x, i) => i > 0 && x !== s[i - 1]).length).toBe(0);
  });

  it('keeps counting only while the status stays lower: a rise in between starts the delay over', () => {
    const n = STATUS_OFF_DELAY_READINGS;
    const own: TwinStatus[] = [...Array<TwinStatus>(n - 1).fill('NORMAL'), 'CRITICAL', ...Array<TwinStatus>(n - 1).fill('NORMAL')];
    expect(shown(own, 'CRITICAL').every((x) => x === 'CRITICAL')).toBe(true);
    // WARNING under CRITICAL counts as lower too, and then shows as WARNING.
    expect(shown(Array<TwinStatus>(n).fill('WARNING'), 'CRITICAL').at(-1)).toBe('WARNING');
  });

  it('enters a level at its threshold and leaves it below a lower clear level (hysteresis per reading)', () => {
    expect(nextStatus('NORMAL', 0.49, 0.5, 0)).toBe('WARNING');
    expect(nextStatus('NORMAL', 0.5, 0.5, 0)).toBe('CRITICAL');
    expect(nextStatus('CRITICAL', 0.41, 0.5, 0)).toBe('CRITICAL');
    expect(nextStatus('CRITICAL', 0.39, 0.5, 0)).toBe('WARNING');
    expect(nextStatus('NORMAL', 0.1, 0.5, 2)).toBe('CRITICAL');
  });
});
