/**
 * Splits the rest of a file into whole-line segments for a segment parser (helper workers) and
 * merges their results in file order, so a parallel read gives exactly what a sequential one
 * gives. The session reads a part itself whenever splitting is not safe: before every column's
 * type is decided, inside a quoted field that spans lines, for encodings other than UTF-8, and for
 * a segment its parser reports as cut in the wrong place.
 */
import type { SegmentParser, SegmentResult, SegmentSpec } from './segments';

/** The session, as seen from here. */
export interface SegmentTarget {
  feed(bytes: Uint8Array, final: boolean): void;
  segmentSpec(): SegmentSpec | null;
  absorb(seg: SegmentResult): void;
}

/**
 * Bytes per segment: large enough that messaging is noise, small enough to keep memory flat
 * (measured on a 1 M-row import: 1 MB against 2 MB, the same time and 14 MB less peak RSS, since
 * each helper holds less of a segment's text and storage until its next collection).
 */
export const SEGMENT_BYTES = 1 << 20;
/** With no line feed in this many bytes (CR-only line endings), the file is read here to its end. */
const NO_LF_LIMIT = 8 << 20;
const LF = 10;
/** While types are undecided, the file is read here in pieces of about this size. */
const HEAD_PIECE_BYTES = 64 << 10;

export class ParallelReader {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private inflight: { bytes: Uint8Array; result: Promise<SegmentResult> }[] = [];
  private sequentialOnly = false;
  /** The pending bytes when this reader concatenated them: a buffer nothing else holds. */
  private concatenated: Uint8Array | null = null;
  /**
   * Segment buffers the parser handed back, reused for the next segments: a fresh megabyte per
   * segment was most of the reading thread's garbage, and its collector ran a full collection
   * every few segments for the memory outside its heap.
   */
  private readonly spare: ArrayBuffer[] = [];

  constructor(
    private readonly parser: SegmentParser,
    private readonly target: SegmentTarget,
    private readonly segmentBytes = SEGMENT_BYTES,
  ) {}

  async add(bytes: Uint8Array): Promise<void> {
    if (this.sequentialOnly) {
      this.target.feed(bytes, false);
      return;
    }
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= this.segmentBytes) await this.cut();
  }

  /** Reads what is left, in order: its whole lines go to the parser too (not read here while the helpers idle). */
  async flush(): Promise<void> {
    if (!this.sequentialOnly && this.pendingBytes > 0) await this.cut(true);
    await this.drain();
    if (this.pendingBytes > 0) this.target.feed(this.takePending(this.pendingBytes), false);
  }

  /** The first `upTo` pending bytes; with `own`, in a buffer of their own (see SegmentParser.parse). */
  private takePending(upTo: number, own = false): Uint8Array {
    const all = this.concatPending();
    const owned = all === this.concatenated || this.pending.length > 1;
    this.concatenated = null;
    const head = all.subarray(0, upTo);
    const rest = all.slice(upTo);
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    // Its buffer may move to a helper: a copy of its own unless concatenating just made one (the
    // rest is copied out above), since a Node Buffer's slice shares memory with others.
    if (!own || owned) return head;
    const copy = this.buffer(head.length);
    copy.set(head);
    return copy;
  }

  /** The pending bytes in one array: the only part as it is, or several copied into a buffer of this reader's. */
  private concatPending(): Uint8Array {
    return this.pending.length === 1 ? this.pending[0] : concatBytes(this.pending, this.pendingBytes, this.buffer(this.pendingBytes));
  }

  /** `length` bytes in a buffer nothing else holds: a spare one when one is large enough. */
  private buffer(length: number): Uint8Array {
    const k = this.spare.findIndex((b) => b.byteLength >= length);
    const buffer = k >= 0 ? this.spare.splice(k, 1)[0] : new ArrayBuffer(Math.max(length, this.segmentBytes + (this.segmentBytes >> 3)));
    return new Uint8Array(buffer, 0, length);
  }

  /** Keeps the buffer of a segment the parser is done with (and handed back) for a later one. */
  private recycle(bytes: Uint8Array | undefined): void {
    if (bytes && bytes.buffer instanceof ArrayBuffer && bytes.buffer.byteLength >= this.segmentBytes && this.spare.length <= this.parser.parallelism) this.spare.push(bytes.buffer);
  }

  /** `last`: the file has ended; what follows the last line feed is left pending. */
  private async cut(last = false): Promise<void> {
    const all = this.concatPending();
    if (this.pending.length > 1) this.concatenated = all;
    this.pending = [all];
    const end = all.lastIndexOf(LF) + 1;
    if (end === 0) {
      if (last) return;
      if (all.length > Math.max(NO_LF_LIMIT, 4 * this.segmentBytes) || all.length > NO_LF_LIMIT) {
        this.sequentialOnly = true;
        await this.flush();
      }
      return;
    }
    let lines = this.takePending(end, true);
    let spec = this.target.segmentSpec();
    if (!spec) {
      // Read here, in small pieces, only until every column's type is decided (a few thousand rows
      // at most); the rest goes to the parser. Pieces end at line feeds, so the decoder and the
      // tokenizer stop between records.
      await this.drain();
      let at = 0;
      while (!spec && at < lines.length) {
        const next = lines.indexOf(LF, Math.min(at + HEAD_PIECE_BYTES, lines.length - 1)) + 1;
        this.target.feed(lines.subarray(at, next), false);
        at = next;
        spec = this.target.segmentSpec();
      }
      if (!spec || at === lines.length) return;
      lines = lines.subarray(at);
    }
    const result = this.parser.parse(spec, lines);
    // Awaited in order by mergeNext; an import that is cancelled or refused first never awaits
    // the rest, and their failures (a helper stopped meanwhile) must not surface as unhandled.
    result.catch(() => undefined);
    this.inflight.push({ bytes: lines, result });
    while (this.inflight.length > this.parser.parallelism) await this.mergeNext();
  }

  private async drain(): Promise<void> {
    while (this.inflight.length > 0) await this.mergeNext();
  }

  private async mergeNext(): Promise<void> {
    const next = this.inflight.shift()!;
    const result = await next.result;
    if (result.complete) {
      this.target.absorb(result);
      this.recycle(result.bytes);
      return;
    }
    // Cut inside a quoted field (or not decodable): the segments after it started in the wrong
    // place too. Read them all here, in order; the tokenizer carries the open record across.
    // A parser in another thread took each segment's bytes and hands them back in its result.
    const later = this.inflight.splice(0);
    const results = await Promise.all(later.map((s) => s.result));
    this.target.feed(result.bytes ?? next.bytes, false);
    later.forEach((s, k) => this.target.feed(results[k].bytes ?? s.bytes, false));
    // Read (the decoder keeps no view of them): their buffers can take later segments.
    this.recycle(result.bytes);
    results.forEach((r) => this.recycle(r.bytes));
  }
}

/** The parts in one array: the only part as it is, else copied into `into` (or a new array of `total` bytes). */
export function concatBytes(parts: Uint8Array[], total: number, into?: Uint8Array): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = into ?? new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
