/**
 * Drift of each live model against its training data: status, a per-feature table of KS, JS, PSI
 * and the recent mean's shift with the thresholds, training-versus-live histograms, the
 * prediction distribution, and "Retrain on recent data" with the normal training progress.
 */
import type { DriftPolicyInfo, DriftReport, FeatureDrift } from '@shared/contract';
import { retrainPrefix } from '@shared/contract/plain';
import { useEffect, useState } from 'react';
import { invoke, subscribe } from '../../api/client';
import { Panel } from '../../components/Panel';
import { useStore } from '../../store';
import { AmbientShiftControl } from './AmbientShiftControl';
import { DriftHistogram } from './DriftHistogram';
import './drift.css';

const POLL_MS = 5000;
const VERDICT_TEXT: Record<DriftReport['verdict'], string> = { 'warming-up': 'Collecting readings', ok: 'No drift', drift: 'Drift: retrain recommended' };

export function DriftPanel() {
  const [state, setState] = useState<{ policy: DriftPolicyInfo; models: DriftReport[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => invoke('drift:get', {}).then((s) => live && (setState(s), setError(null)), (e: Error) => live && setError(e.message));
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    const stop = subscribe('alerts:changed', (e) => {
      if (e.changes.some((c) => c.alert.ruleId.startsWith('monitor:'))) void load();
    });
    return () => ((live = false), clearInterval(timer), stop());
  }, []);
  return (
    <Panel title="Drift of the live models" actions={<AmbientShiftControl />}>
      {error ? <div className="error-banner" role="alert">{error}</div> : null}
      {!state ? <p className="muted">Loading…</p> : state.models.length === 0 ? <p className="empty">No live model is scoring the fleet yet.</p> : null}
      {state?.models.map((m) => <ModelDrift key={m.version} report={m} policy={state.policy} />)}
    </Panel>
  );
}

/** Feature rows shown before "show all". */
const FEATURE_ROWS = 12;

/** Drifting first, then judged features, then those not judged (set by the operator, too few readings). */
const rankOf = (f: FeatureDrift) => (f.verdict === 'drift' ? 0 : f.verdict === 'ok' ? 1 : 2);

function ModelDrift({ report, policy }: { report: DriftReport; policy: DriftPolicyInfo }) {
  const [open, setOpen] = useState<string | null>(report.drifting[0] ?? null);
  const [everyFeature, setEveryFeature] = useState(false);
  const shown = [...report.features, report.prediction].find((f) => f.name === open) ?? null;
  // A time-series model has dozens of features: the drifting and most shifted come first, the rest on request.
  const ranked = [...report.features].sort((a, b) => rankOf(a) - rankOf(b) || b.js - a.js || a.name.localeCompare(b.name));
  const rows = everyFeature ? ranked : ranked.slice(0, FEATURE_ROWS);
  return (
    <div className="drift-model" data-testid={`drift-${report.runId}`}>
      <div className="drift-head">
        <h3>{report.runId}</h3>
        <span className={`drift-status ${report.verdict}`} role="status">{VERDICT_TEXT[report.verdict]}</span>
        <span className="muted">
          {report.samples} readings in the {policy.windowHours} h window{report.windowFull ? '' : ' (still filling: distribution test not yet)'} · {report.recent} in the last {policy.recentHours} h
        </span>
      </div>
      <RetrainButton runId={report.runId} />
      <table className="drift-table">
        <caption className="muted">
          Drift when JS &gt; {policy.js} and PSI &gt; {policy.psi} over a full {policy.windowHours} h window (higher where a stable {policy.windowHours} h slice of the training data already shows more: the level under each value), or when the last {policy.recentHours} h mean is more than {policy.shiftSd} training SDs away; held for two evaluations (every {policy.everyMinutes} min).
        </caption>
        <thead>
          <tr><th scope="col">Feature</th><th scope="col">KS (p)</th><th scope="col">JS</th><th scope="col">PSI</th><th scope="col">Shift (SD)</th><th scope="col">Outside range</th><th scope="col">Verdict</th></tr>
        </thead>
        <tbody>
          {[...rows, report.prediction].map((f) => (
            <FeatureRow key={f.name} f={f} policy={policy} judged={report.windowFull} selected={f.name === open} onSelect={() => setOpen(f.name === open ? null : f.name)} />
          ))}
        </tbody>
      </table>
      {ranked.length > FEATURE_ROWS ? (
        <button className="link" onClick={() => setEveryFeature(!everyFeature)} aria-expanded={everyFeature} data-testid={`drift-all-${report.runId}`}>
          {everyFeature ? `Show the ${FEATURE_ROWS} most shifted features` : `Show all ${ranked.length} features`}
        </button>
      ) : null}
      {shown ? (
        <div className="drift-detail">
          <h4>{shown.name === 'prediction' ? 'Predicted probability' : shown.name}: training versus live</h4>
          <DriftHistogram feature={shown} />
        </div>
      ) : null}
      <div className="drift-detail">
        <h4>Prediction distribution (calibrated probability)</h4>
        <DriftHistogram feature={report.prediction} />
      </div>
    </div>
  );
}

/** `judged`: the window is full, so JS and PSI count (before that they are shown, not highlighted). */
function FeatureRow({ f, policy, judged, selected, onSelect }: { f: FeatureDrift; policy: DriftPolicyInfo; judged: boolean; selected: boolean; onSelect: () => void }) {
  const hot = (v: boolean) => (v ? 'hot' : undefined);
  // Without a live reading the statistics compare the reference with nothing: not numbers to read.
  const none = f.live.every((c) => c === 0);
  const verdict = f.verdict === 'excluded' ? 'set by the operator (not judged)' : f.verdict === 'too-few' ? 'too few readings' : f.verdict === 'drift' ? `drift: ${f.reason}` : 'ok';
  return (
    <tr className={f.verdict === 'drift' ? 'drifting' : undefined}>
      <th scope="row">
        <button className="link" onClick={onSelect} aria-expanded={selected} aria-label={`Show the training versus live histogram of ${f.name}`}>{f.name}</button>
      </th>
      <td>{none ? '—' : `${f.ks.toFixed(3)} (${f.ksP < 0.001 ? '< 0.001' : f.ksP.toFixed(3)})`}</td>
      <td className={hot(judged && f.js > f.jsLevel)}>{none ? '—' : f.js.toFixed(3)}<span className="drift-level"> / {f.jsLevel}</span></td>
      <td className={hot(judged && f.psi > f.psiLevel)}>{none ? '—' : f.psi.toFixed(2)}<span className="drift-level"> / {f.psiLevel}</span></td>
      <td className={hot(Math.abs(f.shift) > policy.shiftSd)}>{f.shift >= 0 ? '+' : ''}{f.shift.toFixed(2)}</td>
      <td>{f.below + f.above}</td>
      <td>{verdict}</td>
    </tr>
  );
}

function RetrainButton({ runId }: { runId: string }) {
  const [busy, setBusy] = useState(false);
  const [fraction, setFraction] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!busy) return;
    return subscribe('model:progress', (p) => {
      if (!p.runId.startsWith(retrainPrefix(runId))) return;
      setFraction(p.treesTotal > 0 ? Math.min(1, (p.fold * p.treesTotal + p.treesDone) / ((p.folds + 1) * p.treesTotal)) : 0);
    });
  }, [busy, runId]);
  const retrain = async () => {
    setBusy(true);
    setFraction(0);
    setMessage(null);
    try {
      const r = await invoke('drift:retrain', { runId });
      const h = r.history;
      setMessage(
        `New run ${r.runId}: trained on ${h.baseDatasetTitle} plus ${h.rows.toLocaleString('en')} readings of ${h.assets} asset${h.assets === 1 ? '' : 's'} from the fleet's history ` +
          `(${h.failures} recorded failure${h.failures === 1 ? '' : 's'}, ${h.positives.toLocaleString('en')} rows labelled failure${h.skipped ? `; ${h.skipped} readings without all inputs left out` : ''}). ` +
          `It is in the runs list next to ${runId}; compare and activate it there.`,
      );
      void useStore.getState().loadRuns();
    } catch (e) {
      setMessage(`Retraining failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="actions drift-actions">
      <button className="primary" disabled={busy} onClick={() => void retrain()} aria-label={`Retrain on recent data: ${runId}`}>
        {busy ? 'Retraining…' : 'Retrain on recent data'}
      </button>
      {busy ? (
        <div className="progress wide" role="progressbar" aria-label={`Retraining progress of ${runId}`} aria-valuenow={Math.round(fraction * 100)} aria-valuemin={0} aria-valuemax={100}>
          <div style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
      ) : null}
      {message ? <span role="status" className="drift-message" data-testid={`retrain-message-${runId}`}>{message}</span> : null}
    </div>
  );
}
