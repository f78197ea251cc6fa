/**
 * The main window's web preferences: the renderer is sandboxed, isolated from the preload and
 * has no Node. Kept in a pure function so a unit test can assert it without Electron.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_WINDOW, MIN_WINDOW } from './window-state';

/** `bounds`: the remembered place and size (window-state.ts); without x and y the system centres the window. */
export function mainWindowOptions(preloadPath: string, bounds?: { x?: number; y?: number; width: number; height: number }): BrowserWindowConstructorOptions {
  return {
    ...(bounds?.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds?.width ?? DEFAULT_WINDOW.width,
    height: bounds?.height ?? DEFAULT_WINDOW.height,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
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
