/** The last scan's snapshot in the data folder, plus JSON export and import.
 *
 * The file is `<dataDir>/snapshot.json`, the same one the main API reads at start
 * (electron/api/main-api.ts), written atomically by electron/workspace/snapshot-file.ts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { fail, ok, type Result } from '../../shared/core/result';
import type { Snapshot } from '../../shared/model/snapshot';
import { parseSnapshot } from '../../shared/model/snapshot-schema';
import { loadSnapshotFile, saveSnapshotFile } from '../workspace/snapshot-file';

/** The name of the current snapshot inside the data folder. */
export const SNAPSHOT_FILE_NAME = 'snapshot.json';

/** Load, save, export and import snapshots of one data folder. */
export interface SnapshotStore {
  /** Where the current snapshot lives. */
  readonly path: string;
  /** The saved snapshot; `ok(undefined)` before the first scan; a failure when the file is unreadable. */
  load(): Promise<Result<Snapshot | undefined>>;
  /** Replace the saved snapshot (atomically). */
  save(snapshot: Snapshot): Promise<void>;
  /** Write the saved snapshot as pretty JSON to `path`; returns `path`. */
  exportTo(path: string): Promise<Result<string>>;
  /** Read a snapshot file, check it, and make it the saved one. */
  importFrom(path: string): Promise<Result<Snapshot>>;
}

/** A snapshot store for `dataDir`. */
export function createSnapshotStore(dataDir: string): SnapshotStore {
  const path = join(dataDir, SNAPSHOT_FILE_NAME);
  const load = async (): Promise<Result<Snapshot | undefined>> => {
    const { snapshot, problem } = await loadSnapshotFile(path);
    if (problem) return fail('config-invalid', problem, 'scan again, or import a snapshot: the unreadable file will be replaced');
    return ok(snapshot);
  };
  return {
    path,
    load,
    save: (snapshot) => saveSnapshotFile(path, snapshot),
    async exportTo(target) {
      const current = await load();
      if (!current.ok) return current;
      if (!current.value) return fail('not-found', 'there is no snapshot to export yet', 'scan first');
      try {
        await writeFile(target, `${JSON.stringify(current.value, null, 2)}\n`);
      } catch (e) {
        return fail('invalid-input', `cannot write ${target}: ${(e as Error).message}`, 'choose a folder you can write to');
      }
      return ok(target);
    },
    async importFrom(source) {
      let text: string;
      try {
        text = await readFile(source, 'utf8');
      } catch (e) {
        return fail('not-found', `cannot read ${source}: ${(e as Error).message}`, 'check the file name');
      }
      const parsed = parseSnapshot(text);
      if (!parsed.ok) {
        return fail(
          'invalid-input',
          `${source} is not a Peerscape snapshot: ${parsed.problems.join('; ')}`,
          'choose a file exported by Peerscape or written by `peerscape scan --out`',
        );
      }
      await saveSnapshotFile(path, parsed.snapshot);
      return ok(parsed.snapshot);
    },
  };
}
