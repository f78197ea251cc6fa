/**
 * The application menu. File › Open… imports a CSV through the same pipeline as the window's
 * Import button and drag-and-drop (chunks → data worker → mapping step). The template is built by
 * a plain function so it can be tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openFile(): void;
}

export function appMenuTemplate(actions: MenuActions, platform: NodeJS.Platform, developer: boolean): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open CSV…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFile() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      // Reloading and developer tools are for development builds only.
      ...(developer ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ];
}
