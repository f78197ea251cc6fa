/**
 * String dictionary keyed by ranges of a larger string: looking up text[start, end) hashes the
 * characters in place, so a repeated value (an asset id, a product code) costs no allocation.
 * Id columns make this memory-bound (a million lookups into a table of a quarter million values),
 * so each slot holds the hash, the code and — for values of up to 7 Latin-1 characters, which ids
 * and category labels usually are — the characters themselves: a lookup touches one cache line.
 * Longer values are compared against an arena that holds the characters of every value.
 */
const SLOT = 4;
/** Marks a slot whose value is too long (or not Latin-1) to be packed: compare in the arena. */
const LONG = -1;

/** A run of text as code units: a segment's bytes when it is ASCII, else its UTF-16 units. */
export type CodeUnits = Uint8Array | Uint16Array;

/** FNV's low bits are weak for values that differ in their last characters: mixed before masking. */
function mix(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

/** units[start, end) as a string (new dictionary values only: rare), in pieces short enough to spread. */
export function unitsText(units: CodeUnits, start: number, end: number): string {
  let out = '';
  for (let at = start; at < end; at += 4096) out += String.fromCharCode(...units.subarray(at, Math.min(end, at + 4096)));
  return out;
}

export class RangeDictionary {
  readonly values: string[] = [];
  /** Per slot: [hash, code + 1 (0 = empty), packed chars 0-2 with length | LONG, packed chars 3-6]. */
  private table: Int32Array;
  private mask: number;
  private chars = new Uint16Array(1 << 12);
  private used = 0;
  private offsets = new Int32Array(1024);

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size <<= 1;
    this.table = new Int32Array(size * SLOT);
    this.mask = size - 1;
  }

  /** Code of text[start, end), adding it when new. */
  code(text: string, start: number, end: number): number {
    const len = end - start;
    let h = 0x811c9dc5, a = len, b = 0, latin1 = len <= 7;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      h = Math.imul(h ^ c, 0x01000193);
      const k = i - start;
      if (c > 255) latin1 = false;
      else if (k < 3) a |= c << (8 * (k + 1));
      else b |= c << (8 * (k - 3));
    }
    return this.lookup(mix(h), latin1 ? a : LONG, b, text, start, end);
  }

  /**
   * The same code for units[start, end): a segment's bytes when it is ASCII (its text need not be
   * decoded at all), else its UTF-16 units. Hashes as `code` does (one loop per source type, as
   * this is the import's hot path), so both find the same entries.
   */
  codeOfUnits(units: CodeUnits, start: number, end: number): number {
    const len = end - start;
    let h = 0x811c9dc5, a = len, b = 0, latin1 = len <= 7;
    for (let i = start; i < end; i++) {
      const c = units[i];
      h = Math.imul(h ^ c, 0x01000193);
      const k = i - start;
      if (c > 255) latin1 = false;
      else if (k < 3) a |= c << (8 * (k + 1));
      else b |= c << (8 * (k - 3));
    }
    return this.lookup(mix(h), latin1 ? a : LONG, b, units, start, end);
  }

  /** Finds the value hashed (h, a, b) from source[start, end), adding it when new. */
  private lookup(h: number, a: number, b: number, source: string | CodeUnits, start: number, end: number): number {
    const table = this.table, mask = this.mask;
    let p = h & mask;
    for (;;) {
      const s = p * SLOT;
      const c = table[s + 1];
      if (c === 0) break;
      if (table[s] === h && table[s + 2] === a && (a === LONG ? this.sameLong(c - 1, source, start, end - start) : table[s + 3] === b)) return c - 1;
      p = (p + 1) & mask;
    }
    return this.add(typeof source === 'string' ? source.slice(start, end) : unitsText(source, start, end), h, a, b, p);
  }

  /** Compares a long value with the arena (rare: values over 7 characters or beyond Latin-1). */
  private sameLong(code: number, source: string | CodeUnits, start: number, len: number): boolean {
    const o = this.offsets[code];
    if (this.offsets[code + 1] - o !== len) return false;
    const chars = this.chars;
    for (let i = 0; i < len; i++) if (chars[o + i] !== (typeof source === 'string' ? source.charCodeAt(start + i) : source[start + i])) return false;
    return true;
  }

  private add(value: string, h: number, a: number, b: number, p: number): number {
    const code = this.values.length, len = value.length;
    this.values.push(value);
    if (code + 2 > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[code] = this.used;
    if (a === LONG) {
      if (this.used + len > this.chars.length) {
        const grown = new Uint16Array(Math.max(this.chars.length * 2, this.used + len));
        grown.set(this.chars);
        this.chars = grown;
      }
      for (let i = 0; i < len; i++) this.chars[this.used + i] = value.charCodeAt(i);
      this.used += len;
    }
    this.offsets[code + 1] = this.used;
    const s = p * SLOT;
    this.table[s] = h;
    this.table[s + 1] = code + 1;
    this.table[s + 2] = a;
    this.table[s + 3] = b;
    if (this.values.length * 2 > this.mask) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2, mask = size - 1;
    const table = new Int32Array(size * SLOT);
    for (let p = 0; p <= this.mask; p++) {
      const s = p * SLOT;
      if (this.table[s + 1] === 0) continue;
      let q = this.table[s] & mask;
      while (table[q * SLOT + 1] !== 0) q = (q + 1) & mask;
      table.set(this.table.subarray(s, s + SLOT), q * SLOT);
    }
    this.table = table;
    this.mask = mask;
  }
}
