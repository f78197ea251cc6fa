import type { TwinDetail, TwinSnapshot } from '@shared/contract';
import { formatHours, formatPercent, formatSimTime } from '../../lib/format';
import { useStore } from '../../store';
import { AssetReport } from '../export/AssetReport';
import { PdfReportButton } from '../export/ExportButtons';
import { exportFileName } from '../export/rows';
import { StatusBadge } from '../fleet/StatusBadge';

/** A probability bar with the operating threshold marked on it. */
export function ProbabilityBar({ probability, threshold, label }: { probability: number; threshold: number; label: string }) {
  const over = probability >= threshold;
  return (
    <span className="prob-bar" role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={1} aria-valuenow={probability} aria-valuetext={`${formatPercent(probability, 1)}, threshold ${formatPercent(threshold, 0)}`}>
      <span className={`prob-fill${over ? ' over' : ''}`} style={{ width: `${Math.min(100, probability * 100)}%` }} />
      <span className="prob-threshold" style={{ left: `${Math.min(100, threshold * 100)}%` }} title={`operating threshold ${formatPercent(threshold, 0)}`} />
    </span>
  );
}

/** What the twin says right now: status, health, probability against the threshold, modes, remaining life. */
export function TwinHeader({ detail, snapshot }: { detail: TwinDetail; snapshot: TwinSnapshot }) {
  const models = useStore((s) => s.fleetModels);
  const c = detail.config;
  const p = snapshot.probability;
  return (
    <section className="panel twin-header" aria-label={`${c.id} status`} data-testid="twin-header">
      <div className="twin-title">
        <h2 data-testid="twin-title">{c.id} <span className="muted">· {c.name}</span></h2>
        <span className="muted small">{c.kind} · downtime {c.downtimeCostPerHour.toLocaleString('en-US')} /h · last reading {snapshot.lastReadingMs === null ? 'none yet' : formatSimTime(snapshot.lastReadingMs)}</span>
        <span className="twin-export">
          <PdfReportButton kind="asset" fileName={exportFileName('report', 'pdf', new Date(), c.id)} report={() => <AssetReport detail={detail} snapshot={snapshot} />} testId="export-asset-report" />
        </span>
      </div>
      <div className="twin-facts">
        <div className="fact">
          <span className="stat-label">Status</span>
          <StatusBadge status={snapshot.status} down={snapshot.down} testId="twin-status" />
        </div>
        <div className="fact">
          <span className="stat-label">Health</span>
          <span className="fact-value" data-testid="twin-health">{snapshot.health}</span>
        </div>
        <div className="fact wide">
          <span className="stat-label">Failure probability</span>
          {p === null ? (
            <span className="muted" data-testid="twin-probability" data-probability="">
              {models && models.state !== 'ready' ? `No model yet: default models are training… ${Math.round(models.progress * 100)} %` : 'No model for this asset: sensor limits only'}
            </span>
          ) : (
            <span className="prob-line" data-testid="twin-probability" data-probability={p}>
              <strong className={p >= snapshot.threshold ? 'over' : ''}>{formatPercent(p, 1)}</strong>
              <ProbabilityBar probability={p} threshold={snapshot.threshold} label="Failure probability" />
              <span className="muted small">threshold {formatPercent(snapshot.threshold, 0)}</span>
            </span>
          )}
        </div>
        <div className="fact">
          <span className="stat-label">Remaining life</span>
          <span className="fact-value" title={snapshot.rul?.basis} data-testid="twin-rul">{snapshot.rul ? formatHours(snapshot.rul.hours) : '–'}</span>
        </div>
        <div className="fact wide">
          <span className="stat-label">Most likely modes</span>
          <span className="modes" data-testid="twin-modes">
            {p !== null && snapshot.modes.length
              ? snapshot.modes.slice(0, 3).map((m) => <span key={m.mode} className="mode-chip">{m.mode} {formatPercent(m.probability, 1)}</span>)
              : <span className="muted">–</span>}
          </span>
        </div>
      </div>
    </section>
  );
}
