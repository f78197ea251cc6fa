/**
 * Desktop integration and support: the application menu's actions (pushed to the window, which
 * runs them exactly as its in-page controls do), printable reports, diagnostics for a support
 * request, links opened outside the app, and recently opened files.
 */
import { z } from 'zod';

/** What a menu item (Electron) or a keyboard shortcut asks the window to do. */
export const MenuAction = z.enum([
  'open-csv',
  'open-model',
  'save-model',
  'export-alerts',
  'export-maintenance',
  'export-metrics',
  'export-report',
  'theme-system',
  'theme-light',
  'theme-dark',
  'units-K',
  'units-C',
  'view-fleet',
  'view-twin',
  'view-model',
  'view-data',
  'view-alerts',
  'view-settings',
  'shortcuts',
  'save-diagnostics',
  'about',
]);
export type MenuAction = z.infer<typeof MenuAction>;

export const Diagnostics = z.object({
  /** Suggested file name, e.g. twinscope-diagnostics-2026-11-26T0130.txt. */
  fileName: z.string(),
  /** The bundle as text: versions, platform, settings without secrets, storage status, recent log lines. */
  content: z.string(),
  /** Where it was saved (Electron's save dialog); null when the window saves it (web host) or it was cancelled. */
  savedTo: z.string().nullable(),
});
export type Diagnostics = z.infer<typeof Diagnostics>;

export const RecentFile = z.object({ path: z.string(), name: z.string(), openedAt: z.number() });
export type RecentFile = z.infer<typeof RecentFile>;

export const supportRequests = {
  /** Collects the diagnostics bundle; in Electron also offers a save dialog. */
  'support:diagnostics': { request: z.object({}).strict(), response: Diagnostics },
  /**
   * Prints the window (under its print stylesheet) to a PDF file chosen in a save dialog. Electron
   * only (webContents.printToPDF); the web host refuses, and the window uses the browser's print.
   */
  'report:pdf': { request: z.object({ fileName: z.string().min(1).max(200) }).strict(), response: z.object({ savedTo: z.string().nullable() }) },
  /** Opens an https link from the allowlist in the system browser; anything else is refused. */
  'app:openExternal': { request: z.object({ url: z.string().max(2000) }).strict(), response: z.object({ opened: z.boolean() }) },
  /** Files opened recently (Electron: File › Open Recent; the web host has none: it never sees paths). */
  'recent:list': { request: z.object({}).strict(), response: z.array(RecentFile) },
} as const;

export const supportEvents = {
  /** A menu item was chosen: the window performs the action. */
  'app:menu': z.object({ action: MenuAction }),
} as const;
