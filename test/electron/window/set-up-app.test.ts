import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { PeerscapeApi } from '../../../shared/api/contract';
import { API_METHOD_NAMES, eventChannel, methodChannel } from '../../../shared/api/method-names';
import { ok } from '../../../shared/core/result';
import { APP_PAGE_URL } from '../../../electron/window/app-protocol';
import { setUpApp } from '../../../electron/window/set-up-app';
import { CONTENT_SECURITY_POLICY, SECURE_WEB_PREFERENCES } from '../../../electron/security/window-security';
import { createElectronStandIn, StandInEvent } from './electron-stand-in';
import type { StandInElectron, StandInWebContents } from './electron-stand-in';

// A built renderer folder, with a secret beside it that must never be served.
const base = mkdtempSync(join(tmpdir(), 'peerscape-shell-'));
const rendererDir = join(base, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Peerscape</title>');
writeFileSync(join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(rendererDir, 'assets', 'index-abc.css'), 'body{}');
writeFileSync(join(rendererDir, 'favicon.svg'), '<svg/>');
writeFileSync(join(base, 'secret.txt'), 'secret');

const disposed: string[] = [];
const logged: string[] = [];
const api = Object.assign(Object.fromEntries(API_METHOD_NAMES.map((name) => [name, async () => ok(name)])) as unknown as PeerscapeApi, {
  dispose: async () => void disposed.push('disposed'),
});

let electron: StandInElectron;
let contents: StandInWebContents;
let emitToWindow: Parameters<Parameters<typeof setUpApp>[1]['makeApi']>[0];

beforeAll(async () => {
  electron = createElectronStandIn();
  setUpApp(electron.modules, {
    rendererDir,
    preloadPath: '/opt/peerscape/out/preload/preload.cjs',
    makeApi: (emit) => {
      emitToWindow = emit;
      return api;
    },
    log: (message) => logged.push(message),
    platform: 'linux',
  });
  // Before ready: only the scheme is registered (Electron allows it only then).
  expect(electron.privilegedSchemes).toHaveLength(1);
  expect(electron.windows).toHaveLength(0);
  expect(electron.protocolHandlers.size).toBe(0);
  await electron.becomeReady();
  contents = electron.windows[0]!.webContents;
});

const get = (url: string, method = 'GET') => electron.protocolHandlers.get('app')!({ url, method });

describe('the Electron shell, run against a stand-in of Electron', () => {
  it('registers app:// as a standard, secure scheme before ready, without bypassing CSP or opening CORS', () => {
    expect(electron.privilegedSchemes[0]).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
  });

  it('opens one window with the secure preferences and our preload, showing app://peerscape/index.html', () => {
    expect(electron.windows).toHaveLength(1);
    const window = electron.windows[0]!;
    expect(window.options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: '/opt/peerscape/out/preload/preload.cjs' });
    expect(window.loadedUrl).toBe(APP_PAGE_URL);
    expect(APP_PAGE_URL).toBe('app://peerscape/index.html');
  });

  it('installs a navigation, frame-navigation, redirect and webview guard on every web contents', () => {
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(contents.listenerCount(event), event).toBeGreaterThan(0);
    }
  });

  it('refuses navigation and redirects anywhere but our page, and allows a hash change on it', () => {
    const foreign = ['https://evil.example/', 'file:///etc/passwd', 'file:///opt/peerscape/out/renderer/index.html', 'app://evil/index.html', 'app://peerscape/other.html', 'http://127.0.0.1:5173/index.html', 'javascript:alert(1)'];
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of foreign) {
        const e = new StandInEvent(url);
        contents.emit(event, e, url);
        expect(e.defaultPrevented, `${event} ${url}`).toBe(true);
      }
      const own = new StandInEvent(`${APP_PAGE_URL}#vpc-1`);
      contents.emit(event, own, own.url);
      expect(own.defaultPrevented, event).toBe(false);
    }
    const webview = new StandInEvent(APP_PAGE_URL);
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });

  it('denies every new window, even one for our own page', () => {
    for (const url of ['https://evil.example/', APP_PAGE_URL]) expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
  });

  it('denies every permission request, permission check and device request', () => {
    const { permissionRequest, permissionCheck, devicePermission } = electron.sessionHandlers as Record<string, (...args: unknown[]) => unknown>;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'usb', 'serial', 'fullscreen']) {
      const answers: unknown[] = [];
      permissionRequest!(contents, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
      expect(permissionCheck!(contents, permission, 'app://peerscape', {}), permission).toBe(false);
    }
    expect(devicePermission!({ deviceType: 'usb', origin: 'app://peerscape' })).toBe(false);
  });

  it('serves the renderer folder through app:// with MIME types and the CSP header', async () => {
    const page = await get('app://peerscape/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Peerscape</title>');
    expect((await get('app://peerscape/assets/index-abc.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('app://peerscape/assets/index-abc.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await get('app://peerscape/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect(await (await get('app://peerscape/')).text()).toContain('<title>Peerscape</title>');
    const head = await get('app://peerscape/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses paths outside the folder, malformed paths, other hosts and other methods', async () => {
    for (const url of ['app://peerscape/..%2fsecret.txt', 'app://peerscape/assets/..%2f..%2fsecret.txt', 'app://peerscape/%2e%2e/secret.txt', 'app://peerscape/..%5csecret.txt', 'app://peerscape/%2fetc%2fpasswd']) {
      const res = await get(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toContain('secret');
    }
    expect((await get('app://peerscape/%E0%A4%A')).status).toBe(400);
    expect((await get('app://peerscape/missing.js')).status).toBe(404);
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get('app://peerscape/index.html', 'POST')).status).toBe(405);
  });

  it('binds every API method to IPC and refuses a sender that is not our window main frame on our page', async () => {
    for (const name of API_METHOD_NAMES) expect(electron.ipcHandlers.has(methodChannel(name)), name).toBe(true);
    const handler = electron.ipcHandlers.get(methodChannel('getAppInfo'))!;
    const fromOurPage = { sender: contents, senderFrame: contents.mainFrame };
    expect(await handler(fromOurPage, {})).toEqual({ ok: true, value: 'getAppInfo' });

    const subframe = { url: APP_PAGE_URL };
    const otherContents = { id: contents.id + 100, mainFrame: { url: APP_PAGE_URL } };
    const foreign = [
      { sender: contents, senderFrame: { url: 'https://evil.example/' } },
      { sender: { ...contents, id: contents.id, mainFrame: { url: 'https://evil.example/' } }, senderFrame: { url: 'https://evil.example/' } },
      { sender: contents, senderFrame: subframe },
      { sender: otherContents, senderFrame: otherContents.mainFrame },
      { sender: contents, senderFrame: null },
    ];
    for (const event of foreign) {
      expect(await handler(event, {}), JSON.stringify(event.senderFrame)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    // A foreign page loaded in our window (were navigation ever to slip) is refused too.
    contents.mainFrame.url = 'https://evil.example/';
    expect(await handler({ sender: contents, senderFrame: contents.mainFrame }, {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    contents.mainFrame.url = APP_PAGE_URL;
  });

  it('pushes events to the window, disposes the API on quit, reopens a closed window and quits when all close', () => {
    emitToWindow('discoveryProgressed', { runId: 'r', cells: [], finished: false } as never);
    expect(contents.sent.at(-1)?.[0]).toBe(eventChannel('discoveryProgressed'));
    electron.app.emit('before-quit');
    expect(disposed).toEqual(['disposed']);
    electron.windows[0]!.emit('closed');
    electron.app.emit('activate');
    expect(electron.windows).toHaveLength(2);
    expect(electron.windows[1]!.webContents.listenerCount('will-navigate')).toBeGreaterThan(0);
    electron.app.emit('window-all-closed');
    expect(electron.app.quitCalls).toBe(1);
    expect(logged.filter((m) => m.includes('could not start'))).toEqual([]);
  });
});
