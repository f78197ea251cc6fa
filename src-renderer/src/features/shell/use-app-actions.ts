/**
 * What a menu item (Electron's `app:menu`) or a keyboard shortcut does, in one place, so both run
 * exactly the code of the in-page controls. Export actions are handled by features/export.
 */
import { useEffect } from 'react';
import type { MenuAction } from '@shared/contract';
import { invoke, subscribe } from '../../api/client';
import { downloadText } from '../../lib/download';
import { chooseThemePreference, nextThemePreference, themePreference, type ThemePreference } from '../../lib/theme';
import { useStore } from '../../store';
import type { View } from '../../store/app-slice';
import { isTyping, shortcutFor, type Shortcut } from './shortcuts';

const VIEW_ACTIONS: Partial<Record<MenuAction, View>> = {
  'view-fleet': 'fleet', 'view-twin': 'twin', 'view-model': 'model', 'view-data': 'data', 'view-alerts': 'alerts', 'view-settings': 'settings',
};

/** Applies a theme at once and keeps it in Settings. */
export function chooseTheme(theme: ThemePreference): void {
  chooseThemePreference(theme);
  void useStore.getState().updateSettings({ theme });
}

/** Clicks a hidden file input of a view (the import's, the model file's) after showing the view. */
function clickInput(view: View, testId: string): void {
  useStore.getState().setView(view);
  requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)?.click());
}

async function saveDiagnostics(): Promise<void> {
  const { notify } = useStore.getState();
  try {
    const d = await invoke('support:diagnostics', {});
    // Electron saved it through its dialog (no path: the user cancelled); the browser saves
    // what the host collected.
    if (useStore.getState().info?.transport === 'electron') {
      if (d.savedTo) notify({ tone: 'ok', text: `Diagnostics saved to ${d.savedTo}` });
      return;
    }
    downloadText(d.fileName, d.content, 'text/plain');
    notify({ tone: 'ok', text: `Diagnostics saved as ${d.fileName}` });
  } catch (e) {
    notify({ tone: 'bad', text: `Diagnostics not saved: ${(e as Error).message}` });
  }
}

export function runAction(action: Shortcut['action']): void {
  const s = useStore.getState();
  const view = VIEW_ACTIONS[action as MenuAction];
  if (view) return s.setView(view);
  switch (action) {
    case 'theme-system':
    case 'theme-light':
    case 'theme-dark':
      return chooseTheme(action.slice(6) as ThemePreference);
    case 'toggle-theme':
      return chooseTheme(nextThemePreference(themePreference()));
    case 'units-K':
    case 'units-C':
      return void s.updateSettings({ temperatureUnit: action === 'units-K' ? 'K' : 'C' });
    case 'pause':
      return void (s.fleetClock ? s.controlFleet({ paused: !s.fleetClock.paused }) : undefined);
    case 'shortcuts':
      return s.setHelpOpen(true);
    case 'close':
      return s.setHelpOpen(false);
    case 'open-csv':
      return clickInput('data', 'import-file');
    case 'open-model':
      return clickInput('model', 'open-model-file');
    case 'save-model': {
      const active = s.runs.find((r) => r.active);
      if (active) return void s.saveModel(active.runId);
      s.setView('model');
      return s.notify({ tone: 'warn', text: 'No model is active yet: train or activate one, then save it.' });
    }
    case 'save-diagnostics':
      return void saveDiagnostics();
    case 'about':
      return s.notify({ tone: 'info', text: `Twinscope ${s.info ? `v${s.info.version}` : ''} — offline digital twin for predictive maintenance.` });
    default:
      // Export actions belong to features/export.
      return;
  }
}

/** Listens for menu actions and keyboard shortcuts for as long as the app is mounted. */
export function useAppActions(): void {
  useEffect(() => {
    const offMenu = subscribe('app:menu', ({ action }) => runAction(action));
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target)) return;
      const shortcut = shortcutFor(e);
      if (!shortcut) return;
      e.preventDefault();
      runAction(shortcut.action);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      offMenu();
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
