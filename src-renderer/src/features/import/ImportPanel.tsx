import { useShallow } from 'zustand/react/shallow';
import { Panel } from '../../components/Panel';
import { formatCount } from '../../lib/format';
import { useStore } from '../../store';
import { IssueList } from './IssueList';
import { MappingTable } from './MappingTable';

const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

/** The import flow after a file is chosen: progress with cancel, then the report and the mapping. */
export function ImportPanel() {
  const { phase, fileName, progress, preview } = useStore(
    useShallow((s) => ({ phase: s.importPhase, fileName: s.importFileName, progress: s.importProgress, preview: s.importPreview })),
  );
  const { cancelImport, setRole, commitImport } = useStore.getState();
  if (phase === 'idle') return null;

  if (phase === 'uploading' && progress) {
    const fraction = progress.totalBytes ? progress.bytes / progress.totalBytes : 0;
    return (
      <Panel title={`Importing ${fileName}`}>
        <div className="import-progress" data-testid="import-progress">
          <div className="progress wide" role="progressbar" aria-label="Import progress" aria-valuenow={Math.round(fraction * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div style={{ width: `${Math.round(fraction * 100)}%` }} />
          </div>
          <span>
            {mb(progress.bytes)} of {mb(progress.totalBytes)} · {formatCount(progress.rows)} rows · {formatCount(Math.round(progress.rowsPerSecond))} rows/s
          </span>
          <button onClick={() => void cancelImport()}>Cancel</button>
        </div>
      </Panel>
    );
  }
  if (!preview) return null;
  const busy = phase === 'committing';
  const errors = preview.issues.filter((i) => i.severity === 'error').length;
  return (
    <Panel title={`Import ${preview.fileName}`} className="import-panel">
      <p className="import-summary" data-testid="import-summary">
        {formatCount(preview.rows)} rows · {preview.columns.length} columns · {mb(preview.bytes)} · {preview.encoding}
        {preview.delimiter !== ',' ? ` · delimiter ${preview.delimiter === '\t' ? 'tab' : preview.delimiter}` : ''}
        {preview.schema !== 'unknown' ? ` · recognised as ${preview.schema === 'ai4i' ? 'AI4I 2020' : 'motor fleet'}` : ''}
        {preview.rememberedMapping ? ' · your earlier mapping for this layout was applied' : ''}
        {` · read in ${preview.seconds.toFixed(1)} s`}
      </p>
      <h3 className="sub">Validation report</h3>
      <IssueList issues={preview.issues} />
      <h3 className="sub">Column roles</h3>
      <MappingTable columns={preview.columns} disabled={busy} onRole={(c, r) => void setRole(c, r)} />
      <div className="actions">
        <button className="primary" disabled={!preview.canImport || busy} onClick={() => void commitImport()} data-testid="import-commit">
          {busy ? 'Importing…' : errors ? `Fix ${errors} error${errors > 1 ? 's' : ''} to import` : 'Import dataset'}
        </button>
        <button disabled={busy} onClick={() => void cancelImport()}>Cancel</button>
      </div>
    </Panel>
  );
}
