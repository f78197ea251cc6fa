/**
 * String dictionary keyed by ranges of a larger string: looking up text[start, end) hashes the
 * characters in place, so a repeated value (an asset id, a product code) costs no allocation.
 * The table keeps hash and code side by side and the characters of every value in one arena,
 * so a lookup touches two cache lines instead of four (this is memory-bound for id columns).
 */
export class RangeDictionary {
  readonly values: string[] = [];
  /** [hash, code + 1] pairs; code + 1 = 0 marks an empty slot. */
  private table: Int32Array;
  private mask: number;
  private chars = new Uint16Array(1 << 16);
  private used = 0;
  private offsets = new Int32Array(1024);

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size <<= 1;
    this.table = new Int32Array(size * 2);
    this.mask = size - 1;
  }

  /** Code of text[start, end), adding it when new. */
  code(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const len = end - start, table = this.table, chars = this.chars, offsets = this.offsets;
    let p = h & this.mask;
    for (;;) {
      const c = table[2 * p + 1];
      if (c === 0) break;
      if (table[2 * p] === h) {
        const o = offsets[c - 1];
        if (offsets[c] - o === len) {
          let i = 0;
          while (i < len && chars[o + i] === text.charCodeAt(start + i)) i++;
          if (i === len) return c - 1;
        }
      }
      p = (p + 1) & this.mask;
    }
    return this.add(text, start, end, h, p);
  }

  private add(text: string, start: number, end: number, h: number, p: number): number {
    const code = this.values.length, len = end - start;
    this.values.push(text.slice(start, end));
    if (this.used + len > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, this.used + len));
      grown.set(this.chars);
      this.chars = grown;
    }
    for (let i = 0; i < len; i++) this.chars[this.used + i] = text.charCodeAt(start + i);
    if (code + 2 > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[code] = this.used;
    this.used += len;
    this.offsets[code + 1] = this.used;
    this.table[2 * p] = h;
    this.table[2 * p + 1] = code + 1;
    if (this.values.length * 2 > this.mask) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2, mask = size - 1;
    const table = new Int32Array(size * 2);
    for (let p = 0; p <= this.mask; p++) {
      const c = this.table[2 * p + 1];
      if (c === 0) continue;
      const h = this.table[2 * p];
      let q = h & mask;
      while (table[2 * q + 1] !== 0) q = (q + 1) & mask;
      table[2 * q] = h;
      table[2 * q + 1] = c;
    }
    this.table = table;
    this.mask = mask;
  }
}
