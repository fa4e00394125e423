/** Which file of the built renderer folder a page path names: one rule for the app's `app://`
 * protocol and the browser harness alike.
 *
 * The path is percent-decoded once, joined to the folder and normalised; anything that lands
 * outside the folder is refused, and a malformed percent-encoding is the caller's error (400),
 * never an exception.
 */
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type of a file by its extension; unknown ones are opaque bytes. */
export function contentTypeOf(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A file to serve, or the status and reason of a refusal. */
export type RendererFile =
  | { readonly ok: true; readonly file: string; readonly contentType: string; readonly size: number }
  | { readonly ok: false; readonly status: 400 | 403 | 404; readonly reason: string };

function refuse(status: 400 | 403 | 404, reason: string): RendererFile {
  return { ok: false, status, reason };
}

/** Resolve a URL path (still percent-encoded, as in a request) to a file inside `root`. */
export async function resolveRendererFile(root: string, urlPath: string): Promise<RendererFile> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath === '/' || urlPath === '' ? '/index.html' : urlPath);
  } catch {
    return refuse(400, 'The path has a malformed percent-encoding.');
  }
  if (relative.includes('\0')) return refuse(400, 'The path holds a NUL character.');
  const folder = normalize(root).replace(/[\\/]+$/, '');
  const file = normalize(join(folder, relative));
  if (!file.startsWith(folder + sep)) return refuse(403, 'The path leads outside the app folder.');
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return refuse(404, 'not found');
  return { ok: true, file, contentType: contentTypeOf(file), size: info.size };
}
