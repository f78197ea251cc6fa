/**
 * The application menu. Most items are not handled here: they are pushed to the window as
 * `app:menu {action}` (actions.send), so the window runs the same code as its own buttons and
 * keyboard shortcuts. The shell itself does only what needs it: file dialogs for CSV import and
 * recent files, the diagnostics save dialog, external links and the About panel. The template is
 * built by a plain function so it can be tested without Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction, RecentFile, Settings } from '../shared/contract';
import { HELP_LINKS } from './external-links';

export interface MenuActions {
  /** File › Open CSV…: the shell's open dialog, then the import pipeline. */
  openFile(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  /** Everything the window does itself: pushed as `app:menu`. */
  send(action: MenuAction): void;
  saveDiagnostics(): void;
  /** An https link from the allowlist, opened in the system browser. */
  openLink(url: string): void;
  about(): void;
}

/** What the menu shows as checked or listed; rebuilt when it changes. */
export interface MenuState {
  recent: RecentFile[];
  theme: Settings['theme'];
  temperatureUnit: Settings['temperatureUnit'];
}

export const INITIAL_MENU_STATE: MenuState = { recent: [], theme: 'system', temperatureUnit: 'K' };

/** The window's views, in the order of their CmdOrCtrl+1…6 accelerators (and of the window's tabs). */
const VIEWS: { label: string; action: MenuAction }[] = [
  { label: 'Fleet', action: 'view-fleet' },
  { label: 'Twin', action: 'view-twin' },
  { label: 'Model', action: 'view-model' },
  { label: 'Data', action: 'view-data' },
  { label: 'Alerts', action: 'view-alerts' },
  { label: 'Settings', action: 'view-settings' },
];

/** Menu labels show `&` as a mnemonic marker: a file called "R&D.csv" must show as such. */
const menuLabel = (text: string) => text.replace(/&/g, '&&');

export function appMenuTemplate(actions: MenuActions, platform: NodeJS.Platform, developer: boolean, state: MenuState = INITIAL_MENU_STATE): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const send = (action: MenuAction) => () => actions.send(action);

  const recent: MenuItemConstructorOptions[] = [
    ...(state.recent.length
      ? state.recent.map((f): MenuItemConstructorOptions => ({ label: menuLabel(f.name), toolTip: f.path, click: () => actions.openRecent(f.path) }))
      : [{ label: 'No recent files', enabled: false }]),
    { type: 'separator' },
    { label: 'Clear', enabled: state.recent.length > 0, click: () => actions.clearRecent() },
  ];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'Open CSV…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFile() },
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      { label: 'Open model…', click: send('open-model') },
      { label: 'Save model…', click: send('save-model') },
      { type: 'separator' },
      {
        label: 'Export',
        submenu: [
          { label: 'Alerts as CSV…', click: send('export-alerts') },
          { label: 'Maintenance log as CSV…', click: send('export-maintenance') },
          { label: 'Model metrics as CSV…', click: send('export-metrics') },
          { type: 'separator' },
          { label: 'Report as PDF…', click: send('export-report') },
        ],
      },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const radio = (label: string, checked: boolean, action: MenuAction): MenuItemConstructorOptions => ({ label, type: 'radio', checked, click: send(action) });
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...VIEWS.map((v, i): MenuItemConstructorOptions => ({ label: v.label, accelerator: `CmdOrCtrl+${i + 1}`, click: send(v.action) })),
      { type: 'separator' },
      {
        label: 'Theme',
        submenu: [
          radio('System', state.theme === 'system', 'theme-system'),
          radio('Light', state.theme === 'light', 'theme-light'),
          radio('Dark', state.theme === 'dark', 'theme-dark'),
        ],
      },
      {
        label: 'Temperature unit',
        submenu: [radio('Kelvin (K)', state.temperatureUnit === 'K', 'units-K'), radio('Celsius (°C)', state.temperatureUnit === 'C', 'units-C')],
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      // Reloading and developer tools are for development builds only.
      ...(developer ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      // F1 only: "?" (Shift+/) is the page's own shortcut, because as a menu accelerator it
      // would be taken from every text field and "?" could no longer be typed.
      { label: 'Keyboard shortcuts', accelerator: 'F1', click: send('shortcuts') },
      { type: 'separator' },
      { label: 'AI4I 2020 dataset (UCI)', click: () => actions.openLink(HELP_LINKS.ai4iDataset) },
      { label: 'AI4I 2020 paper (Matzka 2020)', click: () => actions.openLink(HELP_LINKS.ai4iPaper) },
      { type: 'separator' },
      { label: 'Save diagnostics…', click: () => actions.saveDiagnostics() },
      // On macOS About sits in the app menu (role appMenu).
      ...(mac ? [] : [{ type: 'separator' as const }, { label: 'About Twinscope', click: () => actions.about() }]),
    ],
  };

  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    help,
  ];
}
