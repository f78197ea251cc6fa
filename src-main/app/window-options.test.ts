import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { mainWindowOptions } from './window-options';

describe('Electron window hardening', () => {
  it('sandboxes the renderer, isolates the preload and gives it no Node', () => {
    const o = mainWindowOptions('/app/out/preload/index.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has a CSP without unsafe-eval or unsafe-inline that allows only the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(eval|inline)/);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('main process blocks navigation, new windows and permissions, and takes the single-instance lock', () => {
    const harden = readFileSync(join(__dirname, 'harden.ts'), 'utf8');
    expect(harden).toMatch(/will-navigate', \(event, url\) => \{\s+event\.preventDefault\(\);/);
    // New windows are always denied; an allowed link goes to the system browser instead.
    expect(harden).toMatch(/setWindowOpenHandler\(\(\{ url \}\) => \{\s+openLink\(url\);\s+return \{ action: 'deny' \};\s+\}\)/);
    expect(harden).not.toMatch(/action: 'allow'/);
    const main = readFileSync(join(__dirname, 'main.ts'), 'utf8');
    const desktop = readFileSync(join(__dirname, 'desktop-handlers.ts'), 'utf8');
    expect(main).toMatch(/setPermissionRequestHandler\(\(_wc, _perm, callback\) => callback\(false\)\)/);
    expect(main).toContain('requestSingleInstanceLock');
    expect(main).toContain('hardenContents(contents, ');
    // Links leave the app only through the allowlist.
    expect(desktop).toMatch(/checkExternalLink\(url\)[\s\S]*shell\.openExternal\(check\.url\)/);
  });
});
