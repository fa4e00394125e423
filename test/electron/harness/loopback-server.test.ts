import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { PeerscapeApi } from '../../../shared/api/contract';
import { API_METHOD_NAMES } from '../../../shared/api/method-names';
import { ok } from '../../../shared/api/result';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import { startLoopbackServer } from '../../../electron/harness/loopback-server';
import type { LoopbackServer } from '../../../electron/harness/loopback-server';

const staticDir = mkdtempSync(join(tmpdir(), 'peerscape-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(tmpdir(), 'peerscape-secret.txt'), 'secret');

const api = Object.assign(
  Object.fromEntries(API_METHOD_NAMES.map((name) => [name, async () => ok(name)])) as unknown as PeerscapeApi,
  {
    getAppInfo: async () => ok({ name: 'P', version: '1', shell: 'browser' as const }),
    listProfiles: async () => ok({ notCloneable: () => 1 } as never),
  },
);

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer({ staticDir, makeApi: () => api });
});
afterAll(() => server.close());

function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const url = new URL(path, server.origin);
    const req = request(
      { host: '127.0.0.1', port: url.port, path: url.pathname + url.search, method: init.method ?? 'GET', headers: { host: url.host, ...init.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const call = (method: string, input: unknown, token = server.token) =>
  raw('/api/call', { method: 'POST', headers: { 'x-peerscape-token': token }, body: encodeWire({ method, input }) });

describe('the browser harness transport', () => {
  it('listens on 127.0.0.1 only and gives the page its token in the fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('runs a call that presents the token', async () => {
    const res = await call('getAppInfo', {});
    expect(decodeWire(res.body)).toEqual({ ok: true, value: { name: 'P', version: '1', shell: 'browser' } });
  });

  it('refuses a call without the right token', async () => {
    expect((await call('getAppInfo', {}, 'f'.repeat(48))).status).toBe(401);
    expect((await raw('/api/call', { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('refuses another Host header, so a DNS-rebinding page gets nothing', async () => {
    const res = await raw('/api/call', { method: 'POST', headers: { host: 'evil.example', 'x-peerscape-token': server.token }, body: '{}' });
    expect(res.status).toBe(421);
  });

  it('answers malformed bodies and bad input with typed errors', async () => {
    const bad = await raw('/api/call', { method: 'POST', headers: { 'x-peerscape-token': server.token }, body: 'not json' });
    expect(decodeWire(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(decodeWire((await call('getAppInfo', 'x')).body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('turns a result IPC could not carry into an error value', async () => {
    expect(decodeWire((await call('listProfiles', {})).body)).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('cannot cross IPC') } });
  });

  it('serves the renderer with the CSP header and nothing outside its folder', async () => {
    const page = await raw('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await raw('/..%2fpeerscape-secret.txt')).status).toBeGreaterThanOrEqual(403);
  });

  it('streams pushed events to a page that presents the token', async () => {
    const url = new URL(`/api/events?token=${server.token}`, server.origin);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: url.port, path: url.pathname + url.search, headers: { host: url.host } }, (res) => {
        let text = '';
        let emitted = false;
        res.on('data', (c) => {
          text += c;
          if (!emitted && text.includes(': connected')) {
            emitted = true;
            server.emit('discoveryProgressed', { runId: 'r', cells: [], finished: false });
          }
          if (text.includes('event: discoveryProgressed') && text.endsWith('\n\n')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    const data = /data: (.*)\n/.exec(received.slice(received.indexOf('event: discoveryProgressed')))?.[1];
    expect(decodeWire(data!)).toEqual({ runId: 'r', cells: [], finished: false });
    expect((await raw('/api/events?token=wrong')).status).toBe(401);
  });
});
