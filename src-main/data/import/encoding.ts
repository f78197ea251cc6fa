/**
 * What the first bytes of a file say: refused containers and binaries, the text encoding, a BOM.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface SniffResult {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bomBytes: number;
  /** Why the encoding was chosen, when it is worth telling the user. */
  note: string | null;
}

export class FileKindError extends Error {
  override name = 'FileKindError';
}

/** Bytes looked at to recognise binaries and the encoding. */
export const SNIFF_BYTES = 64 * 1024;

export function sniffBytes(head: Uint8Array, requested: TextEncodingName | 'auto' = 'auto'): SniffResult {
  if (head.length === 0) throw new FileKindError('the file is empty');
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06)) {
    throw new FileKindError('this is a ZIP container (an Excel .xlsx, .ods or a renamed archive), not a CSV file: save it as CSV first');
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new FileKindError('this is a legacy Excel (.xls) workbook, not a CSV file: save it as CSV first');
  }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2, note: 'converted from UTF-16 (little-endian)' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2, note: 'converted from UTF-16 (big-endian)' };
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  if (requested !== 'auto') return { encoding: requested, bomBytes: requested === 'utf-8' ? bom : 0, note: `read as ${requested}, as chosen` };
  // UTF-16 without a BOM: ASCII text has a zero in every other byte.
  const n = Math.min(head.length, SNIFF_BYTES);
  let zeroEven = 0, zeroOdd = 0;
  for (let i = 0; i < n; i += 2) if (head[i] === 0) zeroEven++;
  for (let i = 1; i < n; i += 2) if (head[i] === 0) zeroOdd++;
  if (n >= 4 && zeroOdd > n * 0.4 && zeroEven < n * 0.05) return { encoding: 'utf-16le', bomBytes: 0, note: 'converted from UTF-16 (little-endian, no byte-order mark)' };
  if (n >= 4 && zeroEven > n * 0.4 && zeroOdd < n * 0.05) return { encoding: 'utf-16be', bomBytes: 0, note: 'converted from UTF-16 (big-endian, no byte-order mark)' };
  const firstNul = head.subarray(0, n).indexOf(0);
  if (firstNul >= 0) throw new FileKindError(`byte ${firstNul + 1} is a NUL byte: this is a binary file, not CSV text`);
  try {
    // The head may end inside a multi-byte character: decode it as a stream prefix.
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(bom, n), { stream: true });
    return { encoding: 'utf-8', bomBytes: bom, note: null };
  } catch {
    return { encoding: 'windows-1252', bomBytes: 0, note: 'the file is not UTF-8; it was read as Windows-1252 (Latin-1) — choose another encoding if characters look wrong' };
  }
}
