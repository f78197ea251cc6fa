/**
 * Which printable report is wanted right now. A button (or the menu's Export report) asks; the
 * one mounted PdfReportButton of that kind renders the report into the print container and prints
 * it, then clears the request. Kept apart from the app's store: nothing else needs it.
 */
import { create } from 'zustand';

export type ReportKind = 'asset' | 'model';

interface ReportRequestState {
  pending: { kind: ReportKind; seq: number } | null;
  /** Report buttons mounted, by kind: a report can be printed only where its data is on hand. */
  hosts: Record<ReportKind, number>;
  /** A PdfReportButton is mounted (returns its unmount); a request left without one is dropped. */
  host(kind: ReportKind): () => void;
  /** Asks for a report; false (nothing asked) while one is being printed or none of its kind can print. */
  request(kind: ReportKind): boolean;
  /** The report of request `seq` is done (printed, saved or cancelled). */
  finish(seq: number): void;
}

let seq = 0;

export const useReportRequest = create<ReportRequestState>()((set, get) => ({
  pending: null,
  hosts: { asset: 0, model: 0 },
  host(kind) {
    set((s) => ({ hosts: { ...s.hosts, [kind]: s.hosts[kind] + 1 } }));
    return () => {
      set((s) => ({ hosts: { ...s.hosts, [kind]: s.hosts[kind] - 1 } }));
      // Its view went away mid-print (another asset chosen, say): the request must not block the next.
      const { pending, hosts } = get();
      if (pending?.kind === kind && hosts[kind] === 0) set({ pending: null });
    };
  },
  request(kind) {
    if (get().pending || get().hosts[kind] === 0) return false;
    set({ pending: { kind, seq: ++seq } });
    return true;
  },
  finish(done) {
    if (get().pending?.seq === done) set({ pending: null });
  },
}));
