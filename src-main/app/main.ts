/**
 * Electron main process: a thin shell. It starts the same services as the web host, registers
 * the contract's IPC handlers and opens one hardened window.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type WebContents } from 'electron';
import { APP_ID, DATABASE_FILE, VERSION } from '../common/app-meta';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { lockDataFolder } from '../store/data-lock';
import { pushEvent, registerContractHandlers, trustedSender } from '../ipc/register';
import { createRuntime, type Runtime } from '../services/runtime';
import { createDataHost, createStorageHost, createTrainPool, createTwinHost } from '../workers/hosts';
import { hardenContents } from './harden';
import { appMenuTemplate } from './menu';
import { mainWindowOptions } from './window-options';

let window: BrowserWindow | null = null;
let runtime: Runtime | null = null;

// Tests (and portable setups) give each run its own data folder.
if (process.env.TWINSCOPE_DATA_DIR) app.setPath('userData', process.env.TWINSCOPE_DATA_DIR);

if (!app.requestSingleInstanceLock()) {
  // A second instance would be a second writer on the same database: hand over and quit.
  app.quit();
} else {
  app.setAppUserModelId(APP_ID);
  app.on('second-instance', () => {
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void runtime?.close());
  app.whenReady().then(start).catch((e: Error) => {
    console.error(`Twinscope failed to start: ${e.message}`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  // Deny every permission request (camera, notifications, geolocation …): the app needs none.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });

  const dataDir = app.getPath('userData');
  // Electron's lock keeps one desktop app per user; this one also refuses a web host on the folder.
  let lock: ReturnType<typeof lockDataFolder>;
  try {
    lock = lockDataFolder(dataDir);
  } catch (e) {
    dialog.showErrorBox('Twinscope is already running', (e as Error).message);
    app.exit(1);
    return;
  }
  app.on('will-quit', () => lock.release());
  const uncleanShutdown = lock.stale;
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
  });

  const indexHtml = join(__dirname, '../renderer/index.html');
  const appUrl = pathToFileURL(indexHtml).href;
  registerContractHandlers(ipcMain, runtime.dispatch, trustedSender(() => window?.webContents ?? null, appUrl));
  window = new BrowserWindow(mainWindowOptions(join(__dirname, '../preload/index.cjs')));
  const contents: WebContents = window.webContents;
  runtime.events.subscribe((name, payload) => pushEvent(contents, name, payload));
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ openFile: () => void openFile() }, process.platform, !app.isPackaged)));
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = null));
  await window.loadFile(indexHtml);
}

/** File › Open…: the chosen file is read by the import service; the window follows its events. */
async function openFile(): Promise<void> {
  if (!window || !runtime) return;
  const choice = await dialog.showOpenDialog(window, {
    title: 'Import a CSV file',
    properties: ['openFile'],
    filters: [
      { name: 'CSV and text tables', extensions: ['csv', 'tsv', 'txt'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  const path = choice.filePaths[0];
  if (!choice.canceled && path) await runtime.importPath(path);
}
