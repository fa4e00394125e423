/** Serves the built renderer and the same API implementation over HTTP on 127.0.0.1.
 *
 * The page presents a random per-run token on every call (header) and event stream (query);
 * values cross through `structuredClone` and the wire encoding, so what works here works over
 * Electron's IPC too. Used by `npm run dev:browser` and by the end-to-end tests.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

import type { EmitEvent, PeerscapeApi } from '../../shared/api/contract';
import { dispatchCall } from '../../shared/api/dispatch';
import { fail } from '../../shared/api/result';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { CONTENT_SECURITY_POLICY } from '../security/window-security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** A running harness. */
export interface LoopbackServer {
  /** The page's address, with the token in the fragment: open this in the browser. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  /** Push an event to every connected page. */
  readonly emit: EmitEvent;
  close(): Promise<void>;
}

/** Options of `startLoopbackServer`. */
export interface LoopbackServerOptions {
  /** Folder with the built renderer (`out/renderer`). */
  readonly staticDir: string;
  /** Builds the API given the emitter that pushes events to the page. */
  readonly makeApi: (emit: EmitEvent) => PeerscapeApi;
  readonly port?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Start the harness on 127.0.0.1 (a random free port unless one is given). */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = randomBytes(24).toString('hex');
  const log = options.log ?? (() => undefined);
  const streams = new Set<ServerResponse>();
  const emit: EmitEvent = (event, payload) => {
    const frame = `event: ${event}\ndata: ${encodeWire(structuredClone(payload))}\n\n`;
    for (const res of streams) res.write(frame);
  };
  const api = options.makeApi(emit);
  const root = normalize(options.staticDir);
  let hostHeader = '';

  const server = createServer(async (req, res) => {
    try {
      // Refuse other Host names, so a DNS-rebinding page cannot reach the API.
      if (req.headers.host !== hostHeader) {
        res.writeHead(421).end('wrong host');
        return;
      }
      const url = new URL(req.url ?? '/', `http://${hostHeader}`);
      if (url.pathname === '/api/call' && req.method === 'POST') {
        res.setHeader('content-type', 'application/json');
        if (!tokenMatches(req.headers['x-peerscape-token'] as string | undefined, token)) {
          res.writeHead(401).end(encodeWire(fail('unauthorized', 'The page did not present the harness token.', 'Open the URL the harness printed, with its #token.')));
          return;
        }
        let call: { method?: unknown; input?: unknown };
        try {
          call = decodeWire(await readBody(req)) as { method?: unknown; input?: unknown };
        } catch {
          res.writeHead(400).end(encodeWire(fail('invalid-input', 'The call was not valid JSON.', 'Send {"method", "input"}.')));
          return;
        }
        const result = await dispatchCall(api, call?.method, call?.input, (e) => log(`${String(call?.method)} crashed`, e));
        let body: string;
        try {
          body = encodeWire(structuredClone(result));
        } catch (e) {
          // What Electron's IPC could not clone must fail here too, as a value.
          log(`${String(call?.method)} returned a value IPC cannot carry`, e);
          body = encodeWire(fail('internal', `${String(call?.method)} returned a value that cannot cross IPC: ${(e as Error).message}`, 'This is a bug in Peerscape; report it.'));
        }
        res.writeHead(200).end(body);
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (!tokenMatches(url.searchParams.get('token'), token)) {
          res.writeHead(401).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
      const file = normalize(join(root, relative));
      if (!file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(res);
    } catch (error) {
      log('harness request failed', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  hostHeader = `127.0.0.1:${port}`;
  const origin = `http://${hostHeader}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    emit,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of streams) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
