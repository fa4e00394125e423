/** Starts the sandbox cloud for a test file: `const sb = await startSandbox({ scenario: 'demo' })`.
 *
 * Start one per test file (in `beforeAll`), not per test; `stop()` in `afterAll`. Point the
 * real AWS SDK at `sb.endpoint` with one of `sb.accounts`' keys, or write AWS config files with
 * `sb.writeAwsFiles(dir)` for code that reads profiles.
 */
import {
  startSandboxServer,
  type FaultOptions,
  type SandboxServer,
  type Scenario,
  type ScenarioInput,
} from '../index';

/** A running sandbox for tests. */
export interface SandboxHandle {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** One entry per scenario account: its profile name, id and keys. */
  accounts: readonly { profile: string; accountId: string; accessKeyId: string; secretAccessKey: string }[];
  /** The server itself: faults, settings, holds, persistence, refs (scenario keys → ids), stats. */
  server: SandboxServer;
  /** Writes an AWS config + credentials pair (one profile per account, endpoint_url and region set). */
  writeAwsFiles(dir: string): Promise<{ configFile: string; credentialsFile: string }>;
  stop(): Promise<void>;
}

/** Starts a sandbox: `scenario` is 'demo' (default), 'empty', 'generated:accounts=N,regions=R,vpcs=V,seed=S', a .json path or a scenario object. */
export async function startSandbox(opts?: {
  scenario?: string | Scenario | ScenarioInput;
  port?: number;
  faults?: FaultOptions;
  clock?: () => number;
}): Promise<SandboxHandle> {
  const server = await startSandboxServer({
    scenario: opts?.scenario ?? 'demo',
    port: opts?.port ?? 0,
    ...(opts?.faults ? { faults: opts.faults } : {}),
    ...(opts?.clock ? { clock: opts.clock } : {}),
  });
  return {
    endpoint: server.endpoint,
    accounts: server.accounts.map(({ profile, accountId, accessKeyId, secretAccessKey }) => ({ profile, accountId, accessKeyId, secretAccessKey })),
    server,
    writeAwsFiles: (dir) => server.writeAwsFiles(dir),
    stop: () => server.close(),
  };
}
