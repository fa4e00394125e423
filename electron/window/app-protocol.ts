/** The `app://peerscape/` protocol that serves the built renderer to the window, instead of `file://`.
 *
 * A standard, secure scheme gives the page a real origin of its own (`app://peerscape`), so the
 * CSP's 'self', the navigation allowlist and the IPC sender check all name exactly our files, and
 * no `file://` page gets the extra privileges Electron grants that scheme. Only what lies inside
 * the renderer folder is served; requests for another host, another method, a malformed or
 * escaping path are refused with a status, never an exception.
 */
import { readFile } from 'node:fs/promises';

import { CONTENT_SECURITY_POLICY_HEADER } from '../security/window-security';
import { resolveRendererFile } from './renderer-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'peerscape';
/** The page's origin, as Chromium and `new URL(…).origin` spell it. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page the window shows. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** What `protocol.registerSchemesAsPrivileged` is given before the app is ready.
 *
 * standard: relative URLs and an origin; secure: a secure context, like https; supportFetchAPI:
 * module scripts and workers load through fetch. Left off on purpose: bypassCSP, corsEnabled (it
 * would let other origins read our files), allowServiceWorkers, stream.
 */
export const APP_SCHEME_PRIVILEGES = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
] as const;

/** The part of a fetch Request the handler reads. */
export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

function refusal(status: number, reason: string): Response {
  return new Response(reason, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

/** The handler `protocol.handle(APP_SCHEME, …)` installs: files of `rendererDir`, nothing else. */
export function appProtocolHandler(rendererDir: string): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refusal(400, 'The address is not a URL.');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refusal(404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Only GET and HEAD are served.');
    const found = await resolveRendererFile(rendererDir, url.pathname);
    if (!found.ok) return refusal(found.status, found.reason);
    const headers = {
      'content-type': found.contentType,
      'content-length': String(found.size),
      'content-security-policy': CONTENT_SECURITY_POLICY_HEADER,
      'x-content-type-options': 'nosniff',
    };
    return new Response(request.method === 'HEAD' ? null : await readFile(found.file), { status: 200, headers });
  };
}
