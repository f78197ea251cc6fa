import { useState } from 'react';
import { formatCount, formatNumber, formatPercent } from '../../lib/format';
import { useStore } from '../../store';

const SHOWN = 10;

/**
 * Why the model says what it says for one row: exact TreeSHAP contributions of each feature to the
 * forest's score (red pushes towards failure, blue away), drawn as plain bars — no chart library.
 */
export function ExplainPanel({ datasetId }: { datasetId: string }) {
  const explanation = useStore((s) => s.explanation);
  const error = useStore((s) => s.explainError);
  const { explain } = useStore.getState();
  const [row, setRow] = useState(1);
  const e = explanation;
  const top = e ? e.contributions.slice(0, SHOWN) : [];
  const scale = Math.max(1e-9, ...top.map((c) => Math.abs(c.shap)));
  const go = (pick: 'this' | 'failure' | 'normal', at = row) => void explain(datasetId, Math.max(0, at - 1), pick).then(() => {
    const r = useStore.getState().explanation;
    if (r) setRow(r.row + 1);
  });
  return (
    <div className="explain" data-testid="explain-panel">
      <div className="explain-controls">
        <label className="select-label">
          Row
          <input type="number" min={1} value={row} onChange={(ev) => setRow(Math.max(1, Number(ev.target.value) || 1))} style={{ width: 100 }} data-testid="explain-row" />
        </label>
        <button onClick={() => go('this')} data-testid="explain-this">Explain</button>
        <button onClick={() => go('failure')} data-testid="explain-failure">Next failure</button>
        <button onClick={() => go('normal')}>Next normal row</button>
      </div>
      {error ? <div className="error-banner" role="alert">{error}</div> : null}
      {e ? (
        <>
          <p data-testid="explain-summary">
            Row {formatCount(e.row + 1)} of {formatCount(e.rows)} (file row {formatCount(e.fileRow)}), {e.label === 1 ? 'a failure' : 'no failure'}:
            probability of failure <strong>{formatPercent(e.probability, 1)}</strong>. The model's score {e.score.toFixed(3)}{e.scale === 'log-odds' ? ' (log-odds)' : ''} = average {e.base.toFixed(3)} plus the contributions below.
          </p>
          {e.modes.length ? (
            <p className="muted" data-testid="explain-modes">
              Most likely failure modes: {e.modes.slice(0, 3).map((m) => `${m.mode} ${formatPercent(m.probability, 1)}`).join(', ')}.
            </p>
          ) : null}
          <div className="shap-bars">
            {top.map((c) => (
              <div className="shap-row" key={c.feature}>
                <span className="shap-name" title={c.feature}>{c.feature} = {formatNumber(c.value)}</span>
                <span className="shap-track">
                  <span className={c.shap >= 0 ? 'shap-bar up' : 'shap-bar down'} style={{ width: `${(50 * Math.abs(c.shap)) / scale}%`, [c.shap >= 0 ? 'left' : 'right']: '50%' }} />
                </span>
                <span className="shap-value">{c.shap >= 0 ? '+' : '−'}{Math.abs(c.shap).toFixed(3)}</span>
              </div>
            ))}
          </div>
        </>
      ) : (
        <p className="empty">Pick a row to see how each feature moved its prediction.</p>
      )}
    </div>
  );
}
