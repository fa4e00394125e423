/** AWS Signature Version 4 verification with node:crypto.
 *
 * Follows "Create a signed AWS API request" (IAM user guide, Signature Version 4): canonical
 * request (method, URI, sorted query, signed headers with trimmed values, payload hash),
 * string to sign (`AWS4-HMAC-SHA256`, timestamp, scope, hash of the canonical request), and the
 * HMAC chain `AWS4`+secret → date → region → service → `aws4_request`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The parts of an `Authorization: AWS4-HMAC-SHA256 …` header. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Parses the Authorization header; undefined when it is not SigV4 or is incomplete. */
export function parseAuthorization(header: string | undefined): SigV4Authorization | undefined {
  if (!header) return undefined;
  const m = /^AWS4-HMAC-SHA256\s+(.*)$/.exec(header.trim());
  if (!m || !m[1]) return undefined;
  const parts = new Map<string, string>();
  for (const piece of m[1].split(',')) {
    const eq = piece.indexOf('=');
    if (eq > 0) parts.set(piece.slice(0, eq).trim(), piece.slice(eq + 1).trim());
  }
  const credential = parts.get('Credential');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!credential || !signedHeaders || !signature) return undefined;
  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = scope as [string, string, string, string, string];
  return { accessKeyId, date, region, service, signedHeaders: signedHeaders.split(';'), signature };
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 encoding as SigV4 wants it (unreserved characters kept, everything else %XX). */
function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  const pairs = rawQuery
    .split('&')
    .filter((p) => p.length > 0)
    .map((p) => {
      const eq = p.indexOf('=');
      const k = decodeURIComponent((eq < 0 ? p : p.slice(0, eq)).replace(/\+/g, ' '));
      const v = eq < 0 ? '' : decodeURIComponent(p.slice(eq + 1).replace(/\+/g, ' '));
      return [uriEncode(k), uriEncode(v)] as const;
    });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

function canonicalUri(path: string): string {
  if (!path || path === '/') return '/';
  // Each segment is encoded once (the path arrives already percent-encoded once from the client).
  return path
    .split('/')
    .map((seg) => uriEncode(decodeURIComponent(seg)))
    .join('/');
}

/** A request as the verifier needs it. */
export interface SignedRequest {
  readonly method: string;
  /** The request target as received (`/`, or `/?Action=…`). */
  readonly url: string;
  /** Raw header pairs (`IncomingMessage.rawHeaders`): name, value, name, value, … */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** Values of every header, lower-cased names, repeated headers joined with a comma. */
function headerMap(rawHeaders: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = (rawHeaders[i + 1] as string).trim().replace(/\s+/g, ' ');
    map.set(name, map.has(name) ? `${map.get(name)},${value}` : value);
  }
  return map;
}

/** Signing keys by secret and scope: a key is the same for every request of a day, region and
 * service, so four of the chain's HMACs are done once, as AWS SDKs do when they sign. */
const signingKeys = new Map<string, Buffer>();
const SIGNING_KEYS_KEPT = 4096;

function signingKey(secretAccessKey: string, auth: SigV4Authorization): Buffer {
  const id = `${secretAccessKey}\u0000${auth.date}\u0000${auth.region}\u0000${auth.service}`;
  let key = signingKeys.get(id);
  if (!key) {
    const kDate = hmac(`AWS4${secretAccessKey}`, auth.date);
    const kRegion = hmac(kDate, auth.region);
    const kService = hmac(kRegion, auth.service);
    key = hmac(kService, 'aws4_request');
    if (signingKeys.size >= SIGNING_KEYS_KEPT) signingKeys.delete(signingKeys.keys().next().value!);
    signingKeys.set(id, key);
  }
  return key;
}

/** True when the request carries a valid signature for `secretAccessKey`. */
export function verifySigV4(req: SignedRequest, auth: SigV4Authorization, secretAccessKey: string): boolean {
  const headers = headerMap(req.rawHeaders);
  const amzDate = headers.get('x-amz-date') ?? headers.get('date');
  if (!amzDate) return false;
  const q = req.url.indexOf('?');
  const path = q < 0 ? req.url : req.url.slice(0, q);
  const query = q < 0 ? '' : req.url.slice(q + 1);
  const names = [...auth.signedHeaders].map((h) => h.toLowerCase());
  const canonicalHeaders = names.map((n) => `${n}:${headers.get(n) ?? ''}\n`).join('');
  // The payload hash is always computed from the body received, so a body changed after signing
  // fails even when the client also sent its x-amz-content-sha256 header.
  const payloadHash = sha256Hex(req.body);
  const canonicalRequest = [req.method.toUpperCase(), canonicalUri(path), canonicalQuery(query), canonicalHeaders, names.join(';'), payloadHash].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const expected = createHmac('sha256', signingKey(secretAccessKey, auth)).update(stringToSign, 'utf8').digest('hex');
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(auth.signature, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
