/**
 * Timestamp cells → milliseconds since the epoch, UTC. A column must keep one format: mixing
 * ISO dates with day/month dates is refused, because "03/04" would silently mean two things.
 */
export type TimestampFormat = 'iso' | 'iso-local' | 'date' | 'dmy' | 'mdy';

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const SLASH = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** The format family of one cell, or null when it is not a timestamp. Slash dates are 'dmy' until proven otherwise. */
export function timestampShape(s: string): 'iso' | 'iso-local' | 'date' | 'slash' | null {
  const t = s.trim();
  const m = ISO.exec(t);
  if (m) return m[8] ? 'iso' : 'iso-local';
  if (DATE.test(t)) return 'date';
  if (SLASH.test(t)) return 'slash';
  return null;
}

/** Decides day-first or month-first from a sample of slash dates (a first field above 12 settles it). */
export function slashOrder(samples: string[]): 'dmy' | 'mdy' {
  for (const s of samples) {
    const m = SLASH.exec(s.trim());
    if (m && Number(m[1]) > 12) return 'dmy';
    if (m && Number(m[2]) > 12) return 'mdy';
  }
  return 'dmy';
}

function utc(y: number, mo: number, d: number, h = 0, mi = 0, se = 0, ms = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, se, ms);
  // Reject 31 February and friends: the date must round-trip.
  return new Date(t).getUTCDate() === d ? t : NaN;
}

/** Parses a cell in the column's format; NaN when the cell is not in that format. */
export function parseTimestamp(s: string, format: TimestampFormat): number {
  const t = s.trim();
  if (format === 'iso' || format === 'iso-local') {
    const m = ISO.exec(t);
    if (!m || (format === 'iso') !== !!m[8]) return NaN;
    const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
    let v = utc(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0, ms);
    if (m[8] && m[8] !== 'Z') {
      const sign = m[8][0] === '-' ? -1 : 1;
      const hh = Number(m[8].slice(1, 3)), mm = Number(m[8].slice(-2));
      v -= sign * (hh * 60 + mm) * 60_000;
    }
    return v;
  }
  if (format === 'date') {
    const m = DATE.exec(t);
    return m ? utc(+m[1], +m[2], +m[3]) : NaN;
  }
  const m = SLASH.exec(t);
  if (!m) return NaN;
  const [a, b] = format === 'dmy' ? [+m[1], +m[2]] : [+m[2], +m[1]];
  return utc(+m[3], b, a, m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
}
