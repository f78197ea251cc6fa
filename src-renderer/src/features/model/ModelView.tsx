import { defaultForestFor } from '@shared/contract/plain';
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { subscribe } from '../../api/client';
import { Panel } from '../../components/Panel';
import { Staged } from '../../components/Staged';
import { StatCard } from '../../components/StatCard';
import { formatCount } from '../../lib/format';
import { useStore } from '../../store';
import { DEFAULT_COSTS } from '../../lib/cost';
import { CalibrationPlot, CostPanel, operatingPoint } from './CostPanel';
import { ConfusionMatrix, ImportanceBars, RocAndPr } from './ResultCharts';
import { RunsPanel } from './RunsPanel';
import { DriftPanel } from '../drift/DriftPanel';
import { ExplainPanel } from './ExplainPanel';
import { ModeRecall } from './ModeRecall';
import { TrainFormFields } from './TrainForm';
import { PdfReportButton } from '../export/ExportButtons';
import { ModelReport } from '../export/ModelReport';
import { exportFileName } from '../export/rows';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

export function ModelView() {
  const { overview, runId, progress, result, error } = useStore(
    useShallow((s) => ({ overview: s.overview, runId: s.trainingRunId, progress: s.trainProgress, result: s.trainResult, error: s.trainError })),
  );
  const { train, cancelTraining, setTrainProgress, setTrainForm } = useStore.getState();
  const [costs, setCosts] = useState<{ miss: number; falseAlarm: number }>(DEFAULT_COSTS);
  useEffect(() => subscribe('model:progress', (p) => setTrainProgress(p.runId, p)), [setTrainProgress]);
  const boosted = useStore((s) => s.trainForm.model === 'boosted-trees');
  const physics = overview?.schema === 'ai4i';
  // A fleet over time (asset id and timestamp columns) gets per-asset time-series features.
  const series = !!overview && overview.columns.some((c) => c.role === 'asset-id') && overview.columns.some((c) => c.role === 'timestamp');
  // The physics features exist for the milling schema only; other datasets train on their sensors.
  useEffect(() => {
    if (overview) setTrainForm({ pipeline: physics ? 'milling-physics' : series ? 'fleet-timeseries' : 'raw', forest: { nTrees: defaultForestFor(overview.rows).nTrees } });
  }, [overview, physics, series, setTrainForm]);

  // The stored runs and the live models' drift need no dataset: only training does.
  if (!overview) {
    return (
      <div className="view">
        <p className="empty">Open or import a dataset on the Data page to train a model on it.</p>
        <RunsPanel />
        <DriftPanel />
      </div>
    );
  }
  const fraction = progress ? (progress.fold * progress.treesTotal + progress.treesDone) / ((progress.folds + 1) * progress.treesTotal) : 0;
  // One operating point for the confusion matrix and the mode table (the cost panel shows the same).
  const op = result ? operatingPoint(result, costs.miss, costs.falseAlarm) : null;
  return (
    <div className="view">
      <Panel title={`Train a failure model on ${overview.title}`}>
        <TrainFormFields disabled={!!runId} physicsAvailable={physics} seriesAvailable={series} />
        <div className="actions">
          <button className="primary" disabled={!!runId} onClick={() => void train(overview.datasetId)} data-testid="train-start">
            {runId ? 'Training…' : boosted ? 'Train boosted trees' : 'Train random forest'}
          </button>
          {runId ? <button onClick={() => void cancelTraining()} data-testid="train-cancel">Cancel</button> : null}
          {runId && progress ? (
            <div className="train-progress" data-testid="train-progress">
              <div className="progress wide" role="progressbar" aria-label="Training progress" aria-valuenow={Math.round(fraction * 100)} aria-valuemin={0} aria-valuemax={100}>
                <div style={{ width: `${Math.round(fraction * 100)}%` }} />
              </div>
              <span>
                {progress.phase === 'cross-validation' ? `fold ${progress.fold + 1} of ${progress.folds}` : progress.phase} · {progress.treesDone}/{progress.treesTotal} trees ·{' '}
                {progress.elapsedSeconds.toFixed(1)} s{Number.isFinite(progress.etaSeconds) ? ` · about ${Math.ceil(progress.etaSeconds)} s left` : ''}
              </span>
            </div>
          ) : null}
        </div>
        {error ? <div className="error-banner" role="alert" data-testid="train-error">{error}</div> : null}
      </Panel>
      <RunsPanel />
      <DriftPanel />
      {result ? (
        <div className="stack" key={result.runId}>
          <p className="muted" data-testid="train-summary">
            {result.validation === 'holdout' ? `20 % holdout (${formatCount(result.evaluatedRows)} rows evaluated)` : `${result.folds}-fold cross-validation`} {result.folding === 'by asset' ? 'grouped by asset (no asset in both training and test)' : 'stratified'} on {formatCount(result.rows)} rows ({formatCount(result.positives)} {result.horizon === 'this process' ? 'failures' : `rows that fail ${result.horizon}`}), threshold {result.threshold}, {result.features.length} features, {result.workers} training workers, {result.trainSeconds.toFixed(1)} s.
          </p>
          <div className="actions tight">
            <PdfReportButton kind="model" fileName={exportFileName('model-report', 'pdf', new Date(), result.runId)} report={() => <ModelReport result={result} op={op!} costs={costs} />} testId="export-model-report" />
          </div>
          <div className="stat-row">
            <StatCard label="F1" value={f3(result.metrics.f1)} testId="metric-f1" />
            <StatCard label="Precision" value={f3(result.metrics.precision)} detail="of alarms, real failures" testId="metric-precision" />
            <StatCard label="Recall" value={f3(result.metrics.recall)} detail="of failures, caught" testId="metric-recall" />
            <StatCard label="ROC-AUC" value={f3(result.metrics.rocAuc)} testId="metric-roc" />
            <StatCard label="PR-AUC" value={f3(result.metrics.prAuc)} testId="metric-pr" />
            <StatCard label="Brier score" value={result.metrics.brier.toFixed(4)} detail="lower is better" testId="metric-brier" />
          </div>
          <div className="grid-2">
            <Panel title="Operating point and cost">
              <CostPanel result={result} miss={costs.miss} falseAlarm={costs.falseAlarm} onCosts={(miss, falseAlarm) => setCosts({ miss, falseAlarm })} />
            </Panel>
            <Panel title="Confusion matrix at the cost-chosen threshold (out-of-fold)">
              <ConfusionMatrix c={op!} />
            </Panel>
          </div>
          <Panel title="Recall by failure mode at the cost-chosen threshold (out-of-fold)">
            <ModeRecall result={result} index={op!.index} />
          </Panel>
          <div className="grid-2">
            <Panel title="What drives the prediction (importance)">
              <Staged height={240}>
                <ImportanceBars importance={result.importance} />
              </Staged>
            </Panel>
            <Panel title="Calibration (out-of-fold, cross-fitted isotonic)">
              <Staged height={260}>
                <CalibrationPlot result={result} />
              </Staged>
            </Panel>
          </div>
          <Panel title="Explain a prediction (exact TreeSHAP)">
            <ExplainPanel datasetId={result.datasetId} />
          </Panel>
          <Panel title="ROC and precision–recall curves (out-of-fold; dot = operating point at 0.5)">
            <Staged height={250}>
              <RocAndPr r={result} />
            </Staged>
          </Panel>
        </div>
      ) : null}
    </div>
  );
}
