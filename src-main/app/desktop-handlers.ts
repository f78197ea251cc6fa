/**
 * The contract channels only the desktop shell can answer (RuntimeOptions.shell): printing the
 * window to PDF, saving the diagnostics bundle through a save dialog, opening allowed links in the
 * system browser, and the recent files. Thin: the rules live in pure modules (external-links,
 * file-names, recent-files) and the bundle in services/support-service.
 */
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app, dialog, shell, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { Logger } from '../common/log';
import type { Diagnostics } from '../shared/contract';
import type { Runtime } from '../services/runtime';
import { checkExternalLink } from './external-links';
import { suggestedFileName } from './file-names';
import type { RecentFiles } from './recent-files';

export interface DesktopDeps {
  window(): BrowserWindow | null;
  runtime(): Runtime | null;
  recent: RecentFiles;
  log: Logger;
}

export class ExternalLinkRefused extends Error {
  override name = 'ExternalLinkRefused';
}

/** Where save dialogs start: the user's documents folder (some Linux desktops have none). */
function documentsDir(): string {
  try {
    return app.getPath('documents');
  } catch {
    return homedir();
  }
}

/** A save dialog over the window (if there is one); null when cancelled. */
async function askWhereToSave(window: BrowserWindow | null, options: SaveDialogOptions): Promise<string | null> {
  const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
  return choice.canceled || !choice.filePath ? null : choice.filePath;
}

export function desktopShell(deps: DesktopDeps) {
  const runtime = (): Runtime => {
    const rt = deps.runtime();
    if (!rt) throw new Error('Twinscope is still starting');
    return rt;
  };

  /** Opens an allowlisted https link in the system browser; anything else is refused and logged. */
  async function openExternal(url: string): Promise<void> {
    const check = checkExternalLink(url);
    if (!check.ok) {
      deps.log.warn('links', `refused to open a link: ${check.reason}`);
      throw new ExternalLinkRefused(`not opened: ${check.reason}`);
    }
    await shell.openExternal(check.url);
  }

  /** Collects the diagnostics bundle and saves it where the user chooses. */
  async function saveDiagnostics(): Promise<Diagnostics> {
    const bundle = await runtime().diagnostics();
    const path = await askWhereToSave(deps.window(), {
      title: 'Save diagnostics',
      defaultPath: join(documentsDir(), suggestedFileName(bundle.fileName, 'txt', 'twinscope-diagnostics')),
      filters: [{ name: 'Text files', extensions: ['txt'] }],
    });
    if (!path) return bundle;
    await writeFile(path, bundle.content, 'utf8');
    deps.log.info('support', `diagnostics saved to ${path}`);
    return { ...bundle, savedTo: path };
  }

  /** The window as printed (its print stylesheet applies), on A4, saved where the user chooses. */
  async function printReport(fileName: string): Promise<{ savedTo: string | null }> {
    const window = deps.window();
    if (!window || window.isDestroyed()) throw new Error('there is no window to print');
    // The print stylesheet's @page (A4, margins) decides the page; backgrounds keep the report's shading.
    const pdf = await window.webContents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
    const path = await askWhereToSave(window, {
      title: 'Save report as PDF',
      defaultPath: join(documentsDir(), suggestedFileName(fileName, 'pdf', 'twinscope-report')),
      filters: [{ name: 'PDF documents', extensions: ['pdf'] }],
    });
    if (!path) return { savedTo: null };
    await writeFile(path, pdf);
    deps.log.info('report', `report saved to ${path} (${pdf.length} bytes)`);
    return { savedTo: path };
  }

  return {
    openExternal,
    saveDiagnostics,
    /** What RuntimeOptions.shell takes: these replace the web host's answers. */
    handlers: {
      'support:diagnostics': () => saveDiagnostics(),
      'report:pdf': ({ fileName }: { fileName: string }) => printReport(fileName),
      'app:openExternal': async ({ url }: { url: string }) => {
        await openExternal(url);
        return { opened: true };
      },
      'recent:list': async () => deps.recent.list(),
    },
  };
}
