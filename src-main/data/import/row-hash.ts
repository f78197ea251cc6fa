/**
 * One 32-bit hash per row for the duplicate-row check, the same for equal rows however their cells
 * were stored: a number hashes by value (an integer alike in byte, 32-bit or double storage; −0 as
 * 0; every NaN as one NaN), a text or categorical cell by its characters. So the import's helpers
 * hash their segments' rows while they parse them, the session hashes only the rows it read
 * itself, and all of them meet in one set (duplicates.ts), where equal hashes are confirmed cell
 * by cell — the answer stays exact whatever the hash collides on.
 */
import type { NumericArray, RawColumn } from '../table';

const C1 = 0xcc9e2d51, C2 = 0x1b873593;
/** What a missing text or categorical cell hashes as (a missing number is NaN, hashed as such). */
const MISSING_TEXT = 0x2f1b6e3d;

/** murmur3's per-word step. */
export function mix(h: number, word: number): number {
  const k = Math.imul(word, C1);
  const x = h ^ Math.imul((k << 15) | (k >>> 17), C2);
  return (Math.imul((x << 13) | (x >>> 19), 5) + 0xe6546b64) | 0;
}

/** A text cell's hash from its characters (FNV-1a, seeded with the length). */
export function textHash(s: string, start: number, end: number): number {
  let x = (end - start) ^ 0x811c9dc5;
  for (let k = start; k < end; k++) x = Math.imul(x ^ s.charCodeAt(k), 0x01000193);
  return x;
}

function unitsHash(s: Uint16Array, start: number, end: number): number {
  let x = (end - start) ^ 0x811c9dc5;
  for (let k = start; k < end; k++) x = Math.imul(x ^ s[k], 0x01000193);
  return x;
}

// One loop per storage kind, so each reads a single array type (a shared loop makes every
// element load generic, several times slower).
function mixBytes(h: Int32Array, v: Uint8Array, from: number): void {
  for (let i = 0; i < h.length; i++) h[i] = mix(h[i], v[from + i]);
}

function mixInts(h: Int32Array, v: Int32Array, from: number): void {
  for (let i = 0; i < h.length; i++) h[i] = mix(h[i], v[from + i]);
}

/** An integral double as the integer (what byte or 32-bit storage would hold); others by their bits. */
function mixDoubles(h: Int32Array, v: Float64Array, from: number): void {
  const bits = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
  for (let i = 0; i < h.length; i++) {
    const x = v[from + i];
    if ((x | 0) === x) h[i] = mix(h[i], x | 0); // −0 | 0 is 0: −0 and 0 compare equal
    else if (x !== x) h[i] = mix(mix(h[i], 0), 0x7ff80000);
    else h[i] = mix(mix(h[i], bits[2 * (from + i)]), bits[2 * (from + i) + 1]);
  }
}

/** Folds cells `from … from + h.length` of a numeric column into the row hashes. */
export function mixNumbers(h: Int32Array, v: NumericArray, from = 0): void {
  if (v instanceof Float64Array) mixDoubles(h, v, from);
  else if (v instanceof Int32Array) mixInts(h, v, from);
  else mixBytes(h, v, from);
}

/** Categorical codes (−1 missing) with each dictionary entry's text hash. */
export function mixCodes(h: Int32Array, codes: Int32Array, entryHashes: Int32Array, from = 0): void {
  for (let i = 0; i < h.length; i++) {
    const c = codes[from + i];
    h[i] = mix(h[i], c < 0 ? MISSING_TEXT : entryHashes[c]);
  }
}

/** Text cells kept as characters, cell after cell, with each cell's length (−1 missing). */
export function mixTextUnits(h: Int32Array, chars: Uint16Array, lengths: Int32Array): void {
  for (let i = 0, at = 0; i < h.length; i++) {
    const len = lengths[i];
    if (len < 0) h[i] = mix(h[i], MISSING_TEXT);
    else {
      h[i] = mix(h[i], unitsHash(chars, at, at + len));
      at += len;
    }
  }
}

/**
 * Fills `hashes` for the rows in `ranges` ([from, to) pairs) from a table's columns: the rows the
 * session read itself, or every row (one range) when the helpers' hashes do not cover them all.
 */
export function fillRowHashes(columns: readonly RawColumn[], hashes: Int32Array, ranges: readonly number[]): void {
  for (let k = 0; k < ranges.length; k += 2) hashes.fill(0, ranges[k], ranges[k + 1]);
  for (const c of columns) {
    const entries = c.kind === 'categorical' ? Int32Array.from(c.dictionary, (d) => textHash(d, 0, d.length)) : null;
    for (let k = 0; k < ranges.length; k += 2) {
      const from = ranges[k], h = hashes.subarray(from, ranges[k + 1]);
      if (c.kind === 'numeric') mixNumbers(h, c.values, from);
      else if (c.kind === 'categorical') mixCodes(h, c.codes, entries!, from);
      else {
        for (let i = 0; i < h.length; i++) {
          const len = c.length[from + i], start = c.start[from + i];
          h[i] = mix(h[i], len < 0 ? MISSING_TEXT : textHash(c.text, start, start + len));
        }
      }
    }
  }
}
