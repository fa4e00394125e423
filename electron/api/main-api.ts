/** The one implementation of the Peerscape API, built from injected dependencies.
 *
 * Electron binds it to IPC (electron/ipc/bind-ipc.ts); the browser harness and tests bind the same
 * object to a loopback transport. Nothing here imports Electron.
 */
import { join } from 'node:path';

import type { EmitEvent, PeerscapeApi } from '../../shared/api/contract';
import type { NodePosition, SandboxStatus } from '../../shared/api/dto';
import { fail, ok } from '../../shared/api/result';
import type { Snapshot } from '../../shared/model/snapshot';
import { parseSnapshot } from '../../shared/model/snapshot-schema';
import { listProfiles } from '../discovery/profiles';
import type { SettingsStore } from '../workspace/settings-store';
import { loadSnapshotFile, saveSnapshotFile } from '../workspace/snapshot-file';

/** What the implementation needs from its host. */
export interface MainApiDeps {
  readonly appName: string;
  readonly appVersion: string;
  readonly shell: 'electron' | 'browser';
  /** Environment variables (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** Folder for snapshots, the audit log and the sandbox's state. */
  readonly dataDir: string;
  /** Small settings: electron-store in the app, a JSON file in the harness and tests. */
  readonly settings: SettingsStore;
  readonly emit: EmitEvent;
  readonly now: () => Date;
}

const POSITIONS_KEY = 'positions';
const REGIONS_KEY = 'regions';
const PROFILES_KEY = 'profiles';
const SOURCE_KEY = 'source';

function readPositions(settings: SettingsStore): Record<string, NodePosition> {
  const value = settings.get(POSITIONS_KEY);
  return value && typeof value === 'object' ? (value as Record<string, NodePosition>) : {};
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

/** Build the API object the UI talks to. */
export function createMainApi(deps: MainApiDeps): PeerscapeApi {
  const snapshotPath = join(deps.dataDir, 'snapshot.json');
  const sandbox: SandboxStatus = { running: false, profiles: [] };

  async function publish(snapshot: Snapshot): Promise<void> {
    await saveSnapshotFile(snapshotPath, snapshot);
    deps.emit('snapshotUpdated', snapshot);
  }

  return {
    async getAppInfo() {
      return ok({ name: deps.appName, version: deps.appVersion, shell: deps.shell });
    },

    async listProfiles() {
      return ok(await listProfiles(deps.env, deps.homeDir));
    },

    async getWorkspace() {
      const { snapshot, problem } = await loadSnapshotFile(snapshotPath);
      if (problem) {
        return fail('config-invalid', problem, 'Refresh to scan again, or import a snapshot; the unreadable file will be replaced.');
      }
      const regions = stringList(deps.settings.get(REGIONS_KEY));
      const profiles = stringList(deps.settings.get(PROFILES_KEY));
      return ok({
        ...(snapshot ? { snapshot } : {}),
        positions: readPositions(deps.settings),
        ...(regions ? { regions } : {}),
        ...(profiles ? { profiles } : {}),
        source: deps.settings.get(SOURCE_KEY) === 'sandbox' ? 'sandbox' : 'aws',
        sandbox,
      });
    },

    async startDiscovery() {
      return fail('unavailable', 'Discovery is not wired into this build yet.', 'Use `npx peerscape scan` and import the snapshot.');
    },

    async cancelDiscovery() {
      return ok({ cancelled: false });
    },

    async startSandbox() {
      return fail('unavailable', 'The sandbox is not wired into this build yet.', 'Run `npm run sandbox -- --scenario demo`.');
    },

    async resetSandbox() {
      return fail('unavailable', 'The sandbox is not wired into this build yet.', 'Run `npm run sandbox -- --scenario demo`.');
    },

    async importSnapshot({ json }) {
      const parsed = parseSnapshot(json);
      if (!parsed.ok) {
        return fail('invalid-input', `That file is not a Peerscape snapshot: ${parsed.problems.join('; ')}`, 'Choose a file exported by Peerscape or written by `peerscape scan`.');
      }
      await publish(parsed.snapshot);
      return ok(parsed.snapshot);
    },

    async exportSnapshot() {
      const { snapshot, problem } = await loadSnapshotFile(snapshotPath);
      if (!snapshot) {
        return fail('not-found', problem ?? 'There is no snapshot to export yet.', 'Refresh (or open the sandbox) to scan first.');
      }
      const stamp = snapshot.takenAt.replace(/[:.]/g, '-');
      return ok({ filename: `peerscape-snapshot-${stamp}.json`, json: JSON.stringify(snapshot, null, 2) });
    },

    async savePositions({ positions }) {
      deps.settings.set(POSITIONS_KEY, { ...readPositions(deps.settings), ...positions });
      return ok({ saved: Object.keys(positions).length });
    },

    async resetPositions() {
      const cleared = Object.keys(readPositions(deps.settings)).length;
      deps.settings.delete(POSITIONS_KEY);
      return ok({ cleared });
    },
  };
}
