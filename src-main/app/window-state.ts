/**
 * The main window's size and place, remembered between runs (`window-state.json` in userData):
 * bounds when neither maximised nor full screen, and whether it was either. Restoring checks the
 * saved place against today's displays: a monitor unplugged since, a changed resolution or a
 * hand-edited file must never put the window off screen or below the minimum size.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the system centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  fullscreen: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
/** The smallest window the layout is designed for (also the window's minWidth/minHeight). */
export const MIN_WINDOW = { width: 1024, height: 680 } as const;
export const DEFAULT_WINDOW = { width: 1440, height: 900 } as const;
/** How much of the window must lie on some display to count as reachable (enough to grab its title bar). */
const MIN_VISIBLE = { width: 160, height: 48 };

const Stored = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean().default(false),
  fullscreen: z.boolean().default(false),
});

export function parseWindowState(text: string | null): WindowState | null {
  if (!text) return null;
  try {
    const parsed = Stored.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The state to open the window with. `workAreas`: every display's work area (without task bars),
 * primary first. Size: the saved size, at least the minimum and at most the display it lands on;
 * place: the saved one if enough of the window shows on a display, else centred on the primary.
 */
export function restoreWindowState(saved: WindowState | null, workAreas: Rect[]): WindowState {
  const primary = workAreas[0];
  const fit = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: Math.max(MIN_WINDOW.width, area ? Math.min(size.width, area.width) : size.width),
    height: Math.max(MIN_WINDOW.height, area ? Math.min(size.height, area.height) : size.height),
  });
  if (!saved) return { ...fit(DEFAULT_WINDOW, primary), maximized: false, fullscreen: false };
  const flags = { maximized: saved.maximized, fullscreen: saved.fullscreen };
  if (saved.x !== undefined && saved.y !== undefined) {
    const rect = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
    const host = workAreas.find((area) => {
      const o = overlap(rect, area);
      return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
    });
    if (host) {
      const size = fit(saved, host);
      // Shrinking to the display may leave it hanging over an edge: pull it back inside.
      const x = Math.min(Math.max(saved.x, host.x), host.x + Math.max(0, host.width - size.width));
      const y = Math.min(Math.max(saved.y, host.y), host.y + Math.max(0, host.height - size.height));
      return { x, y, ...size, ...flags };
    }
  }
  // No remembered place, or it is on no display now: the saved size, centred by the system.
  return { ...fit(saved, primary), ...flags };
}

/** What to remember of a window: its normal bounds (so un-maximising later restores them) and its mode. */
export function captureWindowState(normalBounds: Rect, maximized: boolean, fullscreen: boolean): WindowState {
  return { x: Math.round(normalBounds.x), y: Math.round(normalBounds.y), width: Math.round(normalBounds.width), height: Math.round(normalBounds.height), maximized, fullscreen };
}

export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  writeFileAtomic(file, `${JSON.stringify(state)}\n`);
}
