/**
 * Imports of the user's own files. The renderer sends the file's bytes in chunks (a browser hands
 * over contents, not paths), the data worker parses them as they arrive, and a confirmed mapping is
 * remembered per header signature in the database.
 */
import { randomUUID } from 'node:crypto';
import type { ColumnRole, DatasetOverview, ImportPreview, TextEncodingChoice } from '../shared/contract';
import type { StorageApi } from '../store/storage-api';
import type { RpcClient } from '../workers/rpc';
import type { DataApi, ImportProgress } from './data-api';
import type { EventHub } from './events';

export class ImportService {
  private readonly signatures = new Map<string, string>();

  constructor(
    private readonly data: RpcClient<DataApi>,
    private readonly storage: RpcClient<StorageApi>,
    private readonly events: EventHub,
  ) {}

  async begin(fileName: string, totalBytes: number, encoding: TextEncodingChoice): Promise<{ importId: string }> {
    return this.data.call('beginImport', { importId: randomUUID(), fileName, totalBytes, encoding });
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
    return overview;
  }

  async cancel(importId: string): Promise<{ cancelled: boolean }> {
    this.signatures.delete(importId);
    return this.data.call('cancelImport', { importId });
  }
}
