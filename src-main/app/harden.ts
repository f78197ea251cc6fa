/**
 * Navigation and new windows are refused for every web contents: the app is one local page and
 * never becomes a browser. A link the page tries to follow (or open in a new window) is handed to
 * `openLink` instead, which opens it in the system browser only if it passes the external-link
 * allowlist (external-links.ts) and refuses it otherwise.
 */
import type { WebContents } from 'electron';

export function hardenContents(contents: WebContents, openLink: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openLink(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openLink(url);
    return { action: 'deny' };
  });
}
