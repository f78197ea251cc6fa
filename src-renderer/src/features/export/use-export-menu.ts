import { useEffect } from 'react';
import type { MenuAction } from '@shared/contract';
import { subscribe } from '../../api/client';
import { useStore } from '../../store';
import { exportAlerts, exportMaintenanceLog, exportRunMetrics } from './exports';
import { useReportRequest, type ReportKind } from './report-request';

type ExportAction = Extract<MenuAction, 'export-alerts' | 'export-maintenance' | 'export-metrics' | 'export-report'>;

/**
 * Which report the menu's Export report means: the model evaluation on the Model view (once a
 * model was trained), else the open twin, else the evaluation wherever one is shown. Null when
 * there is nothing to report yet (no report button is mounted: its view has no data).
 */
function reportKind(): ReportKind | null {
  const { hosts } = useReportRequest.getState();
  if (useStore.getState().view === 'model' && hosts.model) return 'model';
  if (hosts.asset) return 'asset';
  return hosts.model ? 'model' : null;
}

async function run(action: ExportAction): Promise<void> {
  switch (action) {
    // The menu exports the whole fleet; the panels' buttons export one asset.
    case 'export-alerts':
      return exportAlerts();
    case 'export-maintenance':
      return exportMaintenanceLog();
    case 'export-metrics':
      return exportRunMetrics();
    case 'export-report': {
      const kind = reportKind();
      if (kind) {
        // The report prints from its view's button (PdfReportButton); show that view behind it.
        useStore.getState().setView(kind === 'model' ? 'model' : 'twin');
        void useReportRequest.getState().request(kind);
      } else {
        // Nothing to report yet: the Twin view says how to open an asset.
        useStore.getState().setView('twin');
      }
      return;
    }
  }
}

const EXPORTS = new Set<MenuAction>(['export-alerts', 'export-maintenance', 'export-metrics', 'export-report']);

/**
 * Runs the application menu's export actions (`app:menu`, pushed by Electron's menu) exactly as
 * the in-page buttons do. Mounted once, by the App. A failure is told in a dialog: a menu item
 * has no place in the page to show it, and the user just asked for a file.
 */
export function useExportMenu(): void {
  useEffect(
    () =>
      subscribe('app:menu', ({ action }) => {
        if (!EXPORTS.has(action)) return;
        run(action as ExportAction).catch((e: Error) => window.alert(`Export failed: ${e.message}`));
      }),
    [],
  );
}
