/**
 * What a parse helper worker answers: one whole-line segment of a file in, column pieces out.
 */
import { parseSegment, type SegmentSpec } from '../data/import/segments';
import { transferable } from '../workers/rpc';

export function createParseApi() {
  return {
    parseSegment(arg: { spec: SegmentSpec; bytes: Uint8Array }) {
      const r = parseSegment(arg.spec, arg.bytes);
      // The segment's arrays are not used here again: they move to the data worker uncopied.
      const buffers = [r.recordRows.buffer, r.rowHashes.buffer, ...r.columns.flatMap((c) => [c.values?.buffer, c.codes?.buffer, c.textChars?.buffer, c.textLengths?.buffer, c.dictionaryEnds.buffer])];
      return transferable(r, buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer && b.byteLength > 0));
    },
  };
}

export type ParseApi = ReturnType<typeof createParseApi>;
