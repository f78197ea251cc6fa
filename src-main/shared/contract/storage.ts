/**
 * The store as the window sees it: whether saving works (a full disk or an unwritable folder is
 * shown, and the twin runs on), how much the history uses, and the audit log.
 */
import { z } from 'zod';

/** Damage found in the database, with the newest automatic backup on offer (null: none yet). */
export const StorageDamage = z.object({ message: z.string(), backupAt: z.string().nullable() });
export type StorageDamage = z.infer<typeof StorageDamage>;

/** `damage` absent: this status is about saving; present (null = none): about the file's health. */
export const StorageStatus = z.object({ ok: z.boolean(), message: z.string(), damage: StorageDamage.nullable().optional() });
export type StorageStatus = z.infer<typeof StorageStatus>;

export const HistoryUsage = z.object({
  bytes: z.number(), rawRows: z.number().int(), minuteRows: z.number().int(), oldestMs: z.number().nullable(), newestMs: z.number().nullable(),
});
export type HistoryUsage = z.infer<typeof HistoryUsage>;

export const BackupInfo = z.object({ path: z.string(), at: z.string(), bytes: z.number() });
export type BackupInfo = z.infer<typeof BackupInfo>;

export const ImportedDataset = z.object({
  datasetId: z.string(), importedAt: z.string(), title: z.string(), fileName: z.string(), bytes: z.number(), rows: z.number().int(),
  columns: z.number().int(), failures: z.number().int(), schema: z.string(), roles: z.record(z.string(), z.string()),
});
export type ImportedDataset = z.infer<typeof ImportedDataset>;

export const AuditEntry = z.object({ id: z.number().int(), at: z.string(), who: z.string(), action: z.string(), subject: z.string(), detail: z.string() });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const storageRequests = {
  'storage:status': { request: z.object({}).strict(), response: StorageStatus.extend({ usage: HistoryUsage, quotaBytes: z.number(), backups: z.array(BackupInfo) }) },
  /** A backup now (besides the automatic ones a minute after start and every 6 hours). */
  'storage:backup': { request: z.object({}).strict(), response: BackupInfo },
  'storage:recover': {
    request: z.object({ choice: z.enum(['backup', 'fresh']) }).strict(),
    response: z.object({ movedTo: z.string().nullable(), restoredFrom: z.string().nullable() }),
  },
  /** Every import committed, newest first (the rows are read again from the file; this is the record). */
  'dataset:imports': { request: z.object({ limit: z.number().int().min(1).max(10_000).optional() }).strict(), response: z.array(ImportedDataset) },
  'audit:list': { request: z.object({ limit: z.number().int().min(1).max(10_000).optional(), subject: z.string().optional() }).strict(), response: z.array(AuditEntry) },
} as const;

export const storageEvents = {
  'storage:changed': StorageStatus,
} as const;
