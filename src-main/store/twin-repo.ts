/**
 * The live twin's stored documents (register, fleet, alerts, events, rules, default models), each
 * a JSON value under a key. Several keys are written in one transaction, so a restart never sees
 * the fleet of one moment with the alerts of another.
 */
import { appendAudit, type AuditInput } from './audit-repo';
import { durably, type Db } from './database';

export type TwinDocuments = Record<string, unknown>;

export function readTwinState(db: Db, keys: string[]): TwinDocuments {
  const out: TwinDocuments = {};
  const get = db.prepare('SELECT value FROM twin_state WHERE key = ?');
  for (const key of keys) {
    const row = get.get(key) as { value: string } | undefined;
    if (!row) continue;
    try {
      out[key] = JSON.parse(row.value);
    } catch {
      // A damaged document is left out: the twin starts that part fresh rather than not at all.
    }
  }
  return out;
}

/**
 * Writes the documents in one transaction. `durable`: at synchronous=FULL (alerts and
 * acknowledgements, maintenance), with the audit entries of what changed committed alongside.
 */
export function writeTwinState(db: Db, docs: TwinDocuments, now: Date, durable = false, audit: readonly AuditInput[] = []): boolean {
  const upsert = db.prepare('INSERT INTO twin_state (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at');
  const work = () => {
    for (const [key, value] of Object.entries(docs)) upsert.run(key, JSON.stringify(value), now.toISOString());
    appendAudit(db, audit, now);
  };
  if (durable || audit.length) durably(db, work);
  else db.transaction(work)();
  return true;
}
