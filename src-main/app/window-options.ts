/**
 * The main window's web preferences: the renderer is sandboxed, isolated from the preload and
 * has no Node. Kept in a pure function so a unit test can assert it without Electron.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export function mainWindowOptions(preloadPath: string, bounds?: { width: number; height: number }): BrowserWindowConstructorOptions {
  return {
    width: bounds?.width ?? 1440,
    height: bounds?.height ?? 900,
    minWidth: 1024,
    minHeight: 680,
    show: false,
    title: 'Twinscope',
    backgroundColor: '#0f1720',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
