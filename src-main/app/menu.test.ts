import { describe, expect, it } from 'vitest';
import { MenuAction } from '../shared/contract';
import { checkExternalLink } from './external-links';
import { appMenuTemplate, type MenuActions, type MenuState } from './menu';

type Item = ReturnType<typeof appMenuTemplate>[number];

const items = (m: Item) => m.submenu as Item[];
const find = (list: Item[], label: string) => {
  const item = list.find((i) => i.label === label);
  if (!item) throw new Error(`no menu item "${label}" in ${list.map((i) => i.label ?? i.role ?? i.type).join(', ')}`);
  return item;
};
const click = (item: Item) => (item.click as () => void)();

/** Records what every action was called with. */
function recorder() {
  const calls: [keyof MenuActions, unknown][] = [];
  const actions: MenuActions = {
    openFile: () => void calls.push(['openFile', null]),
    openRecent: (path) => void calls.push(['openRecent', path]),
    clearRecent: () => void calls.push(['clearRecent', null]),
    send: (action) => void calls.push(['send', action]),
    saveDiagnostics: () => void calls.push(['saveDiagnostics', null]),
    openLink: (url) => void calls.push(['openLink', url]),
    about: () => void calls.push(['about', null]),
  };
  return { calls, actions };
}

/** Every clickable item, depth first. */
function leaves(list: Item[]): Item[] {
  return list.flatMap((i) => (Array.isArray(i.submenu) ? leaves(i.submenu) : i.click ? [i] : []));
}

const STATE: MenuState = { recent: [{ path: '/data/R&D line 1.csv', name: 'R&D line 1.csv', openedAt: 2 }, { path: '/data/b.csv', name: 'b.csv', openedAt: 1 }], theme: 'dark', temperatureUnit: 'C' };

describe('application menu', () => {
  it('has File › Open CSV… on Ctrl/Cmd+O, which starts an import', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const { calls, actions } = recorder();
      const file = find(appMenuTemplate(actions, platform, false), '&File');
      const open = find(items(file), 'Open CSV…');
      expect(open.accelerator).toBe('CmdOrCtrl+O');
      click(open);
      expect(calls).toEqual([['openFile', null]]);
    }
  });

  it('lists recent files newest first, opens them by path and can clear them', () => {
    const { calls, actions } = recorder();
    const recent = items(find(items(find(appMenuTemplate(actions, 'linux', false, STATE), '&File')), 'Open Recent'));
    // "&" would be taken as a mnemonic marker: doubled to show as typed.
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['R&&D line 1.csv', 'b.csv', 'separator', 'Clear']);
    click(recent[1]);
    click(recent[3]);
    expect(calls).toEqual([['openRecent', '/data/b.csv'], ['clearRecent', null]]);
    const empty = items(find(items(find(appMenuTemplate(actions, 'linux', false), '&File')), 'Open Recent'));
    expect(empty[0]).toMatchObject({ label: 'No recent files', enabled: false });
    expect(find(empty, 'Clear').enabled).toBe(false);
  });

  it('pushes every window action to the window, and each contract action has an item', () => {
    const { calls, actions } = recorder();
    const template = appMenuTemplate(actions, 'linux', false, STATE);
    for (const item of leaves(template)) click(item);
    const sent = calls.filter(([k]) => k === 'send').map(([, a]) => a);
    // Diagnostics and About are done by the shell itself (save dialog, About panel).
    const byShell = new Set(['save-diagnostics', 'about', 'open-csv']);
    expect(new Set(sent)).toEqual(new Set(MenuAction.options.filter((a) => !byShell.has(a))));
    expect(calls.filter(([k]) => k !== 'send').map(([k]) => k)).toEqual(['openFile', 'openRecent', 'openRecent', 'clearRecent', 'openLink', 'openLink', 'saveDiagnostics', 'about']);
  });

  it('switches views with Ctrl/Cmd+1…6 and shows shortcuts on F1', () => {
    const { calls, actions } = recorder();
    const view = items(find(appMenuTemplate(actions, 'win32', false), '&View'));
    const views = ['Fleet', 'Twin', 'Model', 'Data', 'Alerts', 'Settings'].map((l) => find(view, l));
    expect(views.map((v) => v.accelerator)).toEqual(['CmdOrCtrl+1', 'CmdOrCtrl+2', 'CmdOrCtrl+3', 'CmdOrCtrl+4', 'CmdOrCtrl+5', 'CmdOrCtrl+6']);
    views.forEach(click);
    const shortcuts = find(items(find(appMenuTemplate(actions, 'win32', false), '&Help')), 'Keyboard shortcuts');
    expect(shortcuts.accelerator).toBe('F1');
    click(shortcuts);
    expect(calls.map(([, a]) => a)).toEqual(['view-fleet', 'view-twin', 'view-model', 'view-data', 'view-alerts', 'view-settings', 'shortcuts']);
  });

  it('checks the current theme and temperature unit as radio items', () => {
    const { actions } = recorder();
    const view = items(find(appMenuTemplate(actions, 'linux', false, STATE), '&View'));
    const theme = items(find(view, 'Theme'));
    expect(theme.map((i) => [i.label, i.type, i.checked])).toEqual([['System', 'radio', false], ['Light', 'radio', false], ['Dark', 'radio', true]]);
    const units = items(find(view, 'Temperature unit'));
    expect(units.map((i) => [i.label, i.checked])).toEqual([['Kelvin (K)', false], ['Celsius (°C)', true]]);
    expect(view.map((i) => i.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('links only to pages the external-link allowlist lets out', () => {
    const { calls, actions } = recorder();
    for (const item of leaves(items(find(appMenuTemplate(actions, 'linux', false), '&Help')))) click(item);
    const links = calls.filter(([k]) => k === 'openLink').map(([, url]) => url);
    expect(links.length).toBeGreaterThan(0);
    for (const url of links) expect(checkExternalLink(url).ok).toBe(true);
  });

  it('offers reload and developer tools only in development builds', () => {
    const { actions } = recorder();
    const roles = (developer: boolean) => appMenuTemplate(actions, 'linux', developer).flatMap((m) => (Array.isArray(m.submenu) ? m.submenu.map((i) => i.role) : []));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('puts the app menu (with About) first on macOS only', () => {
    const { actions } = recorder();
    const mac = appMenuTemplate(actions, 'darwin', false);
    expect(mac[0].role).toBe('appMenu');
    expect(items(find(mac, '&Help')).map((i) => i.label)).not.toContain('About Twinscope');
    const win = appMenuTemplate(actions, 'win32', false);
    expect(win[0].label).toBe('&File');
    expect(items(find(win, '&Help')).map((i) => i.label)).toContain('About Twinscope');
  });
});
