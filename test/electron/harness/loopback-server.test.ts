import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { apiContract } from '../../../shared/api/contract';
import type { PeerscapeApi } from '../../../shared/api/contract';
import { API_METHOD_NAMES } from '../../../shared/api/method-names';
import { ok } from '../../../shared/core/result';
import { decodeWire, encodeWire } from '../../../shared/api/wire';
import { MAX_CALL_BODY_BYTES, startLoopbackServer } from '../../../electron/harness/loopback-server';
import type { LoopbackServer } from '../../../electron/harness/loopback-server';

const staticDir = mkdtempSync(join(tmpdir(), 'peerscape-static-'));
writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(tmpdir(), 'peerscape-secret.txt'), 'secret');

const api = Object.assign(
  Object.fromEntries(API_METHOD_NAMES.map((name) => [name, async () => ok(name)])) as unknown as PeerscapeApi,
  {
    getAppInfo: async () => ok({ name: 'P', version: '1', shell: 'browser' as const }),
    listProfiles: async () => ok({ notCloneable: () => 1 } as never),
    // A workspace whose VPC carries an AWS tag keyed exactly like the wire's marker.
    getWorkspace: async () => ok({ vpcs: [{ id: 'vpc-1', tags: { __peerscape_wire: 'date', v: 'x', Name: 'prod' } }], takenAt: new Date(0) } as never),
  },
);

let server: LoopbackServer;
const logged: string[] = [];
beforeAll(async () => {
  server = await startLoopbackServer({ staticDir, makeApi: () => api, log: (message, error) => logged.push(`${message} ${String(error ?? '')}`) });
});
afterAll(() => server.close());

type Raw = { status: number; body: string; headers: Record<string, unknown> };

function raw(path: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}, target = server) {
  return new Promise<Raw>((resolve, reject) => {
    const url = new URL(path, target.origin);
    const req = request(
      // The path goes as given: URL would re-encode what a test means to send malformed.
      { host: '127.0.0.1', port: url.port, path, method: init.method ?? 'GET', headers: { host: url.host, ...init.headers } },
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

/** A call as the harness's own page makes it: its Origin and the token. */
const call = (method: string, input: unknown, token = server.token, target = server) =>
  raw('/api/call', { method: 'POST', headers: { origin: target.origin, 'x-peerscape-token': token }, body: encodeWire({ method, input }) }, target);

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

  it('carries an AWS tag keyed like the wire marker through the real server unchanged', async () => {
    const res = await call('getWorkspace', {});
    expect(decodeWire(res.body)).toStrictEqual({ ok: true, value: { vpcs: [{ id: 'vpc-1', tags: { __peerscape_wire: 'date', v: 'x', Name: 'prod' } }], takenAt: new Date(0) } });
  });

  it('refuses a call without the right token', async () => {
    expect((await call('getAppInfo', {}, 'f'.repeat(48))).status).toBe(401);
    expect((await raw('/api/call', { method: 'POST', headers: { origin: server.origin }, body: '{}' })).status).toBe(401);
  });

  it('refuses another Host header, so a DNS-rebinding page gets nothing', async () => {
    const res = await raw('/api/call', { method: 'POST', headers: { host: 'evil.example', 'x-peerscape-token': server.token }, body: '{}' });
    expect(res.status).toBe(421);
  });

  it('answers malformed bodies and bad input with typed errors', async () => {
    const bad = await raw('/api/call', { method: 'POST', headers: { origin: server.origin, 'x-peerscape-token': server.token }, body: 'not json' });
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

describe('the browser harness refuses what its page would never send', () => {
  it('refuses API calls from a foreign page or without an Origin, even with the token', async () => {
    const headers = { 'x-peerscape-token': server.token };
    const body = encodeWire({ method: 'getAppInfo', input: {} });
    const foreign = await raw('/api/call', { method: 'POST', headers: { ...headers, origin: 'http://evil.example' }, body });
    expect(foreign.status).toBe(403);
    expect(decodeWire(foreign.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await raw('/api/call', { method: 'POST', headers: { ...headers, origin: 'http://127.0.0.1:1' }, body })).status).toBe(403);
    expect((await raw('/api/call', { method: 'POST', headers: { ...headers, origin: 'null' }, body })).status).toBe(403);
    expect((await raw('/api/call', { method: 'POST', headers, body })).status).toBe(403);
    expect((await call('getAppInfo', {})).status).toBe(200);
  });

  it('refuses the event stream to a foreign page, and to a request the browser marks cross-site', async () => {
    const path = `/api/events?token=${server.token}`;
    expect((await raw(path, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
    expect((await raw(path, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });

  it('answers a malformed percent-encoding in a page path with 400, and logs no crash', async () => {
    const before = logged.length;
    for (const path of ['/%E0%A4%A', '/assets/%', '/%zz.js', '/%C0%AF']) {
      const res = await raw(path);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toMatch(/malformed percent-encoding/);
    }
    expect(logged.slice(before)).toEqual([]);
  });

  it('answers a body over the limit with 413 too large, streamed or declared, and goes on serving', async () => {
    const small = await startLoopbackServer({ staticDir, makeApi: () => api, maxBodyBytes: 1000 });
    try {
      const headers = { origin: small.origin, 'x-peerscape-token': small.token };
      const big = encodeWire({ method: 'importSnapshot', input: { json: 'x'.repeat(5000) } });
      // Written in pieces without a Content-Length: the server finds out while reading.
      const streamed = await new Promise<Raw>((resolve, reject) => {
        const url = new URL(small.origin);
        const req = request({ host: '127.0.0.1', port: url.port, path: '/api/call', method: 'POST', headers: { host: url.host, ...headers } }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
        });
        req.on('error', reject);
        for (let i = 0; i < big.length; i += 700) req.write(big.slice(i, i + 700));
        req.end();
      });
      expect(streamed.status).toBe(413);
      const declared = await raw('/api/call', { method: 'POST', headers, body: big }, small);
      for (const res of [streamed, declared]) {
        expect(res.status).toBe(413);
        expect(decodeWire(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/too large.*1000 bytes/) } });
        expect(res.body).not.toMatch(/not valid JSON/);
      }
      expect((await call('getAppInfo', {}, small.token, small)).status).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('reads a call as large as the largest import the contract allows, whatever its characters', () => {
    const maxChars = apiContract.importSnapshot.input.shape.json.maxLength!;
    // The most bytes one UTF-16 code unit can take in the call's JSON text.
    let perChar = 0;
    for (let c = 0; c <= 0xffff; c++) perChar = Math.max(perChar, Buffer.byteLength(JSON.stringify(String.fromCharCode(c))) - 2);
    const envelope = Buffer.byteLength(encodeWire({ method: 'importSnapshot', input: { json: '' } }));
    expect(MAX_CALL_BODY_BYTES).toBeGreaterThanOrEqual(maxChars * perChar + envelope);
  });

  it('runs an import bigger than a small fixed limit would allow (40 MB)', async () => {
    const json = JSON.stringify({ pad: 'é'.repeat(20_000_000) });
    const res = await call('importSnapshot', { json });
    expect(res.status).toBe(200);
    expect(decodeWire(res.body)).toEqual({ ok: true, value: 'importSnapshot' });
  }, 60_000);

  it('answers a declared Content-Length over the default limit at once, before any body arrives', async () => {
    const url = new URL(server.origin);
    const res = await new Promise<Raw>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: url.port,
          path: '/api/call',
          method: 'POST',
          headers: { host: url.host, origin: server.origin, 'x-peerscape-token': server.token, 'content-length': String(MAX_CALL_BODY_BYTES + 1) },
        },
        (r) => {
          let body = '';
          r.on('data', (c) => (body += c));
          r.on('end', () => {
            req.destroy();
            resolve({ status: r.statusCode ?? 0, body, headers: r.headers });
          });
        },
      );
      req.on('error', reject);
      req.write('{');
      setTimeout(() => reject(new Error('no answer within 5 s')), 5000).unref();
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatch(/too large/);
  });
});
