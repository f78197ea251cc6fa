import { describe, expect, it } from 'vitest';
import { applyStoredTheme, chooseThemePreference, nextThemePreference, resolveTheme, themePreference } from './theme';

describe('theme', () => {
  it('follows the OS under "system" and ignores it otherwise', () => {
    expect(resolveTheme('system', true)).toBe('light');
    expect(resolveTheme('system', false)).toBe('dark');
    expect(resolveTheme('light', false)).toBe('light');
    expect(resolveTheme('dark', true)).toBe('dark');
  });

  it('cycles system → light → dark → system', () => {
    expect(nextThemePreference('system')).toBe('light');
    expect(nextThemePreference('light')).toBe('dark');
    expect(nextThemePreference('dark')).toBe('system');
  });

  it('keeps a choice when a stored value read before it arrives, and follows Settings once confirmed', () => {
    chooseThemePreference('dark');
    applyStoredTheme('system'); // the first load, answered after the click
    expect(themePreference()).toBe('dark');
    applyStoredTheme('dark'); // the update's answer
    applyStoredTheme('light'); // a later change made elsewhere
    expect(themePreference()).toBe('light');
  });
});
