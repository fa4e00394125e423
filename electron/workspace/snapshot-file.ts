/** The workspace's last snapshot on disk: saved after each scan, loaded at start. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { Snapshot } from '../../shared/model/snapshot';
import { parseSnapshot } from '../../shared/model/snapshot-schema';

/** Load the snapshot at `path`: undefined when there is none, an error sentence when it is unreadable. */
export async function loadSnapshotFile(path: string): Promise<{ snapshot?: Snapshot; problem?: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { problem: `${path} cannot be read: ${(e as Error).message}` };
  }
  const parsed = parseSnapshot(text);
  if (parsed.ok) return { snapshot: parsed.snapshot };
  return { problem: `${path} is not a Peerscape snapshot: ${parsed.problems.join('; ')}` };
}

/** Save `snapshot` atomically, so a crash mid-write never leaves a half file. */
export async function saveSnapshotFile(path: string, snapshot: Snapshot): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.tmp`, JSON.stringify(snapshot));
  await rename(`${path}.tmp`, path);
}
