/**
 * A parse helper's warm-up: a synthetic segment read a few times when the import view opens, so
 * the user's file meets compiled code. A cold helper read its first 1 MB segments 3-4× slower
 * than later ones while V8 was still interpreting and compiling (measured: 117, 91, 44 ms, then
 * ~28 ms), and a 1 M-row import spent about a quarter of its time there.
 *
 * The segment takes the plain reader's common paths over ASCII text: integers of each width,
 * decimals, negative numbers, an id-like text column, a category (with a missing token), empty
 * cells, a number the builder must read, and LF and CRLF line ends. Files with other text (non-
 * ASCII, decimal commas, quotes) still meet code compiled for these and specialise it further.
 */
import { Width } from './builders';
import { parseSegment, type SegmentSpec } from './segments';

const CATEGORIES = ['L', 'M', 'H'];

export const WARM_UP_SPEC: SegmentSpec = {
  delimiter: ',',
  decimalComma: false,
  bytesPerRow: 48,
  maxRecordChars: 1 << 20,
  columns: [
    { name: 'id', type: 'numeric', timestampFormat: null, text: false, width: Width.Float64 },
    { name: 'serial', type: 'categorical', timestampFormat: null, text: true, width: Width.Float64 },
    { name: 'grade', type: 'categorical', timestampFormat: null, text: false, width: Width.Float64 },
    { name: 'temperature', type: 'numeric', timestampFormat: null, text: false, width: Width.Float64 },
    { name: 'speed', type: 'numeric', timestampFormat: null, text: false, width: Width.Float64 },
    { name: 'offset', type: 'numeric', timestampFormat: null, text: false, width: Width.Float64 },
    { name: 'flag', type: 'numeric', timestampFormat: null, text: false, width: Width.Float64 },
  ],
};

/** `lines` rows in WARM_UP_SPEC's layout, each ending in a line feed. */
export function warmUpBytes(lines: number): Uint8Array {
  const out: string[] = [];
  for (let k = 0; k < lines; k++) {
    const temperature = k % 37 === 0 ? '' : (295 + (k % 97) / 10).toFixed(1);
    const offset = k % 101 === 0 ? '1e-3' : (((k * 7) % 200) - 100) / 4;
    const grade = k % 53 === 0 ? 'NA' : CATEGORIES[(k >> 2) % 3];
    out.push(`${k},${CATEGORIES[k % 3]}${10_000 + ((k * 7919) % 50_000)},${grade},${temperature},${1200 + (k % 900)},${offset},${k % 29 === 0 ? 1 : 0}${k % 7 === 0 ? '\r\n' : '\n'}`);
  }
  return new TextEncoder().encode(out.join(''));
}

/** Reads the synthetic segment `rounds` times; returns the rows of the last read (a check that it ran). */
export function warmUp(rounds = 12, lines = 2000): number {
  const bytes = warmUpBytes(lines);
  let rows = 0;
  for (let r = 0; r < rounds; r++) rows = parseSegment(WARM_UP_SPEC, bytes).rows;
  return rows;
}
