import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToBytesJs, bytesToBase64, bytesToBase64Js, CodecError, decodeMessage, encodeMessage } from './codec';

describe('message codec', () => {
  it('keeps NaN, ±Infinity, -0 and undefined array slots', () => {
    const v = { a: NaN, b: Infinity, c: -Infinity, d: -0, e: [1, undefined, NaN], f: 'x', g: null };
    const back = decodeMessage(encodeMessage(v)) as typeof v;
    expect(back.a).toBeNaN();
    expect(back.b).toBe(Infinity);
    expect(back.c).toBe(-Infinity);
    expect(Object.is(back.d, -0)).toBe(true);
    expect(back.e).toEqual([1, undefined, NaN]);
    expect(back.f).toBe('x');
    expect(back.g).toBeNull();
  });

  it('keeps typed arrays bit for bit, including NaN payloads and views into larger buffers', () => {
    const f = new Float64Array([1.5, NaN, -Infinity, 1e-310, -0]);
    const big = new Int32Array([9, 8, 7, 6, 5]);
    const view = big.subarray(1, 4);
    const u8 = new Uint8Array([0, 255, 128]);
    const back = decodeMessage(encodeMessage({ f, view, u8, f32: new Float32Array([3.25]) })) as Record<string, unknown>;
    expect(back.f).toBeInstanceOf(Float64Array);
    expect(Array.from(back.f as Float64Array)).toEqual(Array.from(f));
    expect(Object.is((back.f as Float64Array)[4], -0)).toBe(true);
    expect(back.view).toBeInstanceOf(Int32Array);
    expect(Array.from(back.view as Int32Array)).toEqual([8, 7, 6]);
    expect(Array.from(back.u8 as Uint8Array)).toEqual([0, 255, 128]);
    expect((back.f32 as Float32Array)[0]).toBe(3.25);
  });

  it('escapes plain objects that use the tag key and keeps dates', () => {
    const v = { $t: 'NaN', when: new Date('2026-01-05T00:00:00Z') };
    const back = decodeMessage(encodeMessage({ inner: v })) as { inner: typeof v };
    expect(back.inner.$t).toBe('NaN');
    expect(back.inner.when).toEqual(new Date('2026-01-05T00:00:00Z'));
  });

  it('base64 round-trips every length', () => {
    for (let n = 0; n < 20; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(Array.from(base64ToBytes(bytesToBase64(bytes)))).toEqual(Array.from(bytes));
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(bytesToBase64Js(bytes)).toBe(bytesToBase64(bytes));
      expect(Array.from(base64ToBytesJs(bytesToBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });

  it('refuses malformed input with a named error', () => {
    expect(() => decodeMessage('{nope')).toThrow(CodecError);
    expect(() => decodeMessage('{"$t":"Float64Array","b64":"AAA"}')).toThrow(/multiple of 4/);
    expect(() => decodeMessage('{"$t":"Weird"}')).toThrow(/unknown tag/);
    expect(() => decodeMessage('{"$t":"Uint8Array","b64":"AA!A"}')).toThrow(/invalid base64/);
    expect(() => encodeMessage({ f: () => 1 })).toThrow(CodecError);
  });
});
