import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { subscribe } from '../../api/client';
import { Panel } from '../../components/Panel';
import { Staged } from '../../components/Staged';
import { StatCard } from '../../components/StatCard';
import { formatCount, formatPercent } from '../../lib/format';
import { useStore } from '../../store';
import { BoxPlots } from '../explore/BoxPlots';
import { CorrelationHeatmap } from '../explore/CorrelationHeatmap';
import { ImportButton } from '../import/ImportButton';
import { ImportPanel } from '../import/ImportPanel';
import { ClassHistogramChart } from './ClassHistogramChart';
import { ColumnTable } from './ColumnTable';
import { DatasetPicker } from './DatasetPicker';
import { FailureModeChart } from './FailureModeChart';

const DEFAULT_DATASET = 'milling-ai4i';

export function DataOverview() {
  const live = useStore(
    useShallow((s) => ({
      overview: s.overview, exploration: s.exploration, loadingId: s.loadingId, histogram: s.histogram,
      histogramColumn: s.histogramColumn, datasetError: s.datasetError, importError: s.importError,
    })),
  );
  const { overview, histogram, exploration, loadingId, histogramColumn, datasetError, importError } = live;
  const { loadBundledList, openBundled, showHistogram, setProgress, setImportProgress, importOpened, importReady, importFailed, dismissImportError } = useStore.getState();

  // The demo dataset is opened when the Data view is first shown, not at start (the Fleet view is
  // the default; the services open the same file at first start to train the default models).
  const visible = useStore((s) => s.view === 'data');
  const [shown, setShown] = useState(false);
  if (visible && !shown) setShown(true);
  useEffect(() => {
    if (shown) void loadBundledList().then(() => openBundled(DEFAULT_DATASET));
  }, [shown, loadBundledList, openBundled]);

  useEffect(() => {
    const offs = [
      subscribe('dataset:progress', (p) => setProgress(p.fraction)),
      subscribe('import:progress', (p) => setImportProgress(p.importId, p)),
      // Files the desktop shell opens itself (File › Open…) arrive as events.
      subscribe('import:opened', (e) => importOpened(e.importId, e.fileName, e.totalBytes)),
      subscribe('import:ready', (preview) => importReady(preview)),
      subscribe('import:failed', (e) => importFailed(e.importId, e.fileName, e.message)),
    ];
    return () => offs.forEach((off) => off());
  }, [setProgress, setImportProgress, importOpened, importReady, importFailed]);

  return (
    <div className="view">
      <div className="toolbar">
        <DatasetPicker />
        <ImportButton />
      </div>
      {importError ? (
        <div className="error-banner" role="alert" data-testid="import-error">
          <span>{importError}</span>
          <button onClick={dismissImportError} aria-label="Dismiss">✕</button>
        </div>
      ) : null}
      {datasetError ? <div className="error-banner" role="alert">{datasetError}</div> : null}
      <ImportPanel />
      {!overview ? (
        <p className="empty">{loadingId ? 'Loading the demo data…' : 'Choose a dataset above, or import your own CSV file.'}</p>
      ) : (
        // Keyed by dataset: a new dataset mounts fresh, staged charts instead of updating them all at once.
        <div className="stack" key={overview.datasetId}>
          <h2 className="dataset-title" data-testid="dataset-title">{overview.title}</h2>
          <div className="stat-row">
            <StatCard label="Rows" value={formatCount(overview.rows)} testId="stat-rows" />
            <StatCard label="Columns" value={formatCount(overview.columns.length)} detail={`${overview.sensorColumns.length} sensors`} testId="stat-columns" />
            <StatCard label="Failures" value={formatCount(overview.failures)} detail={`${formatPercent(overview.failures / overview.rows, 2)} of rows`} testId="stat-failures" />
            <StatCard label="Assets" value={formatCount(overview.assets)} detail={overview.schema === 'ai4i' ? 'AI4I 2020 schema' : overview.schema === 'motor-fleet' ? 'Motor-fleet schema' : 'Own schema'} testId="stat-assets" />
          </div>
          <div className="grid-2">
            <Panel title="Failures by mode">
              <Staged height={220}>
                <FailureModeChart modes={overview.failuresByMode} />
              </Staged>
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
              {histogram ? (
                <Staged height={340}>
                  <ClassHistogramChart histogram={histogram} />
                </Staged>
              ) : (
                <p className="empty">Computing…</p>
              )}
            </Panel>
          </div>
          <div className="grid-2">
            <Panel title="Correlation">
              {exploration ? (
                <Staged height={320}>
                  <CorrelationHeatmap correlation={exploration.correlation} />
                </Staged>
              ) : (
                <p className="empty">Computing…</p>
              )}
            </Panel>
            <Panel title="Sensors by class (box plots)">
              {exploration ? <BoxPlots boxes={exploration.boxes} /> : <p className="empty">Computing…</p>}
            </Panel>
          </div>
          <Panel title="Summary">
            <ColumnTable columns={overview.columns} />
          </Panel>
        </div>
      )}
    </div>
  );
}
