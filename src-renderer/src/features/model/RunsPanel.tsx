import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Panel } from '../../components/Panel';
import { formatCount } from '../../lib/format';
import { useStore } from '../../store';
import { CsvExportButton } from '../export/ExportButtons';
import { exportRunMetrics } from '../export/exports';

/** Every training run and opened model file, to compare them and choose the active one. */
export function RunsPanel() {
  const { runs, error } = useStore(useShallow((s) => ({ runs: s.runs, error: s.runsError })));
  const { loadRuns, activateRun, saveModel, openModelFile } = useStore.getState();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => void loadRuns(), [loadRuns]);
  return (
    <Panel
      title="Runs and models"
      actions={
        <>
          <input ref={input} type="file" accept=".json,application/json" hidden data-testid="open-model-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void openModelFile(f);
            }} />
          <button onClick={() => input.current?.click()}>Open model file…</button>
          {runs.length ? <CsvExportButton run={() => exportRunMetrics()} testId="export-runs" title="Every run with its settings and metrics as a CSV file" /> : null}
        </>
      }
    >
      {error ? <div className="error-banner" role="alert" data-testid="runs-error">{error}</div> : null}
      {runs.length === 0 ? (
        <p className="empty">No runs yet: train a model above, or open a model file.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="runs-table">
            <thead>
              <tr>
                <th scope="col">When</th><th scope="col">Data</th><th scope="col">Features</th><th scope="col" className="num">Trees</th>
                <th scope="col" className="num">Rows</th><th scope="col" className="num">F1</th><th scope="col" className="num">PR-AUC</th>
                <th scope="col" className="num">Brier</th><th scope="col">Status</th><th scope="col" />
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.runId} data-run={r.runId}>
                  <td>{new Date(r.createdAt).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })}{r.source === 'opened' ? ' (opened)' : ''}</td>
                  <td className="wrap-cell">{r.datasetTitle}</td>
                  <td>{r.features} · {r.pipeline}{r.engine === 'ml-random-forest' ? ' · ml-random-forest' : ''}{r.model === 'boosted-trees' ? ' · boosted' : ''}</td>
                  <td className="num">{r.trees}</td>
                  <td className="num">{formatCount(r.rows)}</td>
                  <td className="num">{r.f1.toFixed(3)}</td>
                  <td className="num">{r.prAuc.toFixed(3)}</td>
                  <td className="num">{r.brier.toFixed(4)}</td>
                  <td>{r.active ? <span className="badge-active">Active</span> : null}</td>
                  <td className="row-actions">
                    {!r.active ? <button onClick={() => void activateRun(r.runId)}>Activate</button> : null}
                    <button onClick={() => void saveModel(r.runId)}>Save…</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
