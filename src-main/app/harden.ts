/**
 * Navigation and new windows are refused for every web contents: the app is one local page and
 * never becomes a browser. (External https links arrive with the desktop-integration issue,
 * through an allowlist.)
 */
import type { WebContents } from 'electron';

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
