/** Read and validate a snapshot file for a command, with a message naming the file and the field. */
import type { Snapshot } from '../../shared/model/snapshot';
import { parseSnapshot } from '../../shared/model/snapshot-schema';
import type { CliIo } from './io';

/** A snapshot, or why it could not be read (one or more lines, ready for stderr). */
export type SnapshotRead = { readonly ok: true; readonly snapshot: Snapshot } | { readonly ok: false; readonly message: string };

/** Read `path` through `io` and parse it with `parseSnapshot`. */
export async function readSnapshotFile(path: string, io: CliIo): Promise<SnapshotRead> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    return { ok: false, message: `cannot read snapshot ${path}: ${why}.\n  Give the path of a file written by "peerscape scan --out" or the app's Save snapshot.` };
  }
  const parsed = parseSnapshot(text);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    message: `${path} is not a valid Peerscape snapshot:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}\n  Fix the fields named above, or rescan with "peerscape scan --out ${path}".`,
  };
}
