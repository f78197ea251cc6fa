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

describe('range dictionary with packed and long values', () => {
  it('keeps short, long, non-Latin-1 and prefix-sharing values apart', () => {
    const values = ['', 'a', 'ab', 'abc', 'abcdefg', 'abcdefgh', 'abcdefg\u00e9', 'M14860', 'M14861', 'Ünïcødé', 'δ', 'Zürich-Nord-7', 'a\u0000', '\u0000a'];
    const d = new RangeDictionary(2);
    const text = values.join('|');
    const codes: number[] = [];
    for (let round = 0; round < 3; round++) {
      let start = 0;
      values.forEach((v, k) => {
        const c = d.code(text, start, start + v.length);
        if (round === 0) codes[k] = c;
        else expect(c).toBe(codes[k]);
        start += v.length + 1;
      });
    }
    expect(new Set(codes).size).toBe(values.length);
    expect(codes.map((c) => d.values[c])).toEqual(values);
  });
});
