/**
 * A reading's timestamp as plants send it — epoch seconds, epoch milliseconds, or ISO 8601 text —
 * turned into integer milliseconds, or refused with the reason it cannot be a plant time.
 */
import type { DropReason } from '../shared/contract/ingest';

export type TimestampUnit = 'auto' | 's' | 'ms';

/**
 * With `auto`, a number below this is seconds: 10^11 s is the year 5138, while 10^11 ms is
 * 1973 — no plant sends readings from 1973, so the two ranges cannot be confused.
 */
export const SECONDS_BELOW = 1e11;
/** Earlier than 2000-01-01 is not a plant reading (a counter, or seconds read as milliseconds). */
export const EARLIEST_MS = Date.UTC(2000, 0, 1);

export type TimestampResult = { ok: true; ms: number } | { ok: false; reason: DropReason; detail: string };

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const NUMERIC = /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * `field` names the field in the reason. `nowMs`: this computer's clock; a time more than
 * `maxFutureMs` ahead of it is refused as future-timestamp (a wrong clock or wrong unit upstream).
 */
export function normaliseTimestamp(raw: unknown, unit: TimestampUnit, nowMs: number, maxFutureMs: number, field = 'ts'): TimestampResult {
  let ms: number;
  if (typeof raw === 'number') ms = fromNumber(raw, unit);
  else if (typeof raw === 'string' && NUMERIC.test(raw.trim())) ms = fromNumber(Number(raw.trim()), unit);
  else if (typeof raw === 'string' && ISO.test(raw.trim())) ms = Date.parse(raw.trim());
  else if (typeof raw === 'string') return { ok: false, reason: 'bad-timestamp', detail: `${field}: "${raw.slice(0, 40)}" is neither epoch seconds/milliseconds nor ISO 8601` };
  else return { ok: false, reason: 'wrong-type', detail: `${field}: expected a number (epoch s or ms) or ISO 8601 text, got ${typeName(raw)}` };
  if (!Number.isFinite(ms)) return { ok: false, reason: 'bad-timestamp', detail: `${field}: ${String(raw).slice(0, 40)} is not a finite time` };
  ms = Math.round(ms);
  if (ms < EARLIEST_MS) return { ok: false, reason: 'bad-timestamp', detail: `${field}: ${String(raw).slice(0, 40)} is before 2000 (${unitHint(unit)})` };
  if (ms > nowMs + maxFutureMs) {
    return { ok: false, reason: 'future-timestamp', detail: `${field}: ${new Date(ms).toISOString()} is ${Math.round((ms - nowMs) / 1000)} s ahead of this computer's clock (allowed ${Math.round(maxFutureMs / 1000)} s)` };
  }
  return { ok: true, ms };
}

function fromNumber(n: number, unit: TimestampUnit): number {
  if (unit === 's') return n * 1000;
  if (unit === 'ms') return n;
  return Math.abs(n) < SECONDS_BELOW ? n * 1000 : n;
}

function unitHint(unit: TimestampUnit): string {
  return unit === 'auto' ? 'epoch seconds or milliseconds expected' : `read as ${unit === 's' ? 'seconds' : 'milliseconds'}`;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : typeof v;
}
