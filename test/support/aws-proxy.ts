/** A recording pass-through in front of the sandbox cloud: which account and region each AWS call
 * went to, and a gate that holds chosen calls until released.
 *
 * Point a profile's `endpoint_url` at `proxy.endpoint`; every request is forwarded unchanged
 * (SigV4 signs the Host header, which the sandbox checks against what it receives, so it stays
 * the proxy's). The account comes from the access key of the signature's credential scope.
 */
import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call as the proxy saw it. */
export interface SeenCall {
  readonly action: string;
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

/** A running proxy. */
export interface AwsProxy {
  readonly endpoint: string;
  /** Every call so far, in arrival order. */
  readonly calls: SeenCall[];
  /** Hold calls that match until `release` (calls already held stay held). */
  hold(match: (call: SeenCall) => boolean): void;
  /** Let every held call through and stop holding. */
  release(): void;
  /** How many calls wait at the gate now. */
  held(): number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function callOf(req: IncomingMessage, body: Buffer): SeenCall {
  const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(String(req.headers.authorization ?? ''));
  const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
  const form = new URLSearchParams(body.toString('utf8'));
  return { action: form.get('Action') ?? query.get('Action') ?? '', accessKeyId: scope?.[1] ?? '', region: scope?.[2] ?? '', service: scope?.[3] ?? '' };
}

/** Start a proxy to `target` (`http://127.0.0.1:<port>`) on a free loopback port. */
export async function startAwsProxy(target: string): Promise<AwsProxy> {
  const to = new URL(target);
  const calls: SeenCall[] = [];
  let match: ((call: SeenCall) => boolean) | undefined;
  const waiting: (() => void)[] = [];
  const releaseAll = () => {
    match = undefined;
    for (const resolve of waiting.splice(0)) resolve();
  };
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const call = callOf(req, body);
      calls.push(call);
      if (match?.(call)) await new Promise<void>((resolve) => waiting.push(resolve));
      const forward = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', (e) => {
        res.writeHead(502);
        res.end(String(e));
      });
      forward.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    hold(m) {
      match = m;
    },
    release: releaseAll,
    held: () => waiting.length,
    close: () =>
      new Promise<void>((resolve) => {
        releaseAll();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
