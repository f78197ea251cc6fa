import { describe, expect, it } from 'vitest';
import { RangeDictionary, unitsText } from './dictionary';

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

  it('finds the same entries from code units as from text: bytes, UTF-16 units, short and long values', () => {
    const d = new RangeDictionary(4);
    const values = ['M', 'L14860', 'Ωmega', 'Zürich-7', 'a-rather-long-identifier-42', 'ü', ''];
    const utf16 = (s: string) => Uint16Array.from(s, (c) => c.charCodeAt(0));
    const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
    // Added from text, found from units (bytes where the value is ASCII) and the other way round.
    const fromText = values.map((v) => d.code(`<${v}>`, 1, v.length + 1));
    values.forEach((v, k) => {
      const units = [...v].every((c) => c.charCodeAt(0) < 128) ? ascii(`..${v}`) : utf16(`..${v}`);
      expect(d.codeOfUnits(units, 2, v.length + 2)).toBe(fromText[k]);
    });
    const added = ['new-ascii-value-longer-than-seven', 'Ä'].map((v) => d.codeOfUnits(utf16(v), 0, v.length));
    expect(added.map((c) => d.values[c])).toEqual(['new-ascii-value-longer-than-seven', 'Ä']);
    expect(d.code('new-ascii-value-longer-than-seven', 0, 33)).toBe(added[0]);
    expect(d.values.length).toBe(values.length + 2);
  });

  it('turns code units into text in pieces (values longer than an argument list)', () => {
    const long = 'x'.repeat(70_000) + 'ü';
    expect(unitsText(Uint16Array.from(long, (c) => c.charCodeAt(0)), 0, long.length)).toBe(long);
    expect(unitsText(Uint8Array.from('abc', (c) => c.charCodeAt(0)), 1, 3)).toBe('bc');
  });
});
