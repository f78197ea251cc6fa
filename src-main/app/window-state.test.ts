import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureWindowState, DEFAULT_WINDOW, loadWindowState, MIN_WINDOW, parseWindowState, restoreWindowState, saveWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };
const state = (s: Partial<ReturnType<typeof captureWindowState>>) => ({ x: 100, y: 80, width: 1300, height: 800, maximized: false, fullscreen: false, ...s });

describe('window state', () => {
  it('opens a first window at the default size, centred by the system', () => {
    expect(restoreWindowState(null, [laptop])).toEqual({ ...DEFAULT_WINDOW, maximized: false, fullscreen: false });
    // A small screen gets a window that fits it (never below the minimum).
    expect(restoreWindowState(null, [{ x: 0, y: 0, width: 1280, height: 720 }])).toEqual({ width: 1280, height: 720, maximized: false, fullscreen: false });
    expect(restoreWindowState(null, [{ x: 0, y: 0, width: 1024, height: 600 }])).toMatchObject({ width: MIN_WINDOW.width, height: MIN_WINDOW.height });
  });

  it('restores bounds, maximised and full-screen flags on a display that is still there', () => {
    expect(restoreWindowState(state({ x: 2000, y: 50, maximized: true }), [laptop, rightMonitor])).toEqual(state({ x: 2000, y: 50, maximized: true }));
    expect(restoreWindowState(state({ fullscreen: true }), [laptop])).toEqual(state({ fullscreen: true }));
  });

  it('re-centres a window whose display was unplugged, keeping its size and flags', () => {
    expect(restoreWindowState(state({ x: 2200, y: 100, maximized: true }), [laptop])).toEqual({ width: 1300, height: 800, maximized: true, fullscreen: false });
    // Only a sliver on screen (less than a title bar to grab) counts as off screen too.
    expect(restoreWindowState(state({ x: 1900, y: 100 }), [laptop]).x).toBeUndefined();
    expect(restoreWindowState(state({ x: -1250, y: 100 }), [laptop]).x).toBeUndefined();
    expect(restoreWindowState(state({ x: 100, y: -790 }), [laptop]).x).toBeUndefined();
  });

  it('enforces the minimum size and fits the display, pulling the window inside', () => {
    expect(restoreWindowState(state({ width: 200, height: 100 }), [laptop])).toMatchObject({ x: 100, y: 80, width: MIN_WINDOW.width, height: MIN_WINDOW.height });
    expect(restoreWindowState(state({ x: 1500, y: 500, width: 3000, height: 2000 }), [laptop])).toEqual(state({ x: 0, y: 0, width: 1920, height: 1050 }));
    expect(restoreWindowState(state({ x: 1700, y: 100 }), [laptop])).toMatchObject({ x: 620, y: 100 });
  });

  it('captures whole pixels and reads back only well-formed files', () => {
    expect(captureWindowState({ x: 10.4, y: 20.6, width: 1300.2, height: 799.8 }, false, true)).toEqual({ x: 10, y: 21, width: 1300, height: 800, maximized: false, fullscreen: true });
    expect(parseWindowState('{"width":1300,"height":800}')).toEqual({ width: 1300, height: 800, maximized: false, fullscreen: false });
    for (const bad of [null, '', '{', '[]', '{"width":-1,"height":800}', '{"width":"1300","height":800}']) expect(parseWindowState(bad)).toBeNull();
  });

  it('round-trips through its file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twinscope-ws-'));
    try {
      const file = join(dir, 'window-state.json');
      expect(loadWindowState(file)).toBeNull();
      saveWindowState(file, state({ maximized: true }));
      expect(loadWindowState(file)).toEqual(state({ maximized: true }));
      writeFileSync(file, 'garbage');
      expect(loadWindowState(file)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
