import { describe, expect, it } from 'vitest';
import { checkExternalLink, HELP_LINKS } from './external-links';

const allowed = (url: unknown) => checkExternalLink(url).ok;

describe('external link allowlist', () => {
  it('opens the help links', () => {
    for (const url of Object.values(HELP_LINKS)) expect(checkExternalLink(url)).toEqual({ ok: true, url });
  });

  it('accepts https on an allowed host only, compared exactly', () => {
    expect(allowed('https://DOI.org/10.1/x')).toBe(true);
    expect(checkExternalLink('https://DOI.org/10.1/x')).toEqual({ ok: true, url: 'https://doi.org/10.1/x' });
    expect(allowed('https://doi.org:443/x')).toBe(true);
    for (const url of ['https://evil.example/', 'https://doi.org.evil.example/', 'https://sub.doi.org/', 'https://xdoi.org/', 'https://doi.org./x', 'https://127.0.0.1/']) {
      expect(allowed(url), url).toBe(false);
    }
  });

  it('refuses every other scheme', () => {
    for (const url of ['http://doi.org/x', 'file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'smb://doi.org/share', 'ms-settings:', 'mailto:a@doi.org', '//doi.org/x', 'doi.org']) {
      expect(allowed(url), url).toBe(false);
    }
  });

  it('refuses credentials, other ports, whitespace and non-strings', () => {
    expect(checkExternalLink('https://user:pw@doi.org/x')).toMatchObject({ ok: false, reason: expect.stringMatching(/password/) });
    expect(allowed('https://user@doi.org/x')).toBe(false);
    expect(allowed('https://doi.org:8443/x')).toBe(false);
    expect(allowed('https://doi.org/x y')).toBe(false);
    expect(allowed('https://doi.org/\nx')).toBe(false);
    expect(allowed(' https://doi.org/x')).toBe(false);
    expect(allowed(42)).toBe(false);
    expect(allowed('https://doi.org/' + 'x'.repeat(2000))).toBe(false);
  });
});
