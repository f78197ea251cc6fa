import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';

/** Tabs for the bundled datasets and every dataset imported in this session. */
export function DatasetPicker() {
  const { bundled, loaded, overview, loadingId, progress } = useStore(
    useShallow((s) => ({ bundled: s.bundled, loaded: s.loaded, overview: s.overview, loadingId: s.loadingId, progress: s.progress })),
  );
  const { openBundled, openDataset } = useStore.getState();
  const imported = loaded.filter((d) => d.source === 'imported');
  // A tablist holds tabs only (axe: aria-required-children): the progress bar sits beside it, and
  // the list takes its role once the datasets are known.
  return (
    <div className="dataset-picker">
      <div className="dataset-tabs" {...(bundled.length + imported.length ? { role: 'tablist', 'aria-label': 'Datasets' } : {})}>
        {bundled.map((d) => (
          <button key={d.id} role="tab" aria-selected={overview?.datasetId === d.id} className={overview?.datasetId === d.id ? 'active' : ''} disabled={loadingId !== null} onClick={() => void openBundled(d.id)}>
            {d.title}
          </button>
        ))}
        {imported.map((d) => (
          <button key={d.datasetId} role="tab" aria-selected={overview?.datasetId === d.datasetId} className={overview?.datasetId === d.datasetId ? 'active' : ''} onClick={() => void openDataset(d.datasetId)}>
            {d.title}
          </button>
        ))}
      </div>
      {loadingId ? (
        <div className="progress" role="progressbar" aria-label="Loading dataset" aria-valuenow={Math.round(progress * 100)} aria-valuemin={0} aria-valuemax={100}>
          <div style={{ width: `${Math.round(progress * 100)}%` }} />
        </div>
      ) : null}
    </div>
  );
}
