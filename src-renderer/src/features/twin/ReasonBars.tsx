import type { Reason } from '@shared/contract';
import { formatNumber } from '../../lib/format';

/**
 * TreeSHAP reasons as signed bars around a centre line: red pushes towards failure, blue away.
 * Plain divs (the .shap-* styles of the Model page's explanation).
 */
export function ReasonBars({ reasons, testId, empty = 'No reasons yet.' }: { reasons: Reason[]; testId: string; empty?: string }) {
  if (reasons.length === 0) return <p className="empty" data-testid={testId}>{empty}</p>;
  const scale = Math.max(1e-9, ...reasons.map((r) => Math.abs(r.shap)));
  return (
    <div className="shap-bars" data-testid={testId} role="list" aria-label="Reasons, largest effect first">
      {reasons.map((r) => (
        <div className="shap-row" key={r.feature} role="listitem" aria-label={`${r.feature} = ${formatNumber(r.value)}: ${r.shap >= 0 ? 'raises' : 'lowers'} the risk by ${Math.abs(r.shap).toFixed(3)}`}>
          <span className="shap-name" title={r.feature}>{r.feature} = {formatNumber(r.value)}</span>
          <span className="shap-track" aria-hidden="true">
            <span className={r.shap >= 0 ? 'shap-bar up' : 'shap-bar down'} style={{ width: `${(50 * Math.abs(r.shap)) / scale}%`, [r.shap >= 0 ? 'left' : 'right']: '50%' }} />
          </span>
          <span className="shap-value">{r.shap >= 0 ? '+' : '−'}{Math.abs(r.shap).toFixed(3)}</span>
        </div>
      ))}
    </div>
  );
}
