import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, ResponseOf } from '@shared/contract';
import { invoke } from '../../api/client';
import { formatBytes, formatSimTime } from '../../lib/format';
import { useStore } from '../../store';

type Status = ResponseOf<'storage:status'>;

const simDate = (ms: number | null) => (ms === null ? '–' : formatSimTime(ms));

/**
 * What the store holds: history use against the quota (the oldest history is pruned first when
 * over it), whether saving works, and the audit log of who did what.
 */
export function StoragePanel() {
  const [status, setStatus] = useState<Status | null>(null);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const load = useCallback(async () => {
    // Reads can overlap (a restore and the "saving again" that follows): only the newest is shown.
    const mine = ++latest.current;
    try {
      const [s, a] = await Promise.all([invoke('storage:status', {}), invoke('audit:list', { limit: 50 })]);
      if (mine !== latest.current) return;
      setStatus(s);
      setAudit(a);
      setError(null);
    } catch (e) {
      if (mine === latest.current) setError((e as Error).message);
    }
  }, []);
  // Read again whenever saving or the file's health changes (a restore, a full disk, a fix).
  const saving = useStore((s) => s.storage);
  const damage = useStore((s) => s.storageDamage);
  useEffect(() => void load(), [load, saving, damage]);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!status) return <p className="muted">Reading the store…</p>;
  const share = status.quotaBytes > 0 ? status.usage.bytes / status.quotaBytes : 0;
  return (
    <div className="storage-panel" data-testid="storage-panel">
      <p className={status.ok ? 'muted' : 'error'} role={status.ok ? undefined : 'alert'} data-testid="storage-state">
        {status.ok ? 'Saving normally.' : status.message}
      </p>
      <div className="usage">
        <div className="usage-bar" role="meter" aria-label="History storage used" aria-valuemin={0} aria-valuemax={status.quotaBytes} aria-valuenow={status.usage.bytes} aria-valuetext={`${formatBytes(status.usage.bytes)} of ${formatBytes(status.quotaBytes)}`}>
          <span style={{ width: `${Math.min(100, 100 * share).toFixed(1)}%` }} />
        </div>
        <span data-testid="storage-usage">{formatBytes(status.usage.bytes)} of {formatBytes(status.quotaBytes)} · {status.usage.rawRows.toLocaleString()} readings, {status.usage.minuteRows.toLocaleString()} minute summaries · from {simDate(status.usage.oldestMs)}</span>
      </div>
      <div className="audit-head">
        <h3>Audit log</h3>
        <button onClick={() => void load()}>Refresh</button>
      </div>
      {audit.length === 0 ? <p className="muted">Nothing recorded yet.</p> : (
        <table className="audit-log" data-testid="audit-log">
          <thead><tr><th>When</th><th>Who</th><th>What</th><th>Subject</th><th>Detail</th></tr></thead>
          <tbody>
            {audit.map((e) => (
              <tr key={e.id}>
                <td>{new Date(e.at).toLocaleString()}</td>
                <td>{e.who}</td>
                <td>{e.action}</td>
                <td>{e.subject}</td>
                <td className="ellipsis" title={e.detail}>{e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
