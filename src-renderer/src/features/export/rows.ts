/**
 * Pure shaping of the app's records into CSV rows (header first) and the export file names. The
 * columns are what the contract's types hold, so a planner's spreadsheet gets everything the app
 * knows. Times are ISO 8601 in UTC: alerts and fleet events are on the fleet's simulated clock,
 * which the app also shows in UTC (lib/format.ts: the same reading on every machine).
 */
import type { Alert, FleetEvent, RunSummary, TrainingResult } from '@shared/contract';
import type { CsvCell } from '../../lib/csv';

/** ISO 8601 UTC, or an empty cell for no time. */
export function isoUtc(ms: number | null | undefined): string {
  return ms === null || ms === undefined || !Number.isFinite(ms) ? '' : new Date(ms).toISOString();
}

export const ALERT_HEADER = [
  'Alert id', 'Asset', 'Asset name', 'Rule id', 'Rule', 'Severity', 'State', 'Message', 'Value', 'Peak value', 'Count',
  'Raised (UTC)', 'Last seen (UTC)', 'Acknowledged by', 'Acknowledged (UTC)', 'Comment', 'Cleared (UTC)', 'Reminded (UTC)', 'Model version',
] as const;

/** Alerts oldest first (a log reads down in time; ties by id, so the file is stable). */
export function alertRows(alerts: readonly Alert[], names: ReadonlyMap<string, string>): CsvCell[][] {
  const sorted = [...alerts].sort((a, b) => a.raisedAt - b.raisedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [
    [...ALERT_HEADER],
    ...sorted.map((a) => [
      a.id, a.assetId, names.get(a.assetId) ?? '', a.ruleId, a.ruleName, a.severity, a.state, a.message, a.value, a.peakValue, a.count,
      isoUtc(a.raisedAt), isoUtc(a.lastSeenAt), a.ackBy ?? '', isoUtc(a.ackAt), a.ackComment ?? '', isoUtc(a.clearedAt), isoUtc(a.remindedAt), a.modelVersion ?? '',
    ]),
  ];
}

/**
 * A maintenance event's detail is written by the twin service as "<action> — <operator>" or
 * "<action> — <operator>: <comment>" (src-main/services/twin-api.ts); failures and repairs have no
 * operator. Split back into columns; the full detail stays in its own column, so an operator name
 * that itself holds ": " loses nothing.
 */
export function splitMaintenanceDetail(detail: string): { action: string; operator: string; comment: string } | null {
  const dash = detail.indexOf(' — ');
  if (dash <= 0) return null;
  const rest = detail.slice(dash + 3);
  const colon = rest.indexOf(': ');
  return { action: detail.slice(0, dash), operator: colon >= 0 ? rest.slice(0, colon) : rest, comment: colon >= 0 ? rest.slice(colon + 2) : '' };
}

export const EVENT_HEADER = ['Time (UTC)', 'Asset', 'Asset name', 'Event', 'Action', 'Operator', 'Comment', 'Detail'] as const;

/** The maintenance log: failures, maintenance and repairs, oldest first (stable for equal times). */
export function eventRows(events: readonly FleetEvent[], names: ReadonlyMap<string, string>): CsvCell[][] {
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.atMs - b.e.atMs || a.i - b.i).map(({ e }) => e);
  return [
    [...EVENT_HEADER],
    ...sorted.map((e) => {
      const m = e.kind === 'maintenance' ? splitMaintenanceDetail(e.detail) : null;
      return [isoUtc(e.atMs), e.assetId, names.get(e.assetId) ?? '', e.kind, m?.action ?? '', m?.operator ?? '', m?.comment ?? '', e.detail];
    }),
  ];
}

export const RUN_HEADER = [
  'Run id', 'Created (UTC)', 'Source', 'Dataset', 'Pipeline', 'Engine', 'Model type', 'Features', 'Trees', 'Max depth', 'Rows',
  'Accuracy', 'Precision', 'Recall', 'F1', 'ROC-AUC', 'PR-AUC', 'Brier', 'Threshold', 'Active',
] as const;

function createdIso(createdAt: string): string {
  const t = Date.parse(createdAt);
  return Number.isFinite(t) ? new Date(t).toISOString() : createdAt;
}

/**
 * The runs table. A run summary (model:listRuns) holds F1, ROC-AUC, PR-AUC and Brier; accuracy,
 * precision, recall and the threshold they were taken at are in the full training result only,
 * which the window has for the run trained in this session: filled for that run, empty (not
 * known here, rather than made up) for the others. Runs from before engines and model types were
 * selectable carry neither: those cells stay empty too.
 */
export function runRows(runs: readonly RunSummary[], latest: TrainingResult | null): CsvCell[][] {
  return [
    [...RUN_HEADER],
    ...runs.map((r) => {
      const full = latest && latest.runId === r.runId ? latest : null;
      return [
        r.runId, createdIso(r.createdAt), r.source, r.datasetTitle, r.pipeline, r.engine ?? '', r.model ?? '', r.features, r.trees, r.maxDepth, r.rows,
        full?.metrics.accuracy, full?.metrics.precision, full?.metrics.recall, r.f1, r.rocAuc, r.prAuc, r.brier, full?.threshold, r.active ? 'yes' : 'no',
      ];
    }),
  ];
}

const two = (n: number) => String(n).padStart(2, '0');

/** The day of an export on the user's calendar: 2026-11-26. */
export function localDate(date: Date): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/**
 * twinscope-alerts-2026-11-26.csv, or twinscope-alerts-MTR-02-2026-11-26.csv for one asset. The
 * scope is reduced to characters every file system accepts.
 */
export function exportFileName(what: string, extension: 'csv' | 'pdf', date: Date, scope?: string): string {
  const safe = scope ? scope.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+|[._]+$/g, '').slice(0, 60) : '';
  return `twinscope-${what}${safe ? `-${safe}` : ''}-${localDate(date)}.${extension}`;
}
