/** Settings › Appearance: theme (system, light, dark) and the temperature unit, saved at once. */
import { useState } from 'react';
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
  const stored = useStore((s) => s.settings?.temperatureUnit ?? 'K');
  const update = useStore((s) => s.updateSettings);
  // The choice shows at once; Settings confirm it (or the choice falls back when saving fails).
  const [choice, setChoice] = useState<'K' | 'C' | null>(null);
  const unit = choice ?? stored;
  const chooseUnit = (u: 'K' | 'C') => {
    setChoice(u);
    void update({ temperatureUnit: u }).finally(() => setChoice(null));
  };
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
        <label><input type="radio" name="temperature-unit" checked={unit === 'K'} onChange={() => chooseUnit('K')} data-testid="unit-K" /> kelvin (K)</label>
        <label><input type="radio" name="temperature-unit" checked={unit === 'C'} onChange={() => chooseUnit('C')} data-testid="unit-C" /> degrees Celsius (°C)</label>
      </fieldset>
    </div>
  );
}
