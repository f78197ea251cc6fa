import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry, ImportedDataset, ResponseOf } from '@shared/contract';
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
  const [imports, setImports] = useState<ImportedDataset[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const [backupError, setBackupError] = useState<string | null>(null);
  const latest = useRef(0);
  const load = useCallback(async () => {
    // Reads can overlap (a restore and the "saving again" that follows): only the newest is shown.
    const mine = ++latest.current;
    try {
      const [s, a, i] = await Promise.all([invoke('storage:status', {}), invoke('audit:list', { limit: 50 }), invoke('dataset:imports', { limit: 10 })]);
      if (mine !== latest.current) return;
      setStatus(s);
      setAudit(a);
      setImports(i);
      setError(null);
    } catch (e) {
      if (mine === latest.current) setError((e as Error).message);
    }
  }, []);
  // Read again whenever Settings is opened, and when saving or the file's health changes (a restore, a full disk, a fix).
  const saving = useStore((s) => s.storage);
  const damage = useStore((s) => s.storageDamage);
  const shown = useStore((s) => s.view === 'settings');
  useEffect(() => {
    if (shown) void load();
  }, [load, saving, damage, shown]);
  const backUpNow = async () => {
    setBackingUp(true);
    try {
      await invoke('storage:backup', {});
      setBackupError(null);
      await load();
    } catch (e) {
      setBackupError((e as Error).message);
    } finally {
      setBackingUp(false);
    }
  };
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
      <HistoryPolicyForm />
      <div className="backups" data-testid="backups">
        <h3>Automatic backups</h3>
        <p className="muted small">A consistent copy a minute after start and every 6 hours; the newest three are kept, and offered if the database is ever damaged.</p>
        {status.backups.length === 0 ? <p className="muted">None yet.</p> : (
          <ul>
            {status.backups.map((b) => <li key={b.path} title={b.path}>{new Date(b.at).toLocaleString()} · {formatBytes(b.bytes)}</li>)}
          </ul>
        )}
        <button onClick={() => void backUpNow()} disabled={backingUp} data-testid="backup-now">{backingUp ? 'Backing up…' : 'Back up now'}</button>
        {backupError ? <span className="error" role="alert"> {backupError}</span> : null}
      </div>
      <div className="imports" data-testid="imports">
        <h3>Imported datasets</h3>
        {imports.length === 0 ? <p className="muted">None yet.</p> : (
          <ul>
            {imports.map((d) => (
              <li key={`${d.datasetId}-${d.importedAt}`}>
                <strong>{d.title}</strong> <span className="muted">— {d.fileName}, {formatBytes(d.bytes)}, {d.rows.toLocaleString()} rows × {d.columns} columns, {d.failures.toLocaleString()} failures · {new Date(d.importedAt).toLocaleString()}</span>
              </li>
            ))}
          </ul>
        )}
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

const POLICY_FIELDS = [
  { key: 'historyDays', label: 'Raw readings kept (days)', min: 1, max: 365, step: 1 },
  { key: 'rawHistoryAssets', label: 'Assets with raw readings', min: 0, max: 100_000, step: 1 },
  { key: 'historyQuotaGb', label: 'History quota (GB)', min: 0.01, max: 10_000, step: 0.1 },
] as const;

type PolicyKey = (typeof POLICY_FIELDS)[number]['key'];

/**
 * How much history is kept: raw readings for so many days and for the first so many assets of the
 * register (the others, and older readings, as 1-minute aggregates for a year), within a quota.
 */
function HistoryPolicyForm() {
  const settings = useStore((s) => s.settings);
  const [draft, setDraft] = useState<Partial<Record<PolicyKey, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  if (!settings) return null;
  const value = (k: PolicyKey) => draft[k] ?? String(settings[k]);
  const invalid = POLICY_FIELDS.filter((f) => {
    const v = Number(value(f.key));
    return !Number.isFinite(v) || v < f.min || v > f.max || (f.step === 1 && !Number.isInteger(v));
  });
  const changed = POLICY_FIELDS.some((f) => Number(value(f.key)) !== settings[f.key]);
  const save = async () => {
    const patch = Object.fromEntries(POLICY_FIELDS.map((f) => [f.key, Number(value(f.key))]));
    const ok = await useStore.getState().updateSettings(patch);
    setMessage(ok ? 'Saved: applies from the next pruning (within a minute).' : useStore.getState().settingsError);
    if (ok) setDraft({});
  };
  return (
    <form className="history-policy" onSubmit={(e) => (e.preventDefault(), void save())} data-testid="history-policy">
      {POLICY_FIELDS.map((f) => (
        <label key={f.key}>
          {f.label}
          <input type="number" min={f.min} max={f.max} step={f.step} value={value(f.key)} aria-invalid={invalid.includes(f)}
            onChange={(e) => setDraft((d) => ({ ...d, [f.key]: e.target.value }))} data-testid={`policy-${f.key}`} />
        </label>
      ))}
      <button type="submit" disabled={!changed || invalid.length > 0}>Save</button>
      {invalid.length ? <span className="error">{invalid.map((f) => `${f.label}: ${f.min}–${f.max}`).join('; ')}</span> : message ? <span className="muted">{message}</span> : null}
    </form>
  );
}
