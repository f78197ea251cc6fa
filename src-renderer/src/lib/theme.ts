/**
 * Light and dark themes. The preference (system, light or dark) lives in Settings; the theme in
 * force is the `data-theme` attribute of <html>, which styles.css and live.css key on. "System"
 * follows the OS (prefers-color-scheme) and switches with it. The last preference is also kept in
 * localStorage so the first paint of the next start is already in the right theme.
 */
import { useSyncExternalStore } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';
export type ThemeName = 'light' | 'dark';

const STORAGE_KEY = 'twinscope.theme';
const LIGHT_QUERY = '(prefers-color-scheme: light)';
const listeners = new Set<() => void>();
let preference: ThemePreference = 'system';

export function resolveTheme(pref: ThemePreference, systemLight: boolean): ThemeName {
  return pref === 'system' ? (systemLight ? 'light' : 'dark') : pref;
}

function systemLight(): boolean {
  return typeof matchMedia === 'function' && matchMedia(LIGHT_QUERY).matches;
}

function apply(): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = resolveTheme(preference, systemLight());
  // React skips listeners whose snapshot did not change, so telling them all is cheap.
  for (const l of listeners) l();
}

/** Sets the preference (from Settings or a toggle) and applies it at once. */
export function setThemePreference(pref: ThemePreference): void {
  preference = pref;
  try {
    localStorage.setItem(STORAGE_KEY, pref);
  } catch {
    // Storage refused (private mode): the theme still applies for this session.
  }
  apply();
}

export function themePreference(): ThemePreference {
  return preference;
}

/** The next preference of the topbar's toggle: system → light → dark → system. */
export function nextThemePreference(pref: ThemePreference): ThemePreference {
  return pref === 'system' ? 'light' : pref === 'light' ? 'dark' : 'system';
}

/** Applies the remembered preference before the first render and follows the OS from then on. */
export function initTheme(): void {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'light' || saved === 'dark' || saved === 'system') preference = saved;
  } catch {
    // No storage: follow the OS until Settings arrive.
  }
  apply();
  if (typeof matchMedia === 'function') matchMedia(LIGHT_QUERY).addEventListener('change', apply);
}

const subscribe = (onChange: () => void) => {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
};
const currentTheme = (): ThemeName => (typeof document !== 'undefined' && document.documentElement.dataset.theme === 'light' ? 'light' : 'dark');

/** The theme in force; re-renders on a switch (canvas widgets redraw their colours then). */
export const useTheme = () => useSyncExternalStore(subscribe, currentTheme, () => 'dark' as ThemeName);

/**
 * A choice sent to Settings and not yet confirmed: a stored value read before it (the first load
 * racing a quick click) must not undo it.
 */
let unconfirmed: ThemePreference | null = null;

/** The user chose a theme; it is being saved. */
export function chooseThemePreference(pref: ThemePreference): void {
  unconfirmed = pref;
  setThemePreference(pref);
}

/** Applies the theme stored in Settings, unless a newer choice is still on its way there. */
export function applyStoredTheme(pref: ThemePreference): void {
  if (unconfirmed !== null && pref !== unconfirmed) return;
  unconfirmed = null;
  setThemePreference(pref);
}

/** The preference (system, light or dark); re-renders when it changes. */
export const useThemePreference = () => useSyncExternalStore(subscribe, themePreference, () => 'system' as ThemePreference);
