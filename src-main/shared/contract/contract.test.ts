import { describe, expect, it } from 'vitest';
import { eventNames, isRequestChannel, requestChannels } from './index';

describe('contract', () => {
  it('names every channel domain:verb and none twice', () => {
    const all = [...requestChannels, ...eventNames];
    for (const c of all) expect(c).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    expect(new Set(all).size).toBe(all.length);
  });

  it('recognises only its own channels', () => {
    expect(isRequestChannel('app:info')).toBe(true);
    expect(isRequestChannel('toString')).toBe(false);
    expect(isRequestChannel('__proto__')).toBe(false);
    expect(isRequestChannel(42)).toBe(false);
  });
});
