import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { invoke } from '../../api/client';
import { useStore } from '../../store';
import { exportAlerts } from './exports';
import { useReportRequest, type ReportKind } from './report-request';
import './export.css';

/** A CSV export behind a button: busy while it collects, its error (if any) beside it. */
export function CsvExportButton({ run, testId, title, label = 'Export CSV' }: {
  run: (progress: (done: number, total: number) => void) => Promise<void>;
  testId: string;
  title: string;
  label?: string;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const click = async () => {
    setBusy('Exporting…');
    setError(null);
    try {
      await run((done, total) => setBusy(`Collecting ${done}/${total}…`));
    } catch (e) {
      setError(`Export failed: ${(e as Error).message}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <span className="export-control">
      <button type="button" className="export-button" disabled={busy !== null} onClick={() => void click()} title={title} data-testid={testId}>{busy ?? label}</button>
      {error ? <span className="export-error" role="alert">{error}</span> : null}
    </span>
  );
}

/** Every alert of the fleet (open, acknowledged and cleared), for the Fleet view's alert feed. */
export function FleetAlertsExportButton() {
  return <CsvExportButton run={() => exportAlerts()} testId="export-fleet-alerts" title="Every alert of the fleet — open, acknowledged and cleared — as a CSV file" />;
}

/** Two frames: the report is laid out and painted before it is printed. */
function afterPaint(then: () => void): () => void {
  let id = requestAnimationFrame(() => (id = requestAnimationFrame(then)));
  return () => cancelAnimationFrame(id);
}

/**
 * "Export PDF report": mounts the report in the print-only container (print.css hides the app
 * and shows only it), then prints. In Electron the main process prints the window to a PDF file
 * (`report:pdf`, its save dialog); in a browser, window.print() opens the print dialog, whose
 * "Save as PDF" destination makes the file. The report is taken down when the print is done:
 * Electron's reply, or the browser's `afterprint` (fired when its dialog closes).
 *
 * The menu's Export report asks through the same request (report-request.ts), so this button is
 * also where that report is printed; exactly one button of each kind is mounted.
 */
export function PdfReportButton({ kind, fileName, report, testId }: { kind: ReportKind; fileName: string; report: () => ReactNode; testId: string }) {
  const pending = useReportRequest((s) => (s.pending?.kind === kind ? s.pending : null));
  const electron = useStore((s) => s.info?.transport === 'electron');
  const [error, setError] = useState<string | null>(null);
  // Read when the print starts: a file name or shell that changes meanwhile must not print again.
  const latest = useRef({ fileName, electron });
  useEffect(() => {
    latest.current = { fileName, electron };
  }, [fileName, electron]);
  const seq = pending?.seq;
  useEffect(() => useReportRequest.getState().host(kind), [kind]);

  useEffect(() => {
    if (seq === undefined) return;
    const root = document.documentElement;
    root.classList.add('printing-report');
    const finish = () => useReportRequest.getState().finish(seq);
    const cancelPaint = afterPaint(() => {
      if (latest.current.electron) {
        invoke('report:pdf', { fileName: latest.current.fileName }).then(
          () => setError(null),
          (e: Error) => setError(`The PDF was not saved: ${e.message}`),
        ).finally(finish);
      } else {
        window.addEventListener('afterprint', finish, { once: true });
        window.print();
      }
    });
    return () => {
      cancelPaint();
      window.removeEventListener('afterprint', finish);
      root.classList.remove('printing-report');
    };
  }, [seq]);

  const title = electron
    ? 'Saves a one-page PDF report (choose where in the dialog)'
    : "Opens the browser's print dialog with a one-page report: choose 'Save as PDF' as the destination";
  return (
    <span className="export-control">
      <button type="button" className="export-button" disabled={pending !== null} onClick={() => void useReportRequest.getState().request(kind)} title={title} data-testid={testId}>
        {pending ? 'Preparing report…' : 'Export PDF report'}
      </button>
      {error ? <span className="export-error" role="alert">{error}</span> : null}
      {pending ? createPortal(<div className="print-report" data-testid="print-report" data-kind={kind}>{report()}</div>, document.body) : null}
    </span>
  );
}
