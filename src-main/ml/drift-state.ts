/**
 * A drift monitor's window as it is stored with the fleet's state, so that a restart does not
 * start the 48 h distribution test from empty. Compact: each reading is one byte (its bin code)
 * per distribution and its time; the recent window keeps its values (the shift test needs the
 * mean) and the running sums exactly as they were, so the restored monitor's numbers are the
 * same to the last bit. Arrays travel as base64 (JSON of 50,000 × 60 numbers would be megabytes).
 */
import type { ModelVerdict } from './drift-monitor';

export interface DriftMonitorState {
  runId: string;
  version: string;
  /** Times (ms) of the window's readings, oldest first: base64 of float64s. */
  times: string;
  /** Per distribution (the features in order, then the prediction): the readings' bin codes, base64 of bytes. */
  codes: string[];
  /** Readings in the recent window (the newest of `times`). */
  recentCount: number;
  /** Per distribution: the recent readings' values (base64 of float64s) and their running sum. */
  recent: string[];
  recentSums: number[];
  firstMs: number | null;
  nextEvalMs: number | null;
  evaluatedAt: number | null;
  streak: number;
  verdict: ModelVerdict;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: unknown, field: string): Uint8Array {
  if (typeof text !== 'string') throw new Error(`drift state: ${field} must be base64 text`);
  let s: string;
  try {
    s = atob(text);
  } catch {
    throw new Error(`drift state: ${field} is not base64`);
  }
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export const encodeBytes = (a: Uint8Array): string => toBase64(a);
export const encodeFloats = (a: Float64Array): string => toBase64(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

export function decodeBytes(text: unknown, field: string, length: number): Uint8Array {
  const b = fromBase64(text, field);
  if (b.length !== length) throw new Error(`drift state: ${field} holds ${b.length} values, ${length} expected`);
  return b;
}

/** Float64s of a base64 text (`length` of them when given). */
export function decodeFloats(text: unknown, field: string, length?: number): Float64Array {
  const b = fromBase64(text, field);
  if (b.length % 8 !== 0 || (length !== undefined && b.length !== length * 8)) throw new Error(`drift state: ${field} holds ${b.length / 8} values, ${length ?? 'whole float64s'} expected`);
  return new Float64Array(b.buffer, b.byteOffset, b.length / 8);
}

const nullableNumber = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

/** The stored state's shape checked field by field (a state from another version of the app must not half-restore). */
export function checkState(s: DriftMonitorState, distributions: number): void {
  const fail = (field: string, what: string) => {
    throw new Error(`drift state of ${String(s.runId)}: ${field} ${what}`);
  };
  if (!Array.isArray(s.codes) || s.codes.length !== distributions) fail('codes', `must hold ${distributions} distributions`);
  if (!Array.isArray(s.recent) || s.recent.length !== distributions) fail('recent', `must hold ${distributions} distributions`);
  if (!Array.isArray(s.recentSums) || s.recentSums.length !== distributions || !s.recentSums.every(Number.isFinite)) fail('recentSums', `must be ${distributions} numbers`);
  if (!Number.isInteger(s.recentCount) || s.recentCount < 0) fail('recentCount', 'must be a whole number');
  if (!Number.isInteger(s.streak) || s.streak < 0) fail('streak', 'must be a whole number');
  if (!['warming-up', 'ok', 'drift'].includes(s.verdict)) fail('verdict', 'must be warming-up, ok or drift');
  for (const k of ['firstMs', 'nextEvalMs', 'evaluatedAt'] as const) if (!nullableNumber(s[k])) fail(k, 'must be a time or null');
}
