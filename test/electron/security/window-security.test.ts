import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { APP_PAGE_URL } from '../../../electron/window/app-protocol';
import {
  CONTENT_SECURITY_POLICY,
  CONTENT_SECURITY_POLICY_HEADER,
  SECURE_WEB_PREFERENCES,
  isAllowedNavigation,
  isPermissionGranted,
  isTrustedSender,
  windowOpenDecision,
} from '../../../electron/security/window-security';

const appUrl = APP_PAGE_URL;

describe('window security settings (Electron security checklist)', () => {
  it('isolates the page: context isolation, sandbox, no Node anywhere', () => {
    expect(SECURE_WEB_PREFERENCES.contextIsolation).toBe(true);
    expect(SECURE_WEB_PREFERENCES.sandbox).toBe(true);
    expect(SECURE_WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(SECURE_WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false);
    expect(SECURE_WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false);
    expect(SECURE_WEB_PREFERENCES.webSecurity).toBe(true);
    expect(SECURE_WEB_PREFERENCES.allowRunningInsecureContent).toBe(false);
    expect(SECURE_WEB_PREFERENCES.webviewTag).toBe(false);
    expect(SECURE_WEB_PREFERENCES.experimentalFeatures).toBe(false);
  });

  it('uses a strict CSP: only our own scripts, no inline code, no eval, nothing remote', () => {
    const directives: Record<string, string[]> = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    for (const values of Object.values(directives)) {
      expect(values).not.toContain("'unsafe-inline'");
      expect(values).not.toContain("'unsafe-eval'");
      expect(values.some((v) => v.startsWith('http') || v === '*')).toBe(false);
    }
  });

  it('ships the same CSP in renderer/index.html as the module declares', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });

  it('sends the same CSP as a header, with frame-ancestors, which a meta tag cannot carry', () => {
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('refuses navigation anywhere but our own page on app://peerscape', () => {
    expect(appUrl).toBe('app://peerscape/index.html');
    expect(isAllowedNavigation(`${appUrl}#vpc-1`, appUrl)).toBe(true);
    expect(isAllowedNavigation('https://evil.example/', appUrl)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', appUrl)).toBe(false);
    expect(isAllowedNavigation('file:///opt/Peerscape/resources/app.asar/out/renderer/index.html', appUrl)).toBe(false);
    expect(isAllowedNavigation('app://evil/index.html', appUrl)).toBe(false);
    expect(isAllowedNavigation('app://peerscape/other.html', appUrl)).toBe(false);
    expect(isAllowedNavigation('app://peerscape.evil/index.html', appUrl)).toBe(false);
    expect(isAllowedNavigation(`${appUrl}.evil.html`, appUrl)).toBe(false);
    expect(isAllowedNavigation('not a url', appUrl)).toBe(false);
  });

  it('denies new windows and every permission request', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      expect(isPermissionGranted(p)).toBe(false);
    }
  });

  it('trusts IPC only from our window main frame showing our page', () => {
    const trusted = { appUrl, webContentsId: 7 };
    expect(isTrustedSender({ url: appUrl, isMainFrame: true, webContentsId: 7 }, trusted)).toBe(true);
    expect(isTrustedSender({ url: appUrl, isMainFrame: false, webContentsId: 7 }, trusted)).toBe(false);
    expect(isTrustedSender({ url: appUrl, isMainFrame: true, webContentsId: 8 }, trusted)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true, webContentsId: 7 }, trusted)).toBe(false);
    expect(isTrustedSender({ url: 'file:///opt/Peerscape/resources/app.asar/out/renderer/index.html', isMainFrame: true, webContentsId: 7 }, trusted)).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', isMainFrame: true, webContentsId: 7 }, trusted)).toBe(false);
    expect(isTrustedSender({ url: undefined, isMainFrame: true, webContentsId: 7 }, trusted)).toBe(false);
    expect(isTrustedSender({ url: appUrl, isMainFrame: true, webContentsId: 7 }, { appUrl, webContentsId: undefined })).toBe(false);
  });
});
