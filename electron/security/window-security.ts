/** Every security setting of the Peerscape window, in one module a unit test reads.
 *
 * Follows Electron's security checklist (the "Security" tutorial of Electron's documentation;
 * docs/electron-security.md lists each guard): items 3 (context isolation), 4 (sandbox), 2 (no
 * Node integration), 7 (CSP), 13 (navigation), 14 (new windows), 5 (permission requests) and 17
 * (IPC sender validation). No Electron import here, so the rules are plain data and functions a
 * test can check without starting Electron.
 */

/** webPreferences for the one BrowserWindow. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const;

/** The Content-Security-Policy of renderer/index.html (a meta tag, so the page carries it wherever it is served).
 *
 * 'self' is the page's own origin: `app://peerscape` in the app, the harness's address in a
 * browser. `frame-ancestors` is left out because browsers ignore it in a meta tag; the header
 * below adds it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** The same policy as a response header (the app protocol and the harness send it), where `frame-ancestors` counts. */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

function sameDocument(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname;
}

function parse(url: string | undefined): URL | undefined {
  if (!url) return undefined;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** True only for a navigation to the app's own page (a hash change); everything else is refused.
 *
 * Compares parsed URLs, never string prefixes (checklist item 13).
 */
export function isAllowedNavigation(targetUrl: string, appUrl: string): boolean {
  const target = parse(targetUrl);
  const app = parse(appUrl);
  return !!target && !!app && sameDocument(target, app);
}

/** What a request to open a new window gets: always a refusal (checklist item 14). */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Whether a permission (camera, notifications, geolocation, …) is granted: never (item 5). */
export function isPermissionGranted(_permission: string): false {
  return false;
}

/** True when an IPC message comes from our window's main frame showing our page (item 17). */
export function isTrustedSender(
  sender: { readonly url: string | undefined; readonly isMainFrame: boolean; readonly webContentsId: number },
  trusted: { readonly appUrl: string; readonly webContentsId: number | undefined },
): boolean {
  if (!sender.isMainFrame || trusted.webContentsId === undefined) return false;
  if (sender.webContentsId !== trusted.webContentsId) return false;
  const url = parse(sender.url);
  const app = parse(trusted.appUrl);
  return !!url && !!app && sameDocument(url, app);
}
