/** The one implementation of the Peerscape API, built from injected dependencies.
 *
 * Electron binds it to IPC (electron/ipc/bind-ipc.ts); the browser harness and tests bind the same
 * object to a loopback transport. Nothing here imports Electron.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

import type { EmitEvent, PeerscapeApi } from '../../shared/api/contract';
import type { NodePosition, SandboxStatus } from '../../shared/api/dto';
import type { DiscoveryProgress } from '../../shared/api/events';
import { fail, ok, type Result } from '../../shared/core/result';
import type { Snapshot } from '../../shared/model/snapshot';
import { parseSnapshot } from '../../shared/model/snapshot-schema';
import { createActionsService, type ActionsServiceDeps } from '../actions/actions-service';
import { createCallScheduler, createSnapshotStore, rememberedOrganizationRequests, rememberedRequest, rememberOrganizationRequest, rememberRequest, runDiscovery, type DiscoveryRequest } from '../discovery';
import { readOrganizationRoster } from '../organization/run-organization';
import type { DiscoveryLimits } from '../discovery';
import { listProfiles } from '../aws/profiles';
import { exportDiagram } from '../export/export-diagram';
import { startSandboxServer } from '@peerscape/sandbox-cloud';
import type { SandboxServer } from '@peerscape/sandbox-cloud';
import type { SettingsStore } from '../workspace/settings-store';
import { createWorkspaceUpdates } from './workspace-updates';

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
  /** Overrides of discovery's timeouts and caps (tests shorten them). */
  readonly discoveryLimits?: Partial<DiscoveryLimits>;
  /** Overrides of the peering actions' waits (tests shorten the acceptance polling). */
  readonly actions?: Pick<ActionsServiceDeps, 'clock' | 'acceptance' | 'settle'>;
}

const POSITIONS_KEY = 'positions';
const SOURCE_KEY = 'source';

function readPositions(settings: SettingsStore): Record<string, NodePosition> {
  const value = settings.get(POSITIONS_KEY);
  return value && typeof value === 'object' ? (value as Record<string, NodePosition>) : {};
}

/** The API plus what its host calls on shutdown. */
export type MainApi = PeerscapeApi & {
  /** Cancel running scans and stop the sandbox (its state is saved). */
  dispose(): Promise<void>;
};

/** Build the API object the UI talks to. */
export function createMainApi(deps: MainApiDeps): MainApi {
  const snapshots = createSnapshotStore(deps.dataDir);
  const sandboxDir = join(deps.dataDir, 'sandbox');
  let sandbox: SandboxStatus = { running: false, profiles: [] };
  let sandboxServer: SandboxServer | undefined;
  let sandboxFiles: { configFile: string; credentialsFile: string } | undefined;
  // One scheduler for the app's lifetime, so its throttling buckets remember recent calls.
  const scheduler = createCallScheduler(deps.discoveryLimits);
  const runs = new Map<string, AbortController>();
  // The saved snapshot, kept as one object while it is unchanged: the analyses cache by identity.
  let saved: Snapshot | undefined;
  // Changes to the saved snapshot, one at a time: each merges into what the one before saved.
  let commits: Promise<void> = Promise.resolve();

  /** Save `change(saved)` and push it (with the changes still being confirmed), after the changes queued before it; `announce` runs once it is saved. */
  function commit(change: (current: Snapshot | undefined) => Snapshot | undefined, announce?: () => void): Promise<void> {
    const next = commits.then(async () => {
      const snapshot = change(saved);
      if (snapshot && snapshot !== saved) {
        await snapshots.save(snapshot);
        saved = snapshot;
      }
      announce?.();
      if (snapshot) deps.emit('snapshotUpdated', updates.shown(snapshot));
    });
    commits = next.catch(() => undefined);
    return next;
  }

  function publish(snapshot: Snapshot): Promise<void> {
    return commit(() => snapshot);
  }

  /** The saved snapshot, read and validated from disk once, then kept until the next publish. */
  async function loadSaved(): Promise<Result<Snapshot | undefined>> {
    if (saved) return ok(saved);
    const loaded = await snapshots.load();
    if (loaded.ok && loaded.value) saved = loaded.value;
    return loaded;
  }

  /** Which source the workspace shows (AWS until a sandbox snapshot is saved). */
  function workspaceSource(): 'aws' | 'sandbox' {
    return saved?.source.startsWith('sandbox:') ? 'sandbox' : 'aws';
  }

  /** Whose AWS files the workspace's profiles live in: the sandbox's for a sandbox snapshot. */
  function workspaceEnv(): Readonly<Record<string, string | undefined>> {
    return workspaceSource() === 'sandbox' && sandboxFiles ? sandboxEnv() : deps.env;
  }

  const actions = createActionsService({
    env: workspaceEnv,
    homeDir: deps.homeDir,
    dataDir: deps.dataDir,
    now: deps.now,
    // Plans start from what the workspace shows, changes still being confirmed included: what
    // the canvas draws and what the API acts on must agree.
    loadTopology: async () => {
      const loaded = await loadSaved();
      return loaded.ok && loaded.value ? updates.shown(loaded.value).topology : undefined;
    },
    planProgressed: (run) => deps.emit('planProgressed', run),
    auditAppended: (entry) => deps.emit('auditAppended', entry),
    // What a run changed shows at once, marked until a rescan of the accounts and regions it touched confirms it.
    runFinished: (run, plan) => void updates.afterRun(plan, run),
    ...deps.actions,
  });

  const updates = createWorkspaceUpdates({
    emit: deps.emit,
    now: deps.now,
    saved: () => saved,
    commit: (change, announce) => commit((current) => current && change(current), announce),
    scan: scanSlices,
  });

  /** Rescan some account × region slices of the workspace's source, for `updates` to merge. */
  async function scanSlices(scope: readonly { accountId: string; region: string }[], profiles: readonly string[]): Promise<Result<Snapshot>> {
    const source = workspaceSource();
    if (source === 'sandbox' && !sandbox.running) {
      return fail('unavailable', 'The sandbox cloud is not running.', 'Choose Sandbox to start it again, then Refresh.');
    }
    const runId = randomUUID();
    const controller = new AbortController();
    runs.set(runId, controller);
    try {
      return await runDiscovery(
        { profiles, scope },
        {
          env: source === 'sandbox' ? sandboxEnv() : deps.env,
          homeDir: deps.homeDir,
          now: deps.now,
          signal: controller.signal,
          scheduler,
          runId,
          source: saved?.source ?? source,
          ...(deps.discoveryLimits ? { limits: deps.discoveryLimits } : {}),
        },
      );
    } finally {
      runs.delete(runId);
    }
  }

  /** Only the sandbox's own files: the user's AWS variables must not leak into a sandbox scan. */
  function sandboxEnv(): Readonly<Record<string, string | undefined>> {
    return { AWS_CONFIG_FILE: sandboxFiles?.configFile, AWS_SHARED_CREDENTIALS_FILE: sandboxFiles?.credentialsFile };
  }

  /** Start a scan in the background; progress and snapshots arrive as events. */
  function discover(source: 'aws' | 'sandbox', request: DiscoveryRequest): string {
    const runId = randomUUID();
    const controller = new AbortController();
    runs.set(runId, controller);
    const sourceName = source === 'sandbox' ? `sandbox:${sandbox.scenario ?? 'demo'}` : 'aws';
    // The first scan of a source fills the empty canvas region by region; a rescan keeps the
    // whole previous network on screen until it is done, rather than shrinking it to the regions
    // scanned so far.
    const streaming = saved?.source !== sourceName;
    const startedMs = performance.now();
    // The run's last progress event is held until its snapshot is saved: whoever hears
    // `finished` and asks for the workspace must get the new network, not the one before.
    let last: DiscoveryProgress | undefined;
    const releaseLast = (): void => {
      if (last) deps.emit('discoveryProgressed', last);
      last = undefined;
    };
    void runDiscovery(request, {
      env: source === 'sandbox' ? sandboxEnv() : deps.env,
      homeDir: deps.homeDir,
      now: deps.now,
      onProgress: (p) => {
        if (p.finished) last = p;
        else deps.emit('discoveryProgressed', p);
      },
      ...(streaming ? { onPartialSnapshot: (s: Snapshot) => deps.emit('snapshotUpdated', s) } : {}),
      signal: controller.signal,
      scheduler,
      runId,
      source: sourceName,
      ...(deps.discoveryLimits ? { limits: deps.discoveryLimits } : {}),
    })
      .then(async (result) => {
        if (result.ok) await commit((current) => updates.mergeFullScan(current, result.value, startedMs));
        releaseLast();
        if (!result.ok) deps.emit('discoveryProgressed', { runId, cells: [], finished: true, error: result.error });
      })
      .catch((error: unknown) => {
        releaseLast();
        deps.emit('discoveryProgressed', {
          runId,
          cells: [],
          finished: true,
          error: { code: 'internal', message: `Discovery failed: ${(error as Error).message}`, fix: 'Try again; if it repeats, report it.' },
        });
      })
      .finally(() => runs.delete(runId));
    return runId;
  }

  async function ensureSandbox(scenario: string): Promise<SandboxStatus> {
    if (!sandboxServer) {
      // State persists in the data folder between runs; the port is new each time, so the
      // profiles' endpoint_url is rewritten on every start.
      sandboxServer = await startSandboxServer({
        scenario,
        port: 0,
        stateFile: join(sandboxDir, 'state.json'),
        log: (line) => console.error(`[sandbox] ${line}`),
      });
      sandboxFiles = await sandboxServer.writeAwsFiles(sandboxDir);
    }
    sandbox = {
      running: true,
      endpoint: sandboxServer.endpoint,
      scenario: sandboxServer.scenarioName,
      profiles: sandboxServer.accounts.map((a) => a.profile),
    };
    return sandbox;
  }

  return {
    async getAppInfo() {
      return ok({ name: deps.appName, version: deps.appVersion, shell: deps.shell });
    },

    async listProfiles() {
      return ok(await listProfiles(deps.env, deps.homeDir));
    },

    async getWorkspace() {
      const loaded = await loadSaved();
      if (!loaded.ok) return loaded;
      const { regions, profiles } = rememberedRequest(deps.settings);
      const chosen = deps.settings.get(SOURCE_KEY);
      // With no AWS profile at all, the app opens on the sandbox demo.
      const source =
        chosen === 'sandbox' || chosen === 'aws' ? chosen : (await listProfiles(deps.env, deps.homeDir)).profiles.length === 0 ? 'sandbox' : 'aws';
      return ok({
        ...(loaded.value ? { snapshot: updates.shown(loaded.value) } : {}),
        positions: readPositions(deps.settings),
        ...(regions ? { regions } : {}),
        ...(profiles ? { profiles } : {}),
        organizationRequests: rememberedOrganizationRequests(deps.settings),
        source,
        sandbox,
        updates: updates.current(),
      });
    },

    async startDiscovery({ source, profiles, regions, organization }) {
      if (source === 'sandbox' && !sandbox.running) {
        return fail('unavailable', 'The sandbox cloud is not running.', 'Choose Sandbox first; it starts the demo organisation.');
      }
      if (organization) {
        if (profiles?.length || regions?.length) {
          return fail('invalid-input', 'an organisation scan names its sign-in profile and regions inside `organization`', 'leave profiles and regions out, or the organization');
        }
        deps.settings.set(SOURCE_KEY, source);
        rememberOrganizationRequest(deps.settings, source, organization);
        return ok({ runId: discover(source, { organization }) });
      }
      const request = { ...(profiles?.length ? { profiles } : {}), ...(regions?.length ? { regions } : {}) };
      if (source === 'aws') rememberRequest(deps.settings, request);
      deps.settings.set(SOURCE_KEY, source);
      return ok({ runId: discover(source, request) });
    },

    async readOrganization({ source, profile }) {
      if (source === 'sandbox' && !sandbox.running) {
        return fail('unavailable', 'The sandbox cloud is not running.', 'Choose Sandbox first; it starts the demo organisation.');
      }
      return readOrganizationRoster(profile, { env: source === 'sandbox' ? sandboxEnv() : deps.env, homeDir: deps.homeDir, now: deps.now });
    },

    rememberOrganization: async ({ source, organization }) => ok(rememberOrganizationRequest(deps.settings, source, organization)),

    async cancelDiscovery({ runId }) {
      const run = runs.get(runId);
      run?.abort();
      return ok({ cancelled: !!run });
    },

    async startSandbox({ scenario }) {
      try {
        const status = await ensureSandbox(scenario);
        deps.settings.set(SOURCE_KEY, 'sandbox');
        return ok(status);
      } catch (error) {
        return fail(
          'unavailable',
          `The sandbox cloud could not start: ${(error as Error).message}`,
          `Reset the sandbox, or delete ${sandboxDir} and try again.`,
        );
      }
    },

    async resetSandbox() {
      if (!sandboxServer) {
        const status = await ensureSandbox('demo');
        await sandboxServer!.reset();
        return ok(status);
      }
      await sandboxServer.reset();
      return ok(sandbox);
    },

    async importSnapshot({ json }) {
      const parsed = parseSnapshot(json);
      if (!parsed.ok) {
        return fail('invalid-input', `That file is not a Peerscape snapshot: ${parsed.problems.join('; ')}`, 'Choose a file exported by Peerscape or written by `peerscape scan`.');
      }
      updates.reset();
      await publish(parsed.snapshot);
      return ok(parsed.snapshot);
    },

    async exportSnapshot() {
      const loaded = await loadSaved();
      if (!loaded.ok) return loaded;
      const snapshot = loaded.value;
      if (!snapshot) return fail('not-found', 'There is no snapshot to export yet.', 'Refresh (or open the sandbox) to scan first.');
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

    async exportDiagram({ layout, ...request }) {
      const loaded = await loadSaved();
      if (!loaded.ok) return loaded;
      if (!loaded.value) return fail('not-found', 'There is nothing to export yet.', 'Refresh (or open the sandbox) to scan first.');
      return exportDiagram(loaded.value, request, layout ? { layout } : {});
    },

    planPeering: (input) => actions.planPeering(input),
    planDeletion: (input) => actions.planDeletion(input),
    planAttachment: (input) => actions.planAttachment(input),
    planAttachmentDeletion: (input) => actions.planAttachmentDeletion(input),
    planRejection: (input) => actions.planRejection(input),
    planCompletion: (input) => actions.planCompletion(input),
    planPathFix: (input) => actions.planPathFix(input),
    getPeeringChecklist: (input) => actions.getPeeringChecklist(input),
    getStaleLeftovers: (input) => actions.getStaleLeftovers(input),
    planStaleCleanup: (input) => actions.planStaleCleanup(input),
    getPlanCli: (input) => actions.getPlanCli(input),
    dryRunPlan: (input) => actions.dryRunPlan(input),
    runPlan: (input) => actions.runPlan(input),
    resumePlan: (input) => actions.resumePlan(input),
    cancelPlanRun: (input) => actions.cancelPlanRun(input),
    getPlanRun: (input) => actions.getPlanRun(input),
    listRuns: () => actions.listRuns(),
    discardRun: (input) => actions.discardRun(input),
    acceptPeering: (input) => actions.acceptPeering(input),
    rejectPeering: (input) => actions.rejectPeering(input),
    deletePeering: (input) => actions.deletePeering(input),
    listAudit: (input) => actions.listAudit(input),
    exportAudit: (input) => actions.exportAudit(input),

    async dispose() {
      actions.dispose();
      for (const run of runs.values()) run.abort();
      await sandboxServer?.close();
      sandboxServer = undefined;
      sandbox = { running: false, profiles: [] };
    },
  };
}
