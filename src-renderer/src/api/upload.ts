/**
 * Sends a user's file to the services in chunks. A browser hands over contents, not paths, so
 * both shells use this one path; each chunk is acknowledged before the next is read (backpressure),
 * and cancelling stops at the next chunk boundary.
 */
import type { ImportPreview, TextEncodingChoice } from '@shared/contract';
import { invoke } from './client';

export const UPLOAD_CHUNK_BYTES = 1 << 20;

export class UploadCancelled extends Error {
  override name = 'UploadCancelled';
}

export interface UploadHandle {
  importId: Promise<string>;
  done: Promise<ImportPreview>;
  cancel(): void;
}

export function uploadFile(file: File, encoding: TextEncodingChoice): UploadHandle {
  let cancelled = false;
  let resolveId!: (id: string) => void;
  const importId = new Promise<string>((r) => (resolveId = r));
  const done = (async () => {
    const { importId: id } = await invoke('import:begin', { fileName: file.name, totalBytes: file.size, encoding });
    resolveId(id);
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      if (cancelled) break;
      const bytes = new Uint8Array(await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer());
      await invoke('import:chunk', { importId: id, bytes });
    }
    if (cancelled) {
      await invoke('import:cancel', { importId: id });
      throw new UploadCancelled('import cancelled');
    }
    return invoke('import:finish', { importId: id });
  })();
  return { importId, done, cancel: () => (cancelled = true) };
}
