/**
 * The audit log: who did what and when — acknowledgements, maintenance, alert-rule and asset
 * changes, model activations, settings. Appended with synchronous=FULL, never edited.
 */
import { durably, type Db } from './database';

export interface AuditInput {
  who: string;
  /** What was done, as `area.verb` (alert.acknowledge, maintenance.serviceBearing, rules.change …). */
  action: string;
  /** What it was done to: an alert id, an asset id, a run id, a setting. */
  subject: string;
  detail: string;
}

export interface AuditEntry extends AuditInput {
  id: number;
  at: string;
}

/** Inside a caller's transaction (the change it records is committed with it). */
export function appendAudit(db: Db, entries: readonly AuditInput[], now: Date): void {
  const put = db.prepare('INSERT INTO audit_log (at, who, action, subject, detail) VALUES (?, ?, ?, ?, ?)');
  for (const e of entries) {
    if (!e.action || !e.subject) throw new Error('an audit entry needs an action and a subject');
    put.run(now.toISOString(), e.who || '(no operator name set)', e.action, e.subject, e.detail);
  }
}

export function audit(db: Db, entries: readonly AuditInput[], now: Date): boolean {
  durably(db, () => appendAudit(db, entries, now));
  return true;
}

export function listAudit(db: Db, limit = 200, subject?: string): AuditEntry[] {
  const n = Math.max(1, Math.min(10_000, Math.floor(limit)));
  return (subject === undefined
    ? db.prepare('SELECT id, at, who, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?').all(n)
    : db.prepare('SELECT id, at, who, action, subject, detail FROM audit_log WHERE subject = ? ORDER BY id DESC LIMIT ?').all(subject, n)) as AuditEntry[];
}
