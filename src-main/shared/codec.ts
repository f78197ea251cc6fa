/**
 * The one message encoding of both transports (Electron IPC and the web host's WebSocket).
 * JSON cannot carry NaN, ±Infinity, -0, undefined-in-arrays or typed arrays; sensor data is full
 * of them, so they are written as tagged objects: {"$t": tag, ...}. A plain object that happens
 * to have a "$t" key is escaped, so any value round-trips.
 */
const TYPED = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray,
} as const;
type TypedName = keyof typeof TYPED;
type AnyTyped = InstanceType<(typeof TYPED)[TypedName]>;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_INDEX[B64.charCodeAt(i)] = i;

/** Native helpers where the runtime has them (Node's Buffer; the browser's btoa/atob): 50–100× the JS loop. */
interface NodeBufferLike {
  from(data: ArrayBufferLike | string, offsetOrEncoding?: number | string, length?: number): Uint8Array & { toString(encoding: string): string };
}
const NodeBuffer = (globalThis as { Buffer?: NodeBufferLike }).Buffer;
const nativeBtoa = (globalThis as { btoa?: (s: string) => string }).btoa;
const nativeAtob = (globalThis as { atob?: (s: string) => string }).atob;
const BASE64_SHAPE = /^[A-Za-z0-9+/]*={0,2}$/;

export function bytesToBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  if (nativeBtoa) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
    return nativeBtoa(binary);
  }
  return bytesToBase64Js(bytes);
}

/** The portable encoder, also the reference the native paths are tested against. */
export function bytesToBase64Js(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i], b = bytes[i + 1] ?? 0, c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    chunk += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

export function base64ToBytes(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new CodecError('base64 length is not a multiple of 4');
  if ((NodeBuffer || nativeAtob) && !BASE64_SHAPE.test(text)) throw new CodecError('invalid base64 text');
  if (NodeBuffer) {
    const b = NodeBuffer.from(text, 'base64');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  if (nativeAtob) {
    const binary = nativeAtob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }
  return base64ToBytesJs(text);
}

export function base64ToBytesJs(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new CodecError('base64 length is not a multiple of 4');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text.charCodeAt(i + j);
      const v = ch === 61 ? 0 : ch < 128 ? B64_INDEX[ch] : -1;
      if (v < 0) throw new CodecError(`invalid base64 character at ${i + j}`);
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export class CodecError extends Error {
  override name = 'CodecError';
}

function typedName(v: object): TypedName | null {
  for (const name of Object.keys(TYPED) as TypedName[]) if (v instanceof TYPED[name]) return name;
  return null;
}

function toWire(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return { $t: 'NaN' };
    if (v === Infinity) return { $t: 'Inf' };
    if (v === -Infinity) return { $t: '-Inf' };
    if (Object.is(v, -0)) return { $t: '-0' };
    return v;
  }
  if (v === undefined) return { $t: 'undef' };
  if (v === null || typeof v !== 'object') {
    if (typeof v === 'bigint' || typeof v === 'function' || typeof v === 'symbol') throw new CodecError(`cannot encode a ${typeof v}`);
    return v;
  }
  if (Array.isArray(v)) return v.map(toWire);
  if (ArrayBuffer.isView(v)) {
    const name = typedName(v);
    if (!name) throw new CodecError(`cannot encode ${v.constructor.name}`);
    const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return { $t: name, b64: bytesToBase64(bytes) };
  }
  if (v instanceof Date) return { $t: 'Date', v: v.toISOString() };
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toWire(x);
  return '$t' in out ? { $t: 'obj', v: out } : out;
}

function fromWire(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(fromWire);
  const o = v as Record<string, unknown>;
  if (typeof o.$t === 'string') {
    switch (o.$t) {
      case 'NaN': return NaN;
      case 'Inf': return Infinity;
      case '-Inf': return -Infinity;
      case '-0': return -0;
      case 'undef': return undefined;
      case 'Date': return new Date(String(o.v));
      case 'obj': {
        const inner: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(o.v as Record<string, unknown>)) inner[k] = fromWire(x);
        return inner;
      }
      default: {
        const ctor = TYPED[o.$t as TypedName];
        if (!ctor || typeof o.b64 !== 'string') throw new CodecError(`unknown tag "${o.$t}"`);
        const bytes = base64ToBytes(o.b64);
        if (bytes.byteLength % ctor.BYTES_PER_ELEMENT !== 0) throw new CodecError(`${o.$t} payload has ${bytes.byteLength} bytes`);
        // Copy into a fresh, aligned buffer of the right type.
        const copy = new ArrayBuffer(bytes.byteLength);
        new Uint8Array(copy).set(bytes);
        return new ctor(copy) as AnyTyped;
      }
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = fromWire(x);
  return out;
}

export function encodeMessage(value: unknown): string {
  return JSON.stringify(toWire(value));
}

export function decodeMessage(text: string): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new CodecError(`message is not valid JSON: ${(e as Error).message}`);
  }
  return fromWire(raw);
}
