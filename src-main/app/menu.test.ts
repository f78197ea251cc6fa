import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from './menu';

type MenuItemConstructorOptions = ReturnType<typeof appMenuTemplate>[number];

const items = (m: MenuItemConstructorOptions) => m.submenu as MenuItemConstructorOptions[];

describe('application menu', () => {
  it('has File › Open CSV… on Ctrl/Cmd+O, which starts an import', () => {
    let opened = 0;
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const template = appMenuTemplate({ openFile: () => opened++ }, platform, false);
      const file = template.find((m) => m.label === '&File')!;
      const open = items(file).find((i) => i.label === 'Open CSV…')!;
      expect(open.accelerator).toBe('CmdOrCtrl+O');
      (open.click as () => void)();
    }
    expect(opened).toBe(3);
  });

  it('offers reload and developer tools only in development builds', () => {
    const roles = (developer: boolean) => appMenuTemplate({ openFile: () => {} }, 'linux', developer).flatMap((m) => (Array.isArray(m.submenu) ? m.submenu.map((i) => i.role) : []));
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });

  it('puts the app menu first on macOS only', () => {
    expect(appMenuTemplate({ openFile: () => {} }, 'darwin', false)[0].role).toBe('appMenu');
    expect(appMenuTemplate({ openFile: () => {} }, 'win32', false)[0].label).toBe('&File');
  });
});
