/**
 * Which links may leave the app for the system browser. shell.openExternal hands a URL to the
 * operating system, which would also run file:, smb: or custom-protocol handlers, so only https
 * links to an exact list of hosts pass, and never with credentials in them. Pure, so the rules are
 * tested without Electron; the shell (main.ts, harden.ts) calls `checkExternalLink` first.
 */

/** Hosts the app links to: the AI4I 2020 dataset page at UCI and its paper's DOI resolver. */
export const ALLOWED_LINK_HOSTS: readonly string[] = ['archive.ics.uci.edu', 'doi.org'];

/** Help menu links: real pages about the data the app is built on (the app itself has no web site yet). */
export const HELP_LINKS = {
  ai4iDataset: 'https://archive.ics.uci.edu/dataset/601/ai4i+2020+predictive+maintenance+dataset',
  ai4iPaper: 'https://doi.org/10.1109/AI4I49448.2020.00023',
} as const;

const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;

export type LinkCheck = { ok: true; url: string } | { ok: false; reason: string };

/**
 * Accepts `https://<allowed host>[:443]/…` without user name or password; returns the normalised
 * URL to open (the parser's serialisation, so what is checked is exactly what is opened).
 */
export function checkExternalLink(raw: unknown, allowedHosts: readonly string[] = ALLOWED_LINK_HOSTS): LinkCheck {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2000) return { ok: false, reason: 'not a link' };
  // Control characters and spaces are never part of a link we publish; the parser would strip some.
  if (/\s/.test(raw) || [...raw].some(isControl)) return { ok: false, reason: 'the link contains spaces or control characters' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid URL' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `only https links open outside the app, not ${url.protocol}` };
  if (url.username || url.password) return { ok: false, reason: 'links with a user name or password are refused' };
  if (url.port !== '') return { ok: false, reason: 'links to other ports are refused' };
  // The parser lower-cases the host and turns IDNs into punycode, so the comparison is exact.
  if (!allowedHosts.includes(url.hostname)) return { ok: false, reason: `${url.hostname} is not one of the sites Twinscope links to` };
  return { ok: true, url: url.href };
}
