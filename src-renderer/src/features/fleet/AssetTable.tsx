import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { Sparkline } from '../../components/Sparkline';
import { WindowedList, type RowRange } from '../../components/WindowedList';
import { useElementHeight } from '../../lib/use-element-height';
import { formatHours, formatNumber, formatPercent } from '../../lib/format';
import { useStore } from '../../store';
import { StatusBadge } from './StatusBadge';
import { useTopReason } from './top-reasons';

const ROW_HEIGHT = 48;

const COLUMNS = ['Status', 'Asset', 'Health', 'Failure prob.', 'Likely mode', 'Remaining life', 'Top reason', 'Trend'];
const NUMERIC = new Set(['Health', 'Failure prob.', 'Remaining life']);

/** One asset's row: re-renders only when that asset changes (its version; frames update it in place) or its reason. */
const AssetRow = memo(function AssetRow({ id, onOpen }: { id: string; onOpen: (id: string) => void }) {
  const a = useStore((s) => s.fleetAssets.get(id));
  const version = useStore((s) => s.fleetAssets.get(id)?.version ?? -1);
  const hasModel = a?.snapshot.probability !== null && a?.snapshot.probability !== undefined;
  const reason = useTopReason(id, a?.snapshot.readings ?? 0, hasModel);
  if (!a) return null;
  const { config: c, snapshot: s } = a;
  const mode = hasModel ? s.modes[0] : undefined;
  const over = hasModel && s.probability! >= s.threshold;
  return (
    <div className="asset-row" onClick={() => onOpen(id)} data-testid={`fleet-row-${id}`} data-status={s.status}>
      <span role="gridcell"><StatusBadge status={s.status} down={s.down} /></span>
      <span role="gridcell" className="asset-cell">
        <button className="asset-open" onClick={(e) => {
          e.stopPropagation();
          onOpen(id);
        }}>
          {/* The name read out starts with the visible text's words (WCAG 2.5.3, label in name). */}
          <span className="sr-only">Open the twin of </span>
          <strong>{c.id}</strong>
          <span className="muted small">{c.name} · {c.kind}</span>
        </button>
      </span>
      <span role="gridcell" className="num">{s.health}</span>
      <span role="gridcell" className={`num${over ? ' over' : ''}`} title={hasModel ? `operating threshold ${formatPercent(s.threshold, 0)}` : 'no model yet'}>
        {hasModel ? formatPercent(s.probability!, 1) : <span className="muted">no model</span>}
      </span>
      <span role="gridcell" className="ellipsis">{mode ? `${mode.mode} ${formatPercent(mode.probability, 1)}` : <span className="muted">–</span>}</span>
      <span role="gridcell" className="num" title={s.rul?.basis}>{s.rul ? formatHours(s.rul.hours) : <span className="muted">–</span>}</span>
      <span role="gridcell" className="ellipsis" title={reason ? `${reason.feature} = ${formatNumber(reason.value)} (${reason.shap >= 0 ? '+' : '−'}${Math.abs(reason.shap).toFixed(3)})` : undefined}>
        {reason ? <><span className={reason.shap >= 0 ? 'reason-up' : 'reason-down'} aria-label={reason.shap >= 0 ? 'raises risk' : 'lowers risk'}>{reason.shap >= 0 ? '▲' : '▼'}</span> {reason.feature}</> : <span className="muted">–</span>}
      </span>
      <span role="gridcell">
        <Sparkline values={a.sparkline} version={version} width={110} height={28} color={over ? 'var(--failure)' : 'var(--accent)'} ariaLabel={`${c.id} recent ${hasModel ? 'failure probability' : 'readings'}`} />
      </span>
    </div>
  );
});

/** The ranked, windowed asset list: only the rows on screen exist. */
export function AssetTable({ ids, empty, onVisible }: { ids: string[]; empty: string | null; onVisible?: (ids: string[]) => void }) {
  const area = useRef<HTMLDivElement>(null);
  const height = useElementHeight(area);
  const onOpen = useCallback((id: string) => useStore.getState().openTwin(id), []);
  const renderRow = useCallback((i: number) => <AssetRow id={ids[i]} onOpen={onOpen} />, [ids, onOpen]);
  const [range, setRange] = useState<RowRange>({ first: 0, last: -1 });
  // The rows on screen change with scrolling and with each re-ranking.
  useEffect(() => onVisible?.(ids.slice(range.first, range.last + 1)), [ids, range, onVisible]);
  return (
    <div className="asset-table" data-testid="fleet-list">
      <div className="asset-row asset-head" aria-hidden="true">
        {COLUMNS.map((c) => <span key={c} className={NUMERIC.has(c) ? 'num' : undefined}>{c}</span>)}
      </div>
      <div className="asset-list-area" ref={area}>
        {empty ? <p className="empty">{empty}</p> : null}
        {height > 0 && !empty ? <WindowedList rowCount={ids.length} rowHeight={ROW_HEIGHT} height={height} renderRow={renderRow} ariaLabel="Assets ranked by risk × downtime cost" role="grid" onRangeChange={setRange} /> : null}
      </div>
    </div>
  );
}
