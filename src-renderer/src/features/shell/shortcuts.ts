/**
 * Keyboard shortcuts: one table, read by the key handler and by the help panel, so the panel
 * always lists what the keys really do. Keys are KeyboardEvent.key values.
 */
import type { MenuAction } from '@shared/contract';

export interface Shortcut {
  keys: string[];
  label: string;
  action: MenuAction | 'toggle-theme' | 'pause' | 'close';
}

export const SHORTCUTS: Shortcut[] = [
  { keys: ['1'], label: 'Fleet view', action: 'view-fleet' },
  { keys: ['2'], label: 'Twin view (the asset last opened)', action: 'view-twin' },
  { keys: ['3'], label: 'Model view', action: 'view-model' },
  { keys: ['4'], label: 'Data view', action: 'view-data' },
  { keys: ['5'], label: 'Alerts view', action: 'view-alerts' },
  { keys: ['6'], label: 'Settings', action: 'view-settings' },
  { keys: ['p'], label: 'Pause or resume the simulated clock', action: 'pause' },
  { keys: ['t'], label: 'Switch theme (system → light → dark)', action: 'toggle-theme' },
  { keys: ['?', 'F1'], label: 'Show these shortcuts', action: 'shortcuts' },
  { keys: ['Escape'], label: 'Close this panel or the tour', action: 'close' },
];

/** Typing in a field never triggers a shortcut. */
export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The shortcut a key press means, if any (no modifier keys: those belong to the browser and the menus). */
export function shortcutFor(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): Shortcut | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  return SHORTCUTS.find((s) => s.keys.includes(e.key)) ?? null;
}
