import { describe, expect, it } from 'vitest';
import { SHORTCUTS, isTyping, shortcutFor } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('maps keys to actions, and no key to two actions', () => {
    expect(shortcutFor(key('5'))?.action).toBe('view-alerts');
    expect(shortcutFor(key('?'))?.action).toBe('shortcuts');
    expect(shortcutFor(key('F1'))?.action).toBe('shortcuts');
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('leaves modified keys to the browser and the menus', () => {
    expect(shortcutFor(key('1', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('t', { metaKey: true }))).toBeNull();
    expect(shortcutFor(key('x'))).toBeNull();
  });

  it('ignores keys typed into fields', () => {
    expect(isTyping({ tagName: 'INPUT', isContentEditable: false } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(true);
    expect(isTyping({ tagName: 'BUTTON', isContentEditable: false } as unknown as EventTarget)).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
