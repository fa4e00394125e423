/** The one implementation of the Peerscape API, built from injected dependencies.
 *
 * Electron binds it to IPC (electron/ipc/bind-ipc.ts); the browser harness and tests bind the same
 * object to a loopback transport. Nothing here imports Electron.
 */
import type { EmitEvent, PeerscapeApi } from '../../shared/api/contract';
import { ok } from '../../shared/api/result';
import { listProfiles } from '../discovery/profiles';

/** What the implementation needs from its host. */
export interface MainApiDeps {
  readonly appName: string;
  readonly appVersion: string;
  readonly shell: 'electron' | 'browser';
  /** Environment variables (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, AWS_PROFILE, …). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  /** Folder for snapshots, settings, the audit log and the sandbox's state. */
  readonly dataDir: string;
  readonly emit: EmitEvent;
  readonly now: () => Date;
}

/** Build the API object the UI talks to. */
export function createMainApi(deps: MainApiDeps): PeerscapeApi {
  return {
    async getAppInfo() {
      return ok({ name: deps.appName, version: deps.appVersion, shell: deps.shell });
    },
    async listProfiles() {
      return ok(await listProfiles(deps.env, deps.homeDir));
    },
  };
}
