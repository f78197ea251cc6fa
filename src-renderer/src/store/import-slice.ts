import type { StateCreator } from 'zustand';
import type { ColumnRole, ImportPreview, TextEncodingChoice } from '@shared/contract';
import { invoke } from '../api/client';
import { UploadCancelled, uploadFile, type UploadHandle } from '../api/upload';
import { nextFrame } from '../lib/frames';
import type { StoreState } from './index';

export type EncodingChoice = TextEncodingChoice;

export interface ImportProgressState {
  bytes: number;
  totalBytes: number;
  rows: number;
  rowsPerSecond: number;
}

export interface ImportSlice {
  importPhase: 'idle' | 'uploading' | 'mapping' | 'committing';
  importFileName: string | null;
  importProgress: ImportProgressState | null;
  importPreview: ImportPreview | null;
  importError: string | null;
  encoding: EncodingChoice;
  /** The import controls are on screen: the services get their readers ready for a file. */
  prepareImport(): void;
  startImport(file: File): Promise<void>;
  cancelImport(): Promise<void>;
  setRole(column: string, role: ColumnRole): Promise<void>;
  commitImport(): Promise<void>;
  setEncoding(encoding: EncodingChoice): void;
  setImportProgress(importId: string, p: ImportProgressState): void;
  /** The desktop shell opened a file itself (File › Open…) and is reading it. */
  importOpened(importId: string, fileName: string, totalBytes: number): void;
  importReady(preview: ImportPreview): void;
  importFailed(importId: string, fileName: string, message: string): void;
  dismissImportError(): void;
}

let upload: UploadHandle | null = null;
let uploadId: string | null = null;

/** The role changes sent so far, in order (see setRole). */
let roleChanges: Promise<void> = Promise.resolve();

export const createImportSlice: StateCreator<StoreState, [], [], ImportSlice> = (set, get) => ({
  importPhase: 'idle',
  importFileName: null,
  importProgress: null,
  importPreview: null,
  importError: null,
  encoding: 'auto',
  prepareImport() {
    // A head start only (the helpers warm up while a file is chosen): an import works without it.
    invoke('import:prepare', {}).catch(() => undefined);
  },
  async startImport(file) {
    if (get().importPhase === 'uploading') return;
    set({ importPhase: 'uploading', importFileName: file.name, importProgress: { bytes: 0, totalBytes: file.size, rows: 0, rowsPerSecond: 0 }, importPreview: null, importError: null });
    upload = uploadFile(file, get().encoding);
    void upload.importId.then((id) => (uploadId = id));
    try {
      const preview = await upload.done;
      set({ importPhase: 'mapping', importPreview: preview });
    } catch (e) {
      // A refused or cancelled file leaves whatever dataset was open untouched.
      set({ importPhase: 'idle', importPreview: null, importError: e instanceof UploadCancelled ? null : `Import of ${file.name} refused: ${(e as Error).message}` });
    } finally {
      upload = null;
    }
  },
  async cancelImport() {
    const { importPhase, importPreview } = get();
    if (importPhase === 'uploading' && upload) upload.cancel();
    else if (importPhase === 'uploading' && uploadId) {
      // A file the shell is reading: the service stops reading and drops what it read.
      const id = uploadId;
      uploadId = null;
      set({ importPhase: 'idle', importProgress: null });
      await invoke('import:cancel', { importId: id });
    }
    if (importPhase === 'mapping' && importPreview) {
      await invoke('import:cancel', { importId: importPreview.importId });
      set({ importPhase: 'idle', importPreview: null });
    }
  },
  async setRole(column, role) {
    // Role changes go to the service one after another, so the preview shown is the last one asked for.
    const step = roleChanges.then(async () => {
      const preview = get().importPreview;
      if (!preview) return;
      try {
        set({ importPreview: await invoke('import:remap', { importId: preview.importId, roles: { [column]: role } }) });
      } catch (e) {
        set({ importError: (e as Error).message });
      }
    });
    roleChanges = step;
    await step;
  },
  async commitImport() {
    // A role changed just before Import must be in the roles imported (its remap may still be on its way).
    await roleChanges;
    const preview = get().importPreview;
    if (!preview) return;
    set({ importPhase: 'committing' });
    try {
      const roles = Object.fromEntries(preview.columns.map((c) => [c.name, c.role]));
      const overview = await invoke('import:commit', { importId: preview.importId, roles });
      set({ importPhase: 'idle', importPreview: null });
      await nextFrame();
      await get().showOverview(overview);
    } catch (e) {
      set({ importPhase: 'mapping', importError: (e as Error).message });
    }
  },
  setEncoding: (encoding) => set({ encoding }),
  setImportProgress(importId, p) {
    if (get().importPhase === 'uploading' && (uploadId === null || uploadId === importId)) set({ importProgress: p });
  },
  importOpened(importId, fileName, totalBytes) {
    if (get().importPhase !== 'idle' && get().importPhase !== 'mapping') {
      // Busy with another file: this one is not wanted half-way through that one.
      void invoke('import:cancel', { importId });
      return;
    }
    uploadId = importId;
    set({ importPhase: 'uploading', importFileName: fileName, importProgress: { bytes: 0, totalBytes, rows: 0, rowsPerSecond: 0 }, importPreview: null, importError: null });
  },
  importReady(preview) {
    if (upload || uploadId !== preview.importId) return;
    set({ importPhase: 'mapping', importPreview: preview });
  },
  importFailed(importId, fileName, message) {
    if (upload || uploadId !== importId) return;
    uploadId = null;
    set({ importPhase: 'idle', importPreview: null, importError: `Import of ${fileName} refused: ${message}` });
  },
  dismissImportError: () => set({ importError: null }),
});
