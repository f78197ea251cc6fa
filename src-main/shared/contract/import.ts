import { z } from 'zod';
import { ColumnRole, DatasetOverview } from './dataset';

export const TextEncodingChoice = z.enum(['auto', 'utf-8', 'windows-1252', 'utf-16le', 'utf-16be']);
export type TextEncodingChoice = z.infer<typeof TextEncodingChoice>;

export const ImportIssue = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  column: z.string().optional(),
  rows: z.array(z.number().int()).optional(),
  count: z.number().int().optional(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportColumn = z.object({
  name: z.string(),
  type: z.enum(['numeric', 'categorical', 'timestamp']),
  role: ColumnRole,
  missing: z.number().int(),
  /** First values as text, for the mapping preview. */
  samples: z.array(z.string()),
});
export type ImportColumn = z.infer<typeof ImportColumn>;

export const ImportPreview = z.object({
  importId: z.string(),
  fileName: z.string(),
  bytes: z.number(),
  rows: z.number().int(),
  keptRows: z.number().int(),
  encoding: z.string(),
  delimiter: z.string(),
  decimalComma: z.boolean(),
  schema: z.enum(['ai4i', 'motor-fleet', 'unknown']),
  rememberedMapping: z.boolean(),
  columns: z.array(ImportColumn),
  issues: z.array(ImportIssue),
  canImport: z.boolean(),
  seconds: z.number(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

const importId = z.string().min(1).max(64);
const Roles = z.record(z.string(), ColumnRole);

export const importRequests = {
  /** The import view is open: the services get ready to read a file fast (helpers started and warmed). */
  'import:prepare': { request: z.object({}).strict(), response: z.object({ helpers: z.number().int().min(0) }) },
  'import:begin': {
    request: z.object({ fileName: z.string().min(1).max(500), totalBytes: z.number().int().min(0), encoding: TextEncodingChoice }).strict(),
    response: z.object({ importId }),
  },
  'import:chunk': {
    request: z.object({ importId, bytes: z.instanceof(Uint8Array).refine((b) => b.length <= 16 * 1024 * 1024, 'a chunk is at most 16 MB') }).strict(),
    response: z.object({ bytes: z.number(), rows: z.number().int() }),
  },
  'import:finish': { request: z.object({ importId }).strict(), response: ImportPreview },
  'import:remap': { request: z.object({ importId, roles: Roles }).strict(), response: ImportPreview },
  'import:commit': { request: z.object({ importId, roles: Roles, title: z.string().max(200).optional() }).strict(), response: DatasetOverview },
  'import:cancel': { request: z.object({ importId }).strict(), response: z.object({ cancelled: z.boolean() }) },
} as const;

export const importEvents = {
  'import:progress': z.object({ importId, bytes: z.number(), totalBytes: z.number(), rows: z.number().int(), rowsPerSecond: z.number() }),
  /** The desktop shell opened a file itself (File › Open…): it is being read. */
  'import:opened': z.object({ importId, fileName: z.string(), totalBytes: z.number() }),
  /** A file the shell opened has been read: its mapping step can be shown. */
  'import:ready': ImportPreview,
  /** A file the shell opened was refused; whatever dataset was open stays. */
  'import:failed': z.object({ importId, fileName: z.string(), message: z.string() }),
} as const;
