/**
 * File names the window suggests for saved files (report:pdf's fileName, the diagnostics bundle)
 * become the save dialog's default name: only a plain name, valid on every platform, with the
 * expected extension — never a path the renderer could point elsewhere.
 */

/** Characters Windows refuses in names (and path separators everywhere). */
const INVALID = /[<>:"/\\|?*]/g;
const withoutControls = (text: string) => [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? '-' : c)).join('');
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

export function suggestedFileName(requested: string, extension: string, fallback = 'twinscope'): string {
  const ext = `.${extension.replace(/^\./, '')}`;
  // Only the last path segment counts: "../../x.pdf" suggests "x.pdf".
  const last = requested.split(/[/\\]/).pop() ?? '';
  let name = withoutControls(last).replace(INVALID, '-').replace(/\s+/g, ' ').trim().replace(/^[.\s]+|[.\s]+$/g, '');
  if (name.toLowerCase().endsWith(ext.toLowerCase())) name = name.slice(0, -ext.length).replace(/[.\s]+$/, '');
  if (!name || RESERVED.test(name)) name = fallback;
  return `${name.slice(0, 150)}${ext}`;
}
