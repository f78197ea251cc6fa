/**
 * Imports of the user's own files. The renderer sends the file's bytes in chunks (a browser hands
 * over contents, not paths), the data worker parses them as they arrive, and a confirmed mapping is
 * remembered per header signature in the database.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ColumnRole, DatasetOverview, ImportPreview, TextEncodingChoice } from '../shared/contract';
import type { StorageApi } from '../store/storage-api';
import type { RpcClient } from '../workers/rpc';
import type { DataApi, ImportProgress } from './data-api';
import type { EventHub } from './events';

/** Bytes per chunk when the shell reads a file itself: the size the renderer uploads in. */
const READ_CHUNK = 1 << 20;

export class ImportService {
  private readonly signatures = new Map<string, string>();
  /** The file of each import under way, for the record kept once it is committed. */
  private readonly files = new Map<string, { fileName: string; bytes: number }>();
  /** Files being read from a path, by import id: cancel stops the reading. */
  private readonly reading = new Map<string, AbortController>();

  constructor(
    private readonly data: RpcClient<DataApi>,
    private readonly storage: RpcClient<StorageApi>,
    private readonly events: EventHub,
  ) {}

  prepare(): Promise<{ helpers: number }> {
    return this.data.call('prepareImport', undefined);
  }

  async begin(fileName: string, totalBytes: number, encoding: TextEncodingChoice): Promise<{ importId: string }> {
    const started = await this.data.call('beginImport', { importId: randomUUID(), fileName, totalBytes, encoding });
    this.files.set(started.importId, { fileName, bytes: totalBytes });
    return started;
  }

  chunk(importId: string, bytes: Uint8Array): Promise<{ bytes: number; rows: number }> {
    return this.data.call('pushChunk', { importId, bytes }, {
      onProgress: (p) => this.events.emit('import:progress', { importId, ...(p as ImportProgress) }),
    });
  }

  async finish(importId: string): Promise<ImportPreview> {
    const { preview, signature } = await this.data.call('finishImport', { importId });
    this.signatures.set(importId, signature);
    this.events.emit('import:progress', { importId, bytes: preview.bytes, totalBytes: preview.bytes, rows: preview.rows, rowsPerSecond: preview.rows / Math.max(preview.seconds, 1e-3) });
    const remembered = await this.storage.call('recallMapping', signature);
    if (!remembered) return preview;
    const known = new Set(preview.columns.map((c) => c.name));
    const fits = Object.fromEntries(Object.entries(remembered).filter(([k]) => known.has(k)));
    return this.data.call('remapImport', { importId, roles: fits, remembered: true });
  }

  remap(importId: string, roles: Record<string, ColumnRole>): Promise<ImportPreview> {
    return this.data.call('remapImport', { importId, roles });
  }

  async commit(importId: string, roles: Record<string, ColumnRole>, title?: string): Promise<DatasetOverview> {
    const { overview, roles: finalRoles } = await this.data.call('commitImport', { importId, roles, title });
    const signature = this.signatures.get(importId);
    this.signatures.delete(importId);
    if (signature) await this.storage.call('rememberMapping', { signature, roles: finalRoles });
    const file = this.files.get(importId);
    this.files.delete(importId);
    await this.storage.call('recordImport', {
      datasetId: overview.datasetId, title: overview.title, fileName: file?.fileName ?? overview.title, bytes: file?.bytes ?? 0,
      rows: overview.rows, columns: overview.columns.length, failures: overview.failures, schema: overview.schema, roles: finalRoles,
    });
    return overview;
  }

  /**
   * Imports a file the desktop shell chose (File › Open…). Its bytes go through the same chunks,
   * worker and events as an upload from the window; the window follows through import:* events.
   */
  async openPath(path: string): Promise<string> {
    const fileName = basename(path);
    const { size } = await stat(path);
    const { importId } = await this.begin(fileName, size, 'auto');
    const controller = new AbortController();
    this.reading.set(importId, controller);
    this.events.emit('import:opened', { importId, fileName, totalBytes: size });
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) {
        if (controller.signal.aborted) return importId;
        await this.chunk(importId, chunk as Uint8Array);
      }
      if (!controller.signal.aborted) this.events.emit('import:ready', await this.finish(importId));
    } catch (e) {
      if (!controller.signal.aborted) this.events.emit('import:failed', { importId, fileName, message: (e as Error).message });
    } finally {
      this.reading.delete(importId);
    }
    return importId;
  }

  async cancel(importId: string): Promise<{ cancelled: boolean }> {
    this.reading.get(importId)?.abort();
    this.signatures.delete(importId);
    this.files.delete(importId);
    return this.data.call('cancelImport', { importId });
  }
}
