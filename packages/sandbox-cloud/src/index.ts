/** The sandbox cloud: an EC2 + STS compatible server on 127.0.0.1, for the app, the CLI and tests.
 *
 * `startSandboxServer({ scenario: 'demo', port: 0 })` loads a scenario (through the EC2 actions
 * themselves), listens on a free loopback port and returns a handle with the endpoint, the
 * accounts' keys, run-time fault control, JSON persistence (`saveState` / `loadState`, or a
 * `stateFile` that is loaded at start and saved after every change) and `reset()` back to the
 * scenario. Point any AWS client at `endpoint` with one of `accounts`' keys.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { writeAwsFiles, writeSsoSignIn, type SsoProfileSpec } from './aws-files';
import { FaultInjector, type FaultOptions } from './faults';
import { createRequestHandler } from './http-handler';
import { resolveScenario } from './scenarios';
import { loadScenario, type ScenarioRefs } from './scenarios/load';
import type { PeeringHold } from './kinds/peering/records';
import type { Scenario, ScenarioInput } from './scenarios/scenario';
import { assertWorldData, worldFromData, worldToData, type WorldData } from './state/persist';
import type { SandboxSettings } from './state/records';
import { World } from './state/world';

export type { FaultOptions, FailRegion, ThrottleOptions, BucketSpec, DenyAction, DenyKind } from './faults';
export { writeSsoSignIn, type SsoProfileSpec, type SsoSignInSpec } from './aws-files';
export type { PeeringHold } from './kinds/peering/records';
export type { Scenario, ScenarioInput } from './scenarios/scenario';
export { assertWorldData, type WorldData } from './state/persist';
export type { SandboxSettings } from './state/records';
export { DEFAULT_SETTINGS } from './state/records';
export { resolveScenario, DEMO_SCENARIO, EMPTY_SCENARIO } from './scenarios';
export { generateScenario } from './scenarios/generate';
export { DEFAULT_REGIONS } from './regions';

/** An account the sandbox serves, with the keys that act in it. */
export interface SandboxAccount {
  readonly profile: string;
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The region its AWS profile defaults to. */
  readonly region: string;
}

/** How to start the sandbox. */
export interface SandboxServerOptions {
  /** `demo` (default), `empty`, `generated:accounts=N,regions=R,vpcs=V,seed=S`, a `.json` file, or a scenario object. */
  readonly scenario?: string | ScenarioInput | Scenario;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  readonly faults?: FaultOptions;
  /** Clock in epoch ms (default `Date.now`); tests move it to expire requests. */
  readonly clock?: () => number;
  /** Setting overrides, applied on top of the scenario's. */
  readonly settings?: Partial<SandboxSettings>;
  /** Saved state to start from when the file exists (else the scenario), saved again after every change. */
  readonly stateFile?: string;
  /** Where diagnostics go (default: console.error). */
  readonly log?: (line: string) => void;
}

/** Request counters since start (or the last `resetStats`). */
export interface SandboxStats {
  readonly requests: number;
  readonly byAction: Readonly<Record<string, number>>;
}

/** A running sandbox cloud. */
export interface SandboxServer {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly port: number;
  /** The accounts and their keys (after `loadState`, the loaded ones). */
  readonly accounts: readonly SandboxAccount[];
  /** Scenario keys → AWS ids (`vpc:<key>`, `subnet:<key>`, `rtb:<key>`, `sg:<key>`, `pcx:<key>`). */
  readonly refs: Readonly<ScenarioRefs>;
  /** Name of the scenario the state came from. */
  readonly scenarioName: string;
  /** Whether the state at start came from `stateFile` or from the scenario. */
  readonly startedFrom: 'scenario' | 'state-file';
  /** Replaces the fault options (all of them) at run time. */
  setFaults(faults: FaultOptions): void;
  getFaults(): FaultOptions;
  /** Keeps peerings in a transient status (`provisioning`, …) until released by another call. */
  setPeeringHolds(holds: readonly PeeringHold[]): void;
  /** Changes settings (quotas, expiry, transient durations) at run time. */
  setSettings(settings: Partial<SandboxSettings>): void;
  getSettings(): SandboxSettings;
  /** The whole state as JSON-ready data. */
  exportState(): WorldData;
  /** Replaces the whole state. */
  importState(data: WorldData): void;
  /** Writes the state to a JSON file (atomically). */
  saveState(file?: string): Promise<void>;
  /** Reads a state file written by `saveState`. */
  loadState(file?: string): Promise<void>;
  /** Back to the scenario: reloaded from scratch, with the same ids. */
  reset(): Promise<void>;
  stats(): SandboxStats;
  resetStats(): void;
  /** Writes an AWS config + credentials pair with one profile per account. */
  writeAwsFiles(dir: string): Promise<{ configFile: string; credentialsFile: string }>;
  /** Writes the scenario's Identity Center sign-in of `userName` (default: its first user) under
   * `home` (`.aws/config` with a profile `sso-<account profile>-<permission set>` per assignment,
   * and `.aws/sso/cache/`), as `aws sso login` would leave it. */
  writeSsoSignIn(home: string, userName?: string): Promise<{ configFile: string; cacheFile: string; profiles: readonly SsoProfileSpec[] }>;
  /** Stops listening, drops open connections, flushes the state file. */
  close(): Promise<void>;
}

function buildWorld(scenario: Scenario, clock: () => number, settings: Partial<SandboxSettings> | undefined): { world: World; refs: ScenarioRefs } {
  const world = new World(clock, { scenario: scenario.name, seed: scenario.seed ?? scenario.name });
  const refs = loadScenario(world, scenario);
  if (settings) world.settings = { ...world.settings, ...settings };
  return { world, refs };
}

function defaultRegionOf(world: World, accountId: string): string {
  let first: string | undefined;
  for (const c of world.cells()) {
    if (c.accountId !== accountId || c.table('vpc').size === 0) continue;
    if (c.region === 'us-east-1') return c.region;
    first ??= c.region;
  }
  return first ?? 'us-east-1';
}

/** Starts a sandbox cloud on 127.0.0.1. */
export async function startSandboxServer(options: SandboxServerOptions = {}): Promise<SandboxServer> {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const scenario = resolveScenario(options.scenario ?? 'demo');
  const faults = new FaultInjector(options.faults ?? {});
  let startedFrom: 'scenario' | 'state-file' = 'scenario';
  let world: World;
  let refs: ScenarioRefs;

  const built = buildWorld(scenario, clock, options.settings);
  world = built.world;
  refs = built.refs;
  if (options.stateFile && existsSync(options.stateFile)) {
    try {
      const data: unknown = JSON.parse(await readFile(options.stateFile, 'utf8'));
      assertWorldData(data, options.stateFile);
      world = worldFromData(data, clock);
      refs = data.refs ?? {};
      startedFrom = 'state-file';
    } catch (e) {
      log(`sandbox-cloud: ignoring state file ${options.stateFile}: ${(e as Error).message} (starting from scenario "${scenario.name}")`);
    }
  }

  const counts = new Map<string, number>();
  let total = 0;
  let saving: Promise<void> = Promise.resolve();
  /** A write queued behind `saving` that has not started yet: it will cover every change made until it starts. */
  let queued: Promise<void> | undefined;
  const exportState = (): WorldData => ({ ...worldToData(world), refs: { ...refs } });
  const writeState = async (file: string): Promise<void> => {
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(exportState()), 'utf8');
    await rename(tmp, file);
  };
  /**
   * Saves the state file (when there is one); resolves once a write that started after this call
   * has finished. A change is answered only after this resolves, so a process killed at any point
   * never forgets a change it acknowledged, as AWS does not. Writes in a burst coalesce into one.
   */
  const persist = (): Promise<void> => {
    const file = options.stateFile;
    if (!file) return Promise.resolve();
    if (queued) return queued;
    const write = saving.then(() => {
      queued = undefined;
      return writeState(file);
    });
    queued = write.catch((e: unknown) => log(`sandbox-cloud: could not save ${file}: ${(e as Error).message}`));
    saving = queued;
    return queued;
  };

  const http: Server = createServer(
    createRequestHandler({
      world: () => world,
      faults,
      log,
      onMutation: persist,
      count: (action) => {
        total++;
        counts.set(action, (counts.get(action) ?? 0) + 1);
      },
    }),
  );
  http.requestTimeout = 30_000;
  http.headersTimeout = 10_000;
  http.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;

  const accountsOf = (): SandboxAccount[] =>
    [...world.accounts.values()].map((a) => ({
      profile: a.profile,
      accountId: a.accountId,
      accessKeyId: a.accessKeyId,
      secretAccessKey: a.secretAccessKey,
      region: defaultRegionOf(world, a.accountId),
    }));
  const replaceWorld = (data: WorldData): void => {
    assertWorldData(data, 'state');
    world = worldFromData(data, clock);
    refs = data.refs ?? {};
    void persist();
  };
  let closed = false;

  const server: SandboxServer = {
    endpoint,
    port,
    get accounts() {
      return accountsOf();
    },
    get refs() {
      return refs;
    },
    get scenarioName() {
      return world.scenario;
    },
    startedFrom,
    setFaults: (f) => faults.set(f),
    getFaults: () => faults.get(),
    setPeeringHolds: (holds) => {
      world.holds = holds.map((h) => ({ ...h }));
      world.scheduleNow();
      void persist();
    },
    setSettings: (s) => {
      world.settings = { ...world.settings, ...s };
      world.scheduleNow();
      void persist();
    },
    getSettings: () => ({ ...world.settings }),
    exportState,
    importState: replaceWorld,
    saveState: async (file) => {
      const target = file ?? options.stateFile;
      if (!target) throw new Error('saveState needs a file path (or start the sandbox with stateFile).');
      await saving;
      await writeState(target);
    },
    loadState: async (file) => {
      const source = file ?? options.stateFile;
      if (!source) throw new Error('loadState needs a file path (or start the sandbox with stateFile).');
      let data: unknown;
      try {
        data = JSON.parse(await readFile(source, 'utf8'));
      } catch (e) {
        throw new Error(`Cannot read sandbox state ${source}: ${(e as Error).message}`, { cause: e });
      }
      assertWorldData(data, source);
      replaceWorld(data);
    },
    reset: async () => {
      // Reloaded through the API again: the same ids (same seed), timestamps from now.
      const fresh = buildWorld(scenario, clock, options.settings);
      world = fresh.world;
      refs = fresh.refs;
      void persist();
    },
    stats: () => ({ requests: total, byAction: Object.fromEntries(counts) }),
    resetStats: () => {
      total = 0;
      counts.clear();
    },
    writeAwsFiles: (dir) => writeAwsFiles(dir, endpoint, accountsOf()),
    writeSsoSignIn: async (home, userName) => {
      const user = userName === undefined ? world.sso.users[0] : world.sso.users.find((u) => u.userName === userName);
      if (!user) throw new Error(userName === undefined ? 'The scenario has no Identity Center users (add sso.users).' : `The scenario has no Identity Center user "${userName}".`);
      const profiles: SsoProfileSpec[] = user.assignments.flatMap((a) =>
        a.permissionSets.map((set) => ({
          profile: `sso-${world.accounts.get(a.accountId)?.profile ?? a.accountId}-${set}`,
          accountId: a.accountId,
          roleName: set,
          region: defaultRegionOf(world, a.accountId),
        })),
      );
      const files = await writeSsoSignIn(home, endpoint, {
        sessionName: 'sandbox',
        startUrl: 'https://sandbox.awsapps.com/start',
        ssoRegion: 'us-east-1',
        accessToken: user.accessToken,
        expiresAt: new Date(user.expiresAt),
        profiles,
      });
      return { ...files, profiles };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      // Always leave the state file behind, so the next start finds this session's state.
      await persist();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
  return server;
}
