/** Remembered column roles per file layout, so a planner maps an export once. */
import { ColumnRole } from '../shared/contract';
import type { Db } from './database';

export function recallMapping(db: Db, signature: string): Record<string, ColumnRole> | null {
  const row = db.prepare('SELECT roles FROM import_mappings WHERE signature = ?').get(signature) as { roles: string } | undefined;
  if (!row) return null;
  try {
    const parsed = JSON.parse(row.roles) as Record<string, unknown>;
    const out: Record<string, ColumnRole> = {};
    for (const [k, v] of Object.entries(parsed)) {
      const role = ColumnRole.safeParse(v);
      if (role.success) out[k] = role.data;
    }
    return out;
  } catch {
    return null; // a damaged row is as good as none
  }
}

export function rememberMapping(db: Db, signature: string, roles: Record<string, ColumnRole>, now: Date): boolean {
  db.prepare(
    'INSERT INTO import_mappings (signature, roles, updated_at) VALUES (?, ?, ?) ON CONFLICT(signature) DO UPDATE SET roles = excluded.roles, updated_at = excluded.updated_at',
  ).run(signature, JSON.stringify(roles), now.toISOString());
  return true;
}
