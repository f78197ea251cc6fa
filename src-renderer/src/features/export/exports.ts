/**
 * The CSV exports: read the records through the contract (fresh, so the file holds everything the
 * services know, not just what a panel shows), shape them (rows.ts), write them (lib/csv.ts) and
 * hand the file to the user as a download. A Blob behind an <a download> works in both shells: the
 * browser saves it, Electron's renderer hands it to its download manager (as saving a model does).
 */
import type { FleetEvent } from '@shared/contract';
import { invoke } from '../../api/client';
import { toCsv, type CsvCell } from '../../lib/csv';
import { downloadText } from '../../lib/download';
import { useStore } from '../../store';
import { alertRows, eventRows, exportFileName, runRows } from './rows';

function downloadCsv(fileName: string, rows: CsvCell[][]): void {
  downloadText(fileName, toCsv(rows), 'text/csv;charset=utf-8');
}

/** Asset names by id, from the fleet the window holds (replayed and removed assets may lack one). */
function assetNames(): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, a] of useStore.getState().fleetAssets) names.set(id, a.config.name);
  return names;
}

/** Every alert of the fleet, or of one asset: raised, acknowledged and cleared alike. */
export async function exportAlerts(assetId?: string): Promise<void> {
  const alerts = await invoke('alerts:list', assetId ? { assetId } : {});
  downloadCsv(exportFileName('alerts', 'csv', new Date(), assetId), alertRows(alerts, assetNames()));
}

/** Requests in flight at once while collecting the fleet's log (the twin worker also runs the simulation). */
const PARALLEL = 4;

/**
 * The maintenance log of one asset or of the whole fleet. The fleet's events reach the window
 * only per asset (`twin:get`) or as they happen (frames), so the log is collected asset by asset.
 */
export async function exportMaintenanceLog(assetId?: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  const ids = assetId ? [assetId] : [...useStore.getState().fleetIds];
  const events: FleetEvent[] = [];
  let next = 0, done = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      events.push(...(await invoke('twin:get', { assetId: id })).events);
      onProgress?.(++done, ids.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  downloadCsv(exportFileName('maintenance', 'csv', new Date(), assetId), eventRows(events, assetNames()));
}

/** The runs table, with the full metrics of the run trained in this session. */
export async function exportRunMetrics(): Promise<void> {
  const runs = await invoke('model:listRuns', {});
  downloadCsv(exportFileName('model-runs', 'csv', new Date()), runRows(runs, useStore.getState().trainResult));
}
