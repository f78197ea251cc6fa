/**
 * The renderer's Content-Security-Policy, one string for both shells: injected as a meta tag
 * into the built index.html (Electron loads it from file://, where no header can be set) and
 * sent as a header by the web host. No unsafe-eval, no unsafe-inline.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
