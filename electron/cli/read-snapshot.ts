/** Read and validate a snapshot file for a command, with a message naming the file and the field. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import type { Snapshot } from '../../shared/model/snapshot';
import type { SnapshotProblemKind } from '../../shared/model/snapshot-schema';
import { parseSnapshot } from '../../shared/model/snapshot-schema';
import { CliInputError, shown } from './input-error';

/** Where a command reads files: its `io.readFile` when it has one (tests), else the disk relative to `cwd`. */
export interface SnapshotSource {
  readonly cwd: string;
  readonly readFile?: (path: string) => Promise<string>;
}

const WRITTEN_BY = 'Give the path of a file written by "peerscape scan --out" or the app\'s Save snapshot.';

function fixFor(kind: SnapshotProblemKind, path: string): string {
  switch (kind) {
    case 'binary':
    case 'not-json':
      return WRITTEN_BY;
    case 'newer-schema':
      return 'Install a newer Peerscape, or scan again with this one into another file (peerscape scan --out FILE).';
    case 'unsupported-schema':
      return `Make a new one with "peerscape scan --out ${path}".`;
    case 'invalid':
      return `Fix the fields named above, or rescan with "peerscape scan --out ${path}".`;
  }
}

/** Read `path` (from `--snapshot`) and parse it; throws `CliInputError` saying why when it is not a snapshot. */
export async function readSnapshot(path: string, io: SnapshotSource): Promise<Snapshot> {
  const name = shown(path);
  let text: string;
  try {
    text = io.readFile ? await io.readFile(path) : await readFile(resolve(io.cwd, path), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code === 'ENOTDIR' ? 'a part of the path is a file, not a folder' : `the file system refused (${code ?? 'error'})`;
    throw new CliInputError(`cannot read snapshot ${name}: ${why}.`, WRITTEN_BY);
  }
  const parsed = parseSnapshot(text);
  if (parsed.ok) return parsed.snapshot;
  const lead = parsed.kind === 'newer-schema' ? `cannot open ${name}` : `${name} is not a valid Peerscape snapshot`;
  const message = parsed.kind === 'invalid' ? `${lead}:\n${parsed.problems.map((p) => `  ${p}`).join('\n')}` : `${lead}: ${parsed.problems.join('; ')}.`;
  throw new CliInputError(message, fixFor(parsed.kind, name));
}
