import type { TrainingResult } from '@shared/contract';
import type { OperatingPoint } from '../../lib/cost';
import { formatCount, formatPercent } from '../../lib/format';
import { useStore } from '../../store';
import { operatingRates, topImportance } from './report-data';
import { Fact, More, ReportHead, ReportSection } from './ReportParts';

const MAX_FEATURES = 10;
const MAX_MODES = 6;

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const euro = (x: number) => `€${Math.round(x).toLocaleString('en-US')}`;

/**
 * One evaluated model on one page: how it was trained, its out-of-fold metrics, the confusion
 * matrix at the cost-chosen threshold (counts and shares), the costs behind that threshold, the
 * ROC and PR summary numbers, the features that drive it and recall per failure mode.
 */
export function ModelReport({ result, op, costs }: { result: TrainingResult; op: OperatingPoint; costs: { miss: number; falseAlarm: number } }) {
  const run = useStore((s) => s.runs.find((r) => r.runId === result.runId));
  const m = result.metrics;
  const rates = operatingRates(op);
  const features = topImportance(result.importance, MAX_FEATURES);
  const baseRate = result.positives / Math.max(1, result.rows);
  const evaluation = result.validation === 'holdout' ? `20 % holdout (${formatCount(result.evaluatedRows)} rows)` : `${result.folds}-fold cross-validation`;
  const settings: [string, string][] = [
    ['Run', `${result.runId}${run ? ` · ${run.source}${run.active ? ' · active' : ''}` : ''}`],
    ['Created', run ? new Date(run.createdAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '–'],
    ['Dataset', run?.datasetTitle ?? result.datasetId],
    ['Model', `${run?.model === 'boosted-trees' ? 'gradient-boosted trees' : 'random forest'}${run?.engine ? ` (${run.engine} engine)` : ''}`],
    ['Trees · max depth', run ? `${run.trees} · ${run.maxDepth}` : '–'],
    ['Features', `${result.features.length}${run ? ` · ${run.pipeline}` : ''}`],
    ['Evaluation', `${evaluation}, ${result.folding === 'by asset' ? 'grouped by asset' : 'stratified'}`],
    ['Rows · failures', `${formatCount(result.rows)} · ${formatCount(result.positives)} (${formatPercent(baseRate, 2)}, label: ${result.horizon})`],
    ['Training', `${result.trainSeconds.toFixed(1)} s on ${result.workers} workers`],
  ];
  const cell = (n: number, share: number, label: string, good: boolean, testId: string) => (
    <td className={good ? 'cm-good' : 'cm-bad'} data-testid={testId}>
      <strong>{formatCount(n)}</strong> <span>{formatPercent(share, 1)}</span>
      <small>{label}</small>
    </td>
  );

  return (
    <article className="report" aria-label={`Model report: ${result.runId}`} data-testid="model-report">
      <ReportHead kind="Model evaluation" title={`${run?.datasetTitle ?? result.datasetId} · failure model`} subtitle={`${result.runId} · out-of-fold metrics at threshold ${result.threshold}`} />
      <div className="report-facts">
        <Fact label="Accuracy" value={f3(m.accuracy)} />
        <Fact label="Precision" value={f3(m.precision)} />
        <Fact label="Recall" value={f3(m.recall)} />
        <Fact label="F1" value={f3(m.f1)} testId="report-f1" />
        <Fact label="ROC-AUC" value={f3(m.rocAuc)} />
        <Fact label="PR-AUC" value={f3(m.prAuc)} />
        <Fact label="Brier" value={m.brier.toFixed(4)} detail={`${result.brierUncalibrated.toFixed(4)} uncalibrated`} />
      </div>
      <div className="report-cols">
        <ReportSection title="Run settings">
          <table className="report-table report-kv">
            <tbody>{settings.map(([k, v]) => <tr key={k}><th>{k}</th><td className="report-wrap">{v}</td></tr>)}</tbody>
          </table>
        </ReportSection>
        <ReportSection title="Threshold and costs">
          <p className="report-text" data-testid="report-operating-point">
            Alarm at a calibrated probability of at least <strong>{op.threshold.toFixed(3)}</strong>, the threshold with the lowest expected cost at {euro(costs.miss)} per missed
            failure and {euro(costs.falseAlarm)} per false alarm: {op.fn} missed × {euro(costs.miss)} + {op.fp} false alarms × {euro(costs.falseAlarm)} = <strong>{euro(op.cost)}</strong> over{' '}
            {formatCount(rates.total)} evaluated rows.
          </p>
          <table className="report-table">
            <tbody>
              <tr><th>Precision · recall at this threshold</th><td className="num">{f3(rates.precision)} · {f3(rates.recall)}</td></tr>
              <tr><th>False-alarm rate · accuracy</th><td className="num">{f3(rates.falseAlarmRate)} · {f3(rates.accuracy)}</td></tr>
            </tbody>
          </table>
        </ReportSection>
      </div>
      <div className="report-cols">
        <ReportSection title="Confusion matrix at the cost-chosen threshold">
          <table className="report-confusion" data-testid="report-confusion">
            <thead><tr><th /><th>Predicted no failure</th><th>Predicted failure</th></tr></thead>
            <tbody>
              <tr><th>No failure</th>{cell(op.tn, rates.share.tn, 'true negatives', true, 'report-cm-tn')}{cell(op.fp, rates.share.fp, 'false alarms', false, 'report-cm-fp')}</tr>
              <tr><th>Failure</th>{cell(op.fn, rates.share.fn, 'missed failures', false, 'report-cm-fn')}{cell(op.tp, rates.share.tp, 'caught failures', true, 'report-cm-tp')}</tr>
            </tbody>
          </table>
        </ReportSection>
        <ReportSection title="ROC and precision–recall (out-of-fold)">
          <table className="report-table">
            <tbody>
              <tr><th>ROC-AUC</th><td className="num">{f3(m.rocAuc)}</td><td className="report-detail">0.5 = chance</td></tr>
              <tr><th>PR-AUC</th><td className="num">{f3(m.prAuc)}</td><td className="report-detail">chance = failure rate {f3(baseRate)}</td></tr>
              <tr><th>Operating point (ROC)</th><td className="num">{f3(rates.falseAlarmRate)}, {f3(rates.recall)}</td><td className="report-detail">false-alarm rate, recall</td></tr>
              <tr><th>Operating point (PR)</th><td className="num">{f3(rates.recall)}, {f3(rates.precision)}</td><td className="report-detail">recall, precision</td></tr>
            </tbody>
          </table>
        </ReportSection>
      </div>
      <div className="report-cols">
        <ReportSection title="Top features (importance)">
          <table className="report-table" data-testid="report-importance">
            <thead><tr><th>Feature</th><th className="num">Permutation</th><th className="num">Impurity</th></tr></thead>
            <tbody>
              {features.map((f) => (
                <tr key={f.feature}><td className="report-wrap">{f.feature}</td><td className="num">{(Math.max(0, f.permutation) * 100).toFixed(1)}</td><td className="num">{formatPercent(f.impurity, 1)}</td></tr>
              ))}
            </tbody>
          </table>
          <p className="report-detail">Permutation: drop in held-out PR-AUC (points) when the feature is shuffled. Impurity: share of the split gain.</p>
          <More shown={MAX_FEATURES} total={result.importance.length} what="features" />
        </ReportSection>
        <ReportSection title="Recall by failure mode at this threshold">
          {result.modeRecall.length === 0 ? <p className="report-empty">The dataset names no failure modes.</p> : (
            <table className="report-table">
              <thead><tr><th>Mode</th><th className="num">Failures</th><th className="num">Caught</th><th className="num">Recall</th></tr></thead>
              <tbody>
                {result.modeRecall.slice(0, MAX_MODES).map((r) => {
                  const caught = r.caught[op.index] ?? 0;
                  return <tr key={r.mode}><td>{r.mode}</td><td className="num">{formatCount(r.failures)}</td><td className="num">{formatCount(caught)}</td><td className="num">{formatPercent(caught / Math.max(1, r.failures), 0)}</td></tr>;
                })}
              </tbody>
            </table>
          )}
          <More shown={MAX_MODES} total={result.modeRecall.length} what="modes" />
        </ReportSection>
      </div>
      <footer className="report-foot">
        All metrics are out-of-fold: every row is scored by a model that did not train on it. Probabilities are calibrated by isotonic regression fitted on out-of-fold scores.
      </footer>
    </article>
  );
}
