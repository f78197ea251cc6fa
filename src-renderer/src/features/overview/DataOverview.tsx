import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { subscribe } from '../../api/client';
import { Panel } from '../../components/Panel';
import { StatCard } from '../../components/StatCard';
import { formatCount, formatPercent } from '../../lib/format';
import { useStore } from '../../store';
import { ClassHistogramChart } from './ClassHistogramChart';
import { ColumnTable } from './ColumnTable';
import { FailureModeChart } from './FailureModeChart';

const DEFAULT_DATASET = 'milling-ai4i';

export function DataOverview() {
  const { bundled, overview, loadingId, progress, histogram, histogramColumn, datasetError } = useStore(
    useShallow((s) => ({
      bundled: s.bundled, overview: s.overview, loadingId: s.loadingId, progress: s.progress,
      histogram: s.histogram, histogramColumn: s.histogramColumn, datasetError: s.datasetError,
    })),
  );
  const { loadBundledList, openBundled, showHistogram, setProgress } = useStore.getState();

  useEffect(() => {
    const off = subscribe('dataset:progress', (p) => setProgress(p.fraction));
    void loadBundledList().then(() => openBundled(DEFAULT_DATASET));
    return off;
  }, [loadBundledList, openBundled, setProgress]);

  return (
    <div className="view">
      <div className="dataset-picker" role="tablist" aria-label="Bundled datasets">
        {bundled.map((d) => (
          <button
            key={d.id}
            role="tab"
            aria-selected={overview?.datasetId === d.id}
            className={overview?.datasetId === d.id ? 'active' : ''}
            disabled={loadingId !== null}
            onClick={() => void openBundled(d.id)}
          >
            {d.title}
          </button>
        ))}
        {loadingId ? (
          <div className="progress" role="progressbar" aria-label="Loading dataset" aria-valuenow={Math.round(progress * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div style={{ width: `${Math.round(progress * 100)}%` }} />
          </div>
        ) : null}
      </div>
      {datasetError ? <div className="error-banner" role="alert">{datasetError}</div> : null}
      {!overview ? (
        <p className="empty">{loadingId ? 'Loading the demo data…' : 'Choose a dataset above.'}</p>
      ) : (
        <>
          <div className="stat-row">
            <StatCard label="Rows" value={formatCount(overview.rows)} testId="stat-rows" />
            <StatCard label="Columns" value={formatCount(overview.columns.length)} detail={`${overview.sensorColumns.length} sensors`} testId="stat-columns" />
            <StatCard label="Failures" value={formatCount(overview.failures)} detail={`${formatPercent(overview.failures / overview.rows, 2)} of rows`} testId="stat-failures" />
            <StatCard label="Assets" value={formatCount(overview.assets)} detail={overview.schema === 'ai4i' ? 'AI4I 2020 schema' : overview.schema === 'motor-fleet' ? 'Motor-fleet schema' : 'Unrecognised schema'} testId="stat-assets" />
          </div>
          <div className="grid-2">
            <Panel title="Failures by mode">
              <FailureModeChart modes={overview.failuresByMode} />
            </Panel>
            <Panel
              title="Sensor distribution by class"
              actions={
                <label className="select-label">
                  Sensor
                  <select value={histogramColumn ?? ''} onChange={(e) => void showHistogram(e.target.value)} data-testid="histogram-column">
                    {overview.sensorColumns.map((c) => (
                      <option key={c} value={c}>{c}</option>
                    ))}
                  </select>
                </label>
              }
            >
              {histogram ? <ClassHistogramChart histogram={histogram} /> : <p className="empty">Computing…</p>}
            </Panel>
          </div>
          <Panel title={`Columns of ${overview.title}`}>
            <ColumnTable columns={overview.columns} />
          </Panel>
        </>
      )}
    </div>
  );
}
