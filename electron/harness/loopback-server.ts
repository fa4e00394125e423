/** Serves the built renderer and the same API implementation over HTTP on 127.0.0.1.
 *
 * The page presents a random per-run token on every call (header) and event stream (query);
 * values cross through `structuredClone` and the wire encoding, so what works here works over
 * Electron's IPC too. Used by `npm run dev:browser` and by the end-to-end tests.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { apiContract } from '../../shared/api/contract';
import type { EmitEvent, PeerscapeApi } from '../../shared/api/contract';
import { dispatchCall } from '../../shared/api/dispatch';
import { fail } from '../../shared/core/result';
import { decodeWire, encodeWire } from '../../shared/api/wire';
import { CONTENT_SECURITY_POLICY_HEADER } from '../security/window-security';
import { resolveRendererFile } from '../window/renderer-files';

/** The longest string a call may carry: the snapshot text of the largest import the contract accepts. */
const LARGEST_IMPORT_CHARS = apiContract.importSnapshot.input.shape.json.maxLength;
if (LARGEST_IMPORT_CHARS === null) throw new Error('importSnapshot must bound its json, so the harness can bound a call.');
/** A UTF-16 code unit costs at most 6 bytes in the wire's JSON (`\u001f`, a lone surrogate); others 1 to 3. */
const MAX_WIRE_BYTES_PER_CHAR = 6;
/** Room for the rest of a call around that string: the method, the keys, the punctuation. */
const ENVELOPE_BYTES = 64 * 1024;
/** The largest call body the harness reads: enough for the largest import the API allows. */
export const MAX_CALL_BODY_BYTES = LARGEST_IMPORT_CHARS * MAX_WIRE_BYTES_PER_CHAR + ENVELOPE_BYTES;

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
  /** The largest call body read; `MAX_CALL_BODY_BYTES` unless a test wants a small one. */
  readonly maxBodyBytes?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

type Body = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly size: number };

/** Read the body up to `limit` bytes; past it, stop keeping chunks and say how far it got. */
async function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // The rest is left to Node, which reads and discards what the client still sends.
    if (size > limit) return { ok: false, size };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
  } catch {
    // Longer than a JavaScript string can be: no call the page can make.
    return { ok: false, size };
  }
}

const tooLarge = (limit: number) =>
  encodeWire(
    fail(
      'invalid-input',
      `The call is too large: the harness reads at most ${limit} bytes, enough for the largest snapshot the API imports.`,
      'Import a smaller snapshot, or split the work into smaller calls.',
    ),
  );

/** Start the harness on 127.0.0.1 (a random free port unless one is given). */
export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const token = randomBytes(24).toString('hex');
  const log = options.log ?? (() => undefined);
  const maxBodyBytes = options.maxBodyBytes ?? MAX_CALL_BODY_BYTES;
  const streams = new Set<ServerResponse>();
  const emit: EmitEvent = (event, payload) => {
    const frame = `event: ${event}\ndata: ${encodeWire(structuredClone(payload))}\n\n`;
    for (const res of streams) res.write(frame);
  };
  const api = options.makeApi(emit);
  let hostHeader = '';
  let origin = '';

  /** True when the browser says an API request comes from a page other than the harness's own. */
  const fromElsewhere = (req: IncomingMessage): boolean => {
    const given = req.headers.origin;
    if (given !== undefined) return given !== origin;
    // No Origin (a same-origin GET): a browser that sends fetch metadata still says where from.
    const site = req.headers['sec-fetch-site'];
    return site !== undefined && site !== 'same-origin';
  };

  async function answerCall(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('content-type', 'application/json');
    // Browsers send Origin on every POST: a call without one, or from a page elsewhere, gets nothing.
    if (req.headers.origin === undefined || fromElsewhere(req)) {
      res.writeHead(403).end(encodeWire(fail('unauthorized', `Calls are answered only for the harness's own page (${origin}).`, 'Open the URL the harness printed.')));
      return;
    }
    if (!tokenMatches(req.headers['x-peerscape-token'] as string | undefined, token)) {
      res.writeHead(401).end(encodeWire(fail('unauthorized', 'The page did not present the harness token.', 'Open the URL the harness printed, with its #token.')));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const body = declared > maxBodyBytes ? { ok: false as const, size: declared } : await readBody(req, maxBodyBytes);
    if (!body.ok) {
      res.writeHead(413).end(tooLarge(maxBodyBytes));
      return;
    }
    let call: { method?: unknown; input?: unknown };
    try {
      call = decodeWire(body.text) as { method?: unknown; input?: unknown };
    } catch {
      res.writeHead(400).end(encodeWire(fail('invalid-input', 'The call was not valid JSON.', 'Send {"method", "input"}.')));
      return;
    }
    const result = await dispatchCall(api, call?.method, call?.input, (e) => log(`${String(call?.method)} crashed`, e));
    let text: string;
    try {
      text = encodeWire(structuredClone(result));
    } catch (e) {
      // What Electron's IPC could not clone must fail here too, as a value.
      log(`${String(call?.method)} returned a value IPC cannot carry`, e);
      text = encodeWire(fail('internal', `${String(call?.method)} returned a value that cannot cross IPC: ${(e as Error).message}`, 'This is a bug in Peerscape; report it.'));
    }
    res.writeHead(200).end(text);
  }

  function answerEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    // EventSource sends no Origin to its own origin, so here a missing one is fine; the token is still required.
    if (fromElsewhere(req)) {
      res.writeHead(403).end();
      return;
    }
    if (!tokenMatches(url.searchParams.get('token'), token)) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  async function serveFile(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const found = await resolveRendererFile(options.staticDir, url.pathname);
    if (!found.ok) {
      res.writeHead(found.status, { 'content-type': 'text/plain; charset=utf-8' }).end(found.reason);
      return;
    }
    res.writeHead(200, {
      'content-type': found.contentType,
      'content-security-policy': CONTENT_SECURITY_POLICY_HEADER,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(found.file).pipe(res);
  }

  const server = createServer(async (req, res) => {
    try {
      // Refuse other Host names, so a DNS-rebinding page cannot reach the API.
      if (req.headers.host !== hostHeader) {
        res.writeHead(421).end('wrong host');
        return;
      }
      let url: URL;
      try {
        url = new URL(req.url ?? '/', origin);
      } catch {
        res.writeHead(400).end('bad request target');
        return;
      }
      if (url.pathname === '/api/call' && req.method === 'POST') await answerCall(req, res);
      else if (url.pathname === '/api/events' && req.method === 'GET') answerEvents(req, res, url);
      else await serveFile(req, res, url);
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
  origin = `http://${hostHeader}`;
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
