import { describe, expect, it } from 'vitest';
import { hardenContents } from './harden';

/** The part of WebContents hardenContents touches, recording the handlers it installs. */
function fakeContents() {
  const on = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, handler: never) => on.set(name, handler),
    setWindowOpenHandler: (h: never) => (openHandler = h),
  };
  return { contents: contents as never, on, open: (url: string) => openHandler!({ url }) };
}

describe('hardened web contents', () => {
  it('refuses every navigation and new window, handing the link to the allowlist instead', () => {
    const fake = fakeContents();
    const links: string[] = [];
    hardenContents(fake.contents, (url) => links.push(url));
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      fake.on.get(name)!({ preventDefault: () => (prevented = true) }, 'https://doi.org/x');
      expect(prevented, name).toBe(true);
    }
    expect(fake.open('https://archive.ics.uci.edu/')).toEqual({ action: 'deny' });
    expect(fake.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    // Only navigation and window.open are links; a redirect is the page's own business and just stops.
    expect(links).toEqual(['https://doi.org/x', 'https://archive.ics.uci.edu/', 'file:///etc/passwd']);
  });
});
