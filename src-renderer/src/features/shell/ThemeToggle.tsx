/** The topbar's theme switch: system → light → dark, kept in Settings (also View › Theme, key T). */
import { nextThemePreference, useThemePreference } from '../../lib/theme';
import { chooseTheme } from './use-app-actions';

const LABEL = { system: 'System theme', light: 'Light theme', dark: 'Dark theme' } as const;
const ICON = { system: '◐', light: '☀', dark: '☾' } as const;

export function ThemeToggle() {
  const pref = useThemePreference();
  const next = nextThemePreference(pref);
  return (
    <button className="icon-button" onClick={() => chooseTheme(next)} aria-label={`${LABEL[pref]}: switch to ${LABEL[next].toLowerCase()}`} title={`${LABEL[pref]} (T)`} data-testid="theme-toggle" data-theme-pref={pref}>
      {ICON[pref]}
    </button>
  );
}
