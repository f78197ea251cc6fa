/**
 * Electron main process: a thin shell. It starts the same services as the web host, registers
 * the contract's IPC handlers and opens one hardened window; around that, the desktop's own parts:
 * the menu, recent files, the window's remembered place, sleep and wake, and the log file.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, safeStorage, screen, session, shell, type WebContents } from 'electron';
import { APP_ID, DATABASE_FILE, VERSION } from '../common/app-meta';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import type { RequestChannel, Settings } from '../shared/contract';
import { lockDataFolder } from '../store/data-lock';
import { createFileLog, logDirOf } from '../store/log-file';
import { pushEvent, registerContractHandlers, trustedSender } from '../ipc/register';
import type { Dispatch } from '../services/router';
import { createRuntime, type Runtime } from '../services/runtime';
import { createDataHost, createStorageHost, createTrainPool, createTwinHost } from '../workers/hosts';
import { desktopShell } from './desktop-handlers';
import { hardenContents } from './harden';
import { appMenuTemplate, INITIAL_MENU_STATE, type MenuActions, type MenuState } from './menu';
import { importChosenFile } from './open-import';
import { RECENT_FILE_NAME, RecentFiles } from './recent-files';
import { mainWindowOptions } from './window-options';
import { captureWindowState, loadWindowState, restoreWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state';

let window: BrowserWindow | null = null;
let runtime: Runtime | null = null;
let menuState: MenuState = INITIAL_MENU_STATE;
/** A file macOS asked us to open (dock, Finder) before the services were up. */
let pendingOpen: string | null = null;

// Tests (and portable setups) give each run its own data folder.
if (process.env.TWINSCOPE_DATA_DIR) app.setPath('userData', process.env.TWINSCOPE_DATA_DIR);
const dataDir = app.getPath('userData');
const log = createFileLog(logDirOf(dataDir));
const recent = new RecentFiles(join(dataDir, RECENT_FILE_NAME));
const desktop = desktopShell({ window: () => window, runtime: () => runtime, recent, log });
// The OS keeps its own recent-documents list on Windows (jump list) and macOS (dock) only.
const osRecentDocuments = process.platform === 'win32' || process.platform === 'darwin';

if (!app.requestSingleInstanceLock()) {
  // A second instance would be a second writer on the same database: hand over and quit.
  app.quit();
} else {
  app.setAppUserModelId(APP_ID);
  process.on('uncaughtExceptionMonitor', (e, origin) => log.error('main', `${origin}: ${e.stack ?? e.message}`));
  app.on('render-process-gone', (_e, _wc, d) => log.error('renderer', `window process gone: ${d.reason} (exit code ${d.exitCode})`));
  app.on('child-process-gone', (_e, d) => log.error('child', `${d.name ?? d.type} process gone: ${d.reason} (exit code ${d.exitCode})`));
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (runtime && window) void openPath(path);
    else pendingOpen = path;
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents, (url) => void desktop.openExternal(url).catch(() => undefined)));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void runtime?.close());
  app.whenReady().then(start).catch((e: Error) => {
    log.error('main', e);
    console.error(`Twinscope failed to start: ${e.message}`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  log.info('main', `Twinscope ${VERSION} starting: Electron ${process.versions.electron}, Chrome ${process.versions.chrome}, Node ${process.versions.node}, ${process.platform} ${process.arch}; data folder ${dataDir}`);
  // Deny every permission request (camera, notifications, geolocation …): the app needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  // Electron's lock keeps one desktop app per user; this one also refuses a web host on the folder.
  let lock: ReturnType<typeof lockDataFolder>;
  try {
    lock = lockDataFolder(dataDir);
  } catch (e) {
    log.error('main', `not started: ${(e as Error).message}`);
    dialog.showErrorBox('Twinscope is already running', (e as Error).message);
    app.exit(1);
    return;
  }
  app.on('will-quit', () => lock.release());
  const uncleanShutdown = lock.stale;
  if (uncleanShutdown) log.warn('main', 'the last run did not shut down cleanly: the database is checked in the background');
  const datasetsDir = app.isPackaged ? join(process.resourcesPath, 'datasets') : join(app.getAppPath(), 'datasets');
  runtime = await createRuntime({
    transport: 'electron',
    version: VERSION,
    dataDir,
    datasetsDir,
    // In development `npm start` builds better-sqlite3 for Electron's ABI beside the Node one and
    // names it here; packaged builds are rebuilt by electron-builder and need no override.
    storage: createStorageHost(join(dataDir, DATABASE_FILE), process.env.TWINSCOPE_SQLITE_BINDING || undefined),
    data: createDataHost(),
    train: createTrainPool(),
    twin: createTwinHost(),
    uncleanShutdown,
    shell: desktop.handlers,
    // Secrets encrypted with the OS keychain where it is available (otherwise an owner-only file).
    secretCipher: safeStorage.isEncryptionAvailable() ? { encrypt: (plain) => safeStorage.encryptString(plain), decrypt: (data) => safeStorage.decryptString(data) } : undefined,
  });
  const rt = runtime;

  // Sleep pauses the fleet clock and waking resumes it; a locked screen changes nothing.
  powerMonitor.on('suspend', () => {
    log.info('power', 'the computer is going to sleep (a running fleet clock is paused)');
    rt.suspend().catch((e: Error) => log.error('power', e));
  });
  powerMonitor.on('resume', () => {
    log.info('power', 'the computer woke up');
    rt.resume().catch((e: Error) => log.error('power', e));
  });

  const indexHtml = join(__dirname, '../renderer/index.html');
  const appUrl = pathToFileURL(indexHtml).href;
  registerContractHandlers(ipcMain, followSettings(rt.dispatch), trustedSender(() => window?.webContents ?? null, appUrl));
  window = createWindow();
  const contents: WebContents = window.webContents;
  rt.events.subscribe((name, payload) => pushEvent(contents, name, payload));
  app.setAboutPanelOptions({ applicationName: 'Twinscope', applicationVersion: VERSION, version: `Electron ${process.versions.electron}`, copyright: 'Copyright © 2026 Twinscope' });
  const settings = await rt.dispatch('settings:get', {});
  updateMenu({ recent: recent.list(), ...(settings.ok ? themeAndUnit(settings.value as Settings) : {}) });
  await window.loadFile(indexHtml);
  log.info('main', 'window loaded');
  if (pendingOpen) void openPath(pendingOpen);
  pendingOpen = null;
}

/** The main window, where it was last time (if that place is still on a display). */
function createWindow(): BrowserWindow {
  const stateFile = join(dataDir, WINDOW_STATE_FILE);
  const primary = screen.getPrimaryDisplay();
  const workAreas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const restored = restoreWindowState(loadWindowState(stateFile), workAreas);
  const win = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs'), restored));
  win.once('ready-to-show', () => {
    if (restored.maximized) win.maximize();
    if (restored.fullscreen) win.setFullScreen(true);
    win.show();
  });
  win.on('close', () => {
    try {
      saveWindowState(stateFile, captureWindowState(win.getNormalBounds(), win.isMaximized(), win.isFullScreen()));
    } catch (e) {
      log.warn('main', `window state not saved: ${(e as Error).message}`);
    }
  });
  win.on('closed', () => (window = null));
  return win;
}

const themeAndUnit = (s: Settings): Pick<MenuState, 'theme' | 'temperatureUnit'> => ({ theme: s.theme, temperatureUnit: s.temperatureUnit });

const SETTINGS_CHANNELS: RequestChannel[] = ['settings:get', 'settings:update'];

/** The menu's radio items follow the settings however they change (menu, Settings view, shortcut). */
function followSettings(dispatch: Dispatch): Dispatch {
  return async (channel, payload) => {
    const result = await dispatch(channel, payload);
    if (result.ok && SETTINGS_CHANNELS.includes(channel as RequestChannel)) {
      const next = themeAndUnit(result.value as Settings);
      if (next.theme !== menuState.theme || next.temperatureUnit !== menuState.temperatureUnit) updateMenu(next);
    }
    return result;
  };
}

const menuActions: MenuActions = {
  openFile: () => void openFile(),
  openRecent: (path) => void openPath(path),
  clearRecent: () => {
    recent.clear();
    if (osRecentDocuments) app.clearRecentDocuments();
    updateMenu({ recent: [] });
  },
  send: (action) => {
    if (window) pushEvent(window.webContents, 'app:menu', { action });
  },
  saveDiagnostics: () => void saveDiagnosticsFromMenu(),
  openLink: (url) => void desktop.openExternal(url).catch((e: Error) => showError('Link not opened', e)),
  about: () => app.showAboutPanel(),
};

function updateMenu(patch: Partial<MenuState>): void {
  menuState = { ...menuState, ...patch };
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(menuActions, process.platform, !app.isPackaged, menuState)));
}

/**
 * Help › Save diagnostics… runs here rather than in the window: a support request is most needed
 * when the window is stuck, and this needs only the main process and the storage worker.
 */
async function saveDiagnosticsFromMenu(): Promise<void> {
  try {
    const saved = await desktop.saveDiagnostics();
    if (!saved.savedTo || !window) return;
    const options = { type: 'info' as const, title: 'Diagnostics saved', message: 'Diagnostics saved', detail: saved.savedTo, buttons: ['OK', 'Show in folder'], defaultId: 0, cancelId: 0 };
    if ((await dialog.showMessageBox(window, options)).response === 1) shell.showItemInFolder(saved.savedTo);
  } catch (e) {
    showError('Diagnostics not saved', e as Error);
  }
}

function showError(title: string, e: Error): void {
  log.error('main', `${title}: ${e.message}`);
  if (window) void dialog.showMessageBox(window, { type: 'error', title, message: title, detail: e.message });
}

/** File › Open…: the chosen file is read by the import service; the window follows its events. */
async function openFile(): Promise<void> {
  if (!window || !runtime) return;
  runtime.prepareImport();
  const choice = await dialog.showOpenDialog(window, {
    title: 'Import a CSV file',
    properties: ['openFile'],
    filters: [
      { name: 'CSV and text tables', extensions: ['csv', 'tsv', 'txt'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  const path = choice.filePaths[0];
  if (!choice.canceled && path) await openPath(path);
}

/** Imports a file by path (Open…, Open Recent, macOS open-file); one that was read joins the recent files. */
async function openPath(path: string): Promise<void> {
  if (!runtime) return;
  if (!existsSync(path)) {
    recent.remove(path);
    updateMenu({ recent: recent.list() });
    showError('File not found', new Error(`${path} is no longer there; it was removed from the recent files.`));
    return;
  }
  const outcome = await importChosenFile(runtime, path);
  if (outcome.read) {
    updateMenu({ recent: recent.add(path) });
    if (osRecentDocuments) app.addRecentDocument(path);
    log.info('import', `opened ${path}`);
  } else {
    log.warn('import', `${path} not imported: ${outcome.message}`);
    // A refusal is explained in the window already; a file that could not be read at all is not.
    if (!outcome.shown) showError('File not opened', new Error(outcome.message));
  }
}
