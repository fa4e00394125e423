/** `npm run sandbox -- --scenario demo --port 4566`: the sandbox cloud as a command.
 *
 * Prints the endpoint, writes an AWS config + credentials pair (one profile per account) into a
 * folder it names, prints a ready-to-paste AWS CLI command, and stops cleanly on Ctrl-C.
 * Run with `--help` for every flag.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { awsCliExample } from './aws-files';
import type { FailRegion, FaultOptions, ThrottleOptions } from './faults';
import { startSandboxServer, type SandboxServer } from './index';
import { generateOrganization, generateScenario } from './scenarios/generate';

const HELP = `Peerscape sandbox cloud: an EC2 + STS compatible server on 127.0.0.1.

Usage: npm run sandbox -- [options]

Scenario
  --scenario NAME            demo (default), empty, generated, or a scenario .json file
  --accounts N --regions R --vpcs-per-region V --seed S
                             generate an organisation (implies --scenario generated)
  --ous N --suspended N      make it an AWS Organization too: N OUs, N suspended accounts
  --state FILE               start from this saved state if it exists; save every change to it

Server
  --port N                   TCP port on 127.0.0.1 (default 4566; 0 = any free port)
  --out DIR                  where to write the AWS config/credentials files (default: a temp dir)

Settings
  --pending-expiry DURATION  how long a peering request waits before it expires (default 7d)
  --transient DURATION       how long a peering's initiating-request/provisioning/deleting and a
                             NAT or VPN gateway's pending/attaching/detaching/deleting last (default 0)

Faults (also changeable at run time through the programmatic API)
  --latency DURATION         fixed delay added to every answer (e.g. 200ms)
  --jitter DURATION          up to this much more, at random
  --throttle-rate R          refuse this share (0-1) of calls with RequestLimitExceeded
  --throttle-bucket          EC2-like token buckets per account/region/action
                             (describe 100 burst, 20/s; mutating 50 burst, 5/s;
                             STS one bucket per account/region, 600 burst, 600/s)
  --throttle-describe B/R    describe bucket: burst/refill per second (implies --throttle-bucket)
  --throttle-mutating B/R    mutating bucket: burst/refill per second (implies --throttle-bucket)
  --throttle-sts B/R         STS bucket: burst/refill per second (implies --throttle-bucket)
  --error-rate R             answer this share (0-1) of calls with InternalError/Unavailable
  --fail-region ACCOUNT:REGION:CODE
                             that account (id or profile) and region answer CODE
                             (AuthFailure or OptInRequired); repeatable
  --expire-credentials-after DURATION
                             every key stops working after this long (RequestExpired / ExpiredToken)
  --session-duration DURATION
                             cap the lifetime of AssumeRole credentials
  --fault-seed N             seed of the random fault decisions (default 1)

Durations: 250ms, 30s, 10m, 2h, 7d (a bare number is milliseconds).
`;

/** Parses `250ms`, `30s`, `10m`, `2h`, `7d` or a bare number of milliseconds. */
function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new Error(`${flag}: "${text}" is not a duration (use e.g. 250ms, 30s, 10m, 2h, 7d)`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit] ?? 1;
  return n * factor;
}

function parseRate(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new Error(`${flag}: "${text}" must be a number from 0 to 1`);
  return n;
}

function parseBucket(text: string, flag: string): { burst: number; refillPerSecond: number } {
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text);
  if (!m) throw new Error(`${flag}: "${text}" must be BURST/REFILL, e.g. 100/20`);
  return { burst: Number(m[1]), refillPerSecond: Number(m[2]) };
}

function parseInteger(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n)) throw new Error(`${flag}: "${text}" must be an integer`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h' },
      scenario: { type: 'string' },
      accounts: { type: 'string' },
      regions: { type: 'string' },
      'vpcs-per-region': { type: 'string' },
      ous: { type: 'string' },
      suspended: { type: 'string' },
      seed: { type: 'string' },
      state: { type: 'string' },
      port: { type: 'string' },
      out: { type: 'string' },
      'pending-expiry': { type: 'string' },
      transient: { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'throttle-rate': { type: 'string' },
      'throttle-bucket': { type: 'boolean' },
      'throttle-describe': { type: 'string' },
      'throttle-mutating': { type: 'string' },
      'throttle-sts': { type: 'string' },
      'error-rate': { type: 'string' },
      'fail-region': { type: 'string', multiple: true },
      'expire-credentials-after': { type: 'string' },
      'session-duration': { type: 'string' },
      'fault-seed': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }

  const organisation = values.ous !== undefined || values.suspended !== undefined;
  const generated = organisation || values.accounts !== undefined || values.regions !== undefined || values['vpcs-per-region'] !== undefined || values.scenario === 'generated';
  const estate = {
    accounts: parseInteger(values.accounts, '--accounts', 3),
    regions: parseInteger(values.regions, '--regions', 3),
    vpcsPerRegion: parseInteger(values['vpcs-per-region'], '--vpcs-per-region', 5),
    seed: parseInteger(values.seed, '--seed', 1),
  };
  const scenario = !generated
    ? (values.scenario ?? 'demo')
    : organisation
      ? generateOrganization({
          ...estate,
          ...(values.ous === undefined ? {} : { ous: parseInteger(values.ous, '--ous', 0) }),
          ...(values.suspended === undefined ? {} : { suspended: parseInteger(values.suspended, '--suspended', 0) }),
        })
      : generateScenario(estate);
  const port = parseInteger(values.port, '--port', 4566);
  if (port < 0 || port > 65535) throw new Error(`--port: ${port} is not a TCP port`);

  const settings: Record<string, number> = {};
  if (values['pending-expiry']) settings.pendingExpiryMs = parseDuration(values['pending-expiry'], '--pending-expiry');
  if (values.transient) {
    const ms = parseDuration(values.transient, '--transient');
    settings.initiatingRequestMs = ms;
    settings.provisioningMs = ms;
    settings.deletingMs = ms;
    settings.gatewayTransitionMs = ms;
  }

  let throttle: ThrottleOptions | undefined;
  if (values['throttle-rate'] !== undefined) throttle = { mode: 'rate', rate: parseRate(values['throttle-rate'], '--throttle-rate') };
  if (values['throttle-bucket'] || values['throttle-describe'] || values['throttle-mutating'] || values['throttle-sts']) {
    if (throttle) throw new Error('--throttle-rate and the bucket options exclude each other');
    throttle = {
      mode: 'bucket',
      ...(values['throttle-describe'] ? { describe: parseBucket(values['throttle-describe'], '--throttle-describe') } : {}),
      ...(values['throttle-mutating'] ? { mutating: parseBucket(values['throttle-mutating'], '--throttle-mutating') } : {}),
      ...(values['throttle-sts'] ? { sts: parseBucket(values['throttle-sts'], '--throttle-sts') } : {}),
    };
  }
  const startFaults: FaultOptions = {
    ...(values.latency ? { latencyMs: parseDuration(values.latency, '--latency') } : {}),
    ...(values.jitter ? { jitterMs: parseDuration(values.jitter, '--jitter') } : {}),
    ...(throttle ? { throttle } : {}),
    ...(values['error-rate'] ? { serverErrorRate: parseRate(values['error-rate'], '--error-rate') } : {}),
    ...(values['session-duration'] ? { maxSessionDurationMs: parseDuration(values['session-duration'], '--session-duration') } : {}),
    ...(values['fault-seed'] ? { seed: parseInteger(values['fault-seed'], '--fault-seed', 1) } : {}),
  };

  const server: SandboxServer = await startSandboxServer({
    scenario,
    port,
    settings,
    faults: startFaults,
    ...(values.state ? { stateFile: resolve(values.state) } : {}),
  });

  // Fail-regions and credential expiry name accounts by profile too, so they resolve after start.
  const byRef = (ref: string): string => {
    const a = server.accounts.find((x) => x.accountId === ref || x.profile === ref);
    if (!a) throw new Error(`unknown account "${ref}" (known: ${server.accounts.map((x) => `${x.profile}=${x.accountId}`).join(', ')})`);
    return a.accountId;
  };
  const failRegions: FailRegion[] = (values['fail-region'] ?? []).map((spec) => {
    const [acct, region, code] = spec.split(':');
    if (!acct || !region || (code !== 'AuthFailure' && code !== 'OptInRequired')) {
      throw new Error(`--fail-region: "${spec}" must be ACCOUNT:REGION:AuthFailure or ACCOUNT:REGION:OptInRequired`);
    }
    return { accountId: byRef(acct), region, code };
  });
  const expireAfter = values['expire-credentials-after'];
  server.setFaults({
    ...startFaults,
    ...(failRegions.length > 0 ? { failRegions } : {}),
    ...(expireAfter ? { expireCredentials: { atMs: Date.now() + parseDuration(expireAfter, '--expire-credentials-after') } } : {}),
  });

  const dir = values.out ? resolve(values.out) : mkdtempSync(join(tmpdir(), 'peerscape-sandbox-'));
  const files = await server.writeAwsFiles(dir);
  const first = server.accounts[0];
  const lines = [
    `Peerscape sandbox cloud (scenario "${server.scenarioName}"${server.startedFrom === 'state-file' ? ', from saved state' : ''})`,
    `Endpoint:          ${server.endpoint}`,
    `AWS config:        ${files.configFile}`,
    `AWS credentials:   ${files.credentialsFile}`,
    `Profiles:          ${server.accounts.map((a) => `${a.profile} (${a.accountId}, ${a.region})`).join(', ')}`,
    '',
    'Try it (Debian AWS CLI 2.9 needs --endpoint-url):',
    first ? `  ${awsCliExample(files, first.profile, server.endpoint)}` : '  (no accounts)',
    '',
    'Ctrl-C stops the sandbox.',
  ];
  process.stdout.write(lines.join('\n') + '\n');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox cloud…\n`);
    server.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`Could not stop cleanly: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  process.stderr.write(`sandbox: ${(e as Error).message}\nRun with --help for the options.\n`);
  process.exit(2);
});
