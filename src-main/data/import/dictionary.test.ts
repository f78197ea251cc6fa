import { describe, expect, it } from 'vitest';
import { RangeDictionary } from './dictionary';

describe('range dictionary', () => {
  it('gives each distinct value one code, across rehashes, without confusing equal hashes', () => {
    const d = new RangeDictionary(4);
    const text = Array.from({ length: 5000 }, (_, i) => `id${i % 1234}`).join(',');
    const codes = new Map<string, number>();
    let start = 0;
    for (let i = 0; i <= text.length; i++) {
      if (i === text.length || text[i] === ',') {
        const v = text.slice(start, i);
        const c = d.code(text, start, i);
        if (codes.has(v)) expect(c).toBe(codes.get(v));
        else codes.set(v, c);
        start = i + 1;
      }
    }
    expect(d.values.length).toBe(1234);
    expect(d.values[codes.get('id77')!]).toBe('id77');
    expect(d.code('xx', 0, 0)).toBe(1234); // the empty string is a value too
  });
});
