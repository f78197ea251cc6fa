/** Imported datasets' metadata: which file, when, how big, which roles (synchronous=FULL). */
import { durably, type Db } from './database';

export interface ImportRecord {
  datasetId: string;
  title: string;
  fileName: string;
  bytes: number;
  rows: number;
  columns: number;
  failures: number;
  schema: string;
  roles: Record<string, string>;
}

export function recordImport(db: Db, r: ImportRecord, now: Date): boolean {
  durably(db, () =>
    db.prepare('INSERT INTO imported_datasets (dataset_id, imported_at, title, file_name, bytes, rows, columns, failures, schema, roles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      r.datasetId, now.toISOString(), r.title, r.fileName, Math.round(r.bytes), r.rows, r.columns, r.failures, r.schema, JSON.stringify(r.roles),
    ),
  );
  return true;
}

/** The newest imports first. */
export function listImports(db: Db, limit = 100): (ImportRecord & { importedAt: string })[] {
  const rows = db.prepare('SELECT dataset_id, imported_at, title, file_name, bytes, rows, columns, failures, schema, roles FROM imported_datasets ORDER BY id DESC LIMIT ?').all(Math.max(1, Math.min(10_000, Math.floor(limit)))) as {
    dataset_id: string; imported_at: string; title: string; file_name: string; bytes: number; rows: number; columns: number; failures: number; schema: string; roles: string;
  }[];
  return rows.map((r) => ({
    datasetId: r.dataset_id, importedAt: r.imported_at, title: r.title, fileName: r.file_name, bytes: r.bytes, rows: r.rows, columns: r.columns, failures: r.failures, schema: r.schema,
    roles: JSON.parse(r.roles) as Record<string, string>,
  }));
}
