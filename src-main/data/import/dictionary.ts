/**
 * String dictionary keyed by ranges of a larger string: looking up text[start, end) hashes the
 * characters in place, so a repeated value (an asset id, a product code) costs no allocation.
 * Only values seen for the first time are sliced and stored.
 */
export class RangeDictionary {
  readonly values: string[] = [];
  private hashes: Int32Array;
  private slots: Int32Array; // code + 1, 0 = empty
  private mask: number;

  constructor(capacity = 1024) {
    let size = 16;
    while (size < capacity * 2) size <<= 1;
    this.slots = new Int32Array(size);
    this.hashes = new Int32Array(size);
    this.mask = size - 1;
  }

  /** Code of text[start, end), adding it when new. */
  code(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    let p = h & this.mask;
    const len = end - start;
    for (;;) {
      const s = this.slots[p];
      if (s === 0) break;
      if (this.hashes[p] === h) {
        const v = this.values[s - 1];
        if (v.length === len) {
          let same = true;
          for (let i = 0; i < len; i++) {
            if (v.charCodeAt(i) !== text.charCodeAt(start + i)) {
              same = false;
              break;
            }
          }
          if (same) return s - 1;
        }
      }
      p = (p + 1) & this.mask;
    }
    const code = this.values.length;
    this.values.push(text.slice(start, end));
    this.slots[p] = code + 1;
    this.hashes[p] = h;
    if (this.values.length * 2 > this.mask) this.rehash();
    return code;
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size), hashes = new Int32Array(size);
    const mask = size - 1;
    for (let p = 0; p <= this.mask; p++) {
      const s = this.slots[p];
      if (s === 0) continue;
      let q = this.hashes[p] & mask;
      while (slots[q] !== 0) q = (q + 1) & mask;
      slots[q] = s;
      hashes[q] = this.hashes[p];
    }
    this.slots = slots;
    this.hashes = hashes;
    this.mask = mask;
  }
}
