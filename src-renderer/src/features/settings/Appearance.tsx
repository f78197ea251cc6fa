/** Settings › Appearance: theme (system, light, dark) and the temperature unit, saved at once. */
import { chooseTheme } from '../shell/use-app-actions';
import { useThemePreference, type ThemePreference } from '../../lib/theme';
import { useStore } from '../../store';

const THEMES: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function Appearance() {
  const theme = useThemePreference();
  const unit = useStore((s) => s.settings?.temperatureUnit ?? 'K');
  const update = useStore((s) => s.updateSettings);
  return (
    <div className="appearance">
      <fieldset>
        <legend>Theme</legend>
        {THEMES.map((t) => (
          <label key={t.value}>
            <input type="radio" name="theme" value={t.value} checked={theme === t.value} onChange={() => chooseTheme(t.value)} data-testid={`theme-${t.value}`} /> {t.label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Temperatures</legend>
        <label><input type="radio" name="temperature-unit" checked={unit === 'K'} onChange={() => void update({ temperatureUnit: 'K' })} data-testid="unit-K" /> kelvin (K)</label>
        <label><input type="radio" name="temperature-unit" checked={unit === 'C'} onChange={() => void update({ temperatureUnit: 'C' })} data-testid="unit-C" /> degrees Celsius (°C)</label>
      </fieldset>
    </div>
  );
}
