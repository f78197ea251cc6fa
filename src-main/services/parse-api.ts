/**
 * What a parse helper worker answers: one whole-line segment of a file in, column pieces out.
 */
import { parseSegment, type SegmentSpec } from '../data/import/segments';
import { warmUp } from '../data/import/warm-up';
import { transferable } from '../workers/rpc';

export function createParseApi() {
  return {
    /** Reads a synthetic segment so that the first real one meets compiled code (see warm-up.ts). */
    warm(): { rows: number } {
      return { rows: warmUp() };
    },
    parseSegment(arg: { spec: SegmentSpec; bytes: Uint8Array }) {
      // The bytes go back with the result (the session re-reads a segment cut in the wrong place).
      const r = { ...parseSegment(arg.spec, arg.bytes), bytes: arg.bytes };
      // The segment's arrays are not used here again: they move to the data worker uncopied.
      const buffers = [arg.bytes.buffer, r.recordRows.buffer, ...r.columns.flatMap((c) => [c.values?.buffer, c.codes?.buffer, c.textChars?.buffer, c.textLengths?.buffer, c.dictionaryEnds.buffer, c.stats?.distinct?.buffer])];
      return transferable(r, buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 0));
    },
  };
}

export type ParseApi = ReturnType<typeof createParseApi>;
