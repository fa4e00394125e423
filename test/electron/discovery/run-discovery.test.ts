/** Discovery end to end against the sandbox cloud: real SDK, real shared config files in a temp folder, injected faults. */
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { createCallScheduler } from '../../../electron/aws/call-scheduler';
import { runDiscovery, type DiscoveryDeps, type DiscoveryRequest } from '../../../electron/discovery/run-discovery';
import { startSandboxServer, type SandboxServer } from '@peerscape/sandbox-cloud';
import type { DiscoveryProgress } from '../../../shared/api/events';
import type { Snapshot } from '../../../shared/model/snapshot';
import { missingCoverage } from '../../../shared/model/snapshot';
import { parseSnapshot } from '../../../shared/model/snapshot-schema';

const PROD = '444455556666';
const NOW = () => new Date('2026-11-23T12:00:00Z');

/** A sandbox with its AWS files written into a fresh temp home (which is also HOME for the SDK's SSO cache). */
async function sandboxHome(scenario = 'demo'): Promise<{ server: SandboxServer; home: string; env: Record<string, string> }> {
  const server = await startSandboxServer({ scenario, log: () => undefined });
  const home = mkdtempSync(join(tmpdir(), 'peerscape-discovery-'));
  const files = await server.writeAwsFiles(join(home, '.aws'));
  return { server, home, env: { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile } };
}

async function scan(req: DiscoveryRequest, deps: Omit<DiscoveryDeps, 'now'>): Promise<Snapshot> {
  const r = await runDiscovery(req, { now: NOW, ...deps });
  if (!r.ok) throw new Error(`${r.error.message} (${r.error.fix})`);
  return r.value;
}

describe('runDiscovery against the sandbox demo organisation', () => {
  let sb: Awaited<ReturnType<typeof sandboxHome>>;
  const savedHome = process.env.HOME;

  beforeAll(async () => {
    sb = await sandboxHome();
    // An empty temp HOME: the SDK finds no SSO token cache there.
    process.env.HOME = sb.home;
    const { server, env } = sb;
    const prod = server.accounts.find((a) => a.accountId === PROD)!;
    appendFileSync(
      env.AWS_CONFIG_FILE!,
      [
        '',
        '[profile prod-readonly]',
        `region = us-east-1`,
        `endpoint_url = ${server.endpoint}`,
        '',
        '[profile stolen]',
        'region = us-east-1',
        `endpoint_url = ${server.endpoint}`,
        '',
        '[profile corp-sso]',
        'sso_session = corp',
        'sso_account_id = 444455556666',
        'sso_role_name = ReadOnly',
        'region = us-east-1',
        '',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = us-east-1',
        'sso_registration_scopes = sso:account:access',
        '',
      ].join('\n'),
    );
    appendFileSync(
      env.AWS_SHARED_CREDENTIALS_FILE!,
      // Same keys as the prod profile: a second profile acting in one account.
      `\n[prod-readonly]\naws_access_key_id = ${prod.accessKeyId}\naws_secret_access_key = ${prod.secretAccessKey}\n` +
        `\n[stolen]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`,
    );
  });

  afterEach(() => {
    sb.server.setFaults({});
  });

  afterAll(async () => {
    process.env.HOME = savedHome;
    await sb.server.close();
  });

  const sandboxProfiles = () => sb.server.accounts.map((a) => a.profile);

  it('scans every enabled region of every account into a valid snapshot', async () => {
    const events: DiscoveryProgress[] = [];
    const s = await scan({}, { env: sb.env, homeDir: sb.home, source: 'sandbox:demo', onProgress: (p) => events.push(p), limits: { progressIntervalMs: 0 } });
    expect(parseSnapshot(JSON.stringify(s))).toEqual({ ok: true, snapshot: s });
    expect(s.source).toBe('sandbox:demo');
    expect(s.takenAt).toBe('2026-11-23T12:00:00.000Z');
    // "All" is every profile with credentials, in name order: prod-readonly comes before
    // sandbox-prod, so it scans the prod account and sandbox-prod says so.
    expect(missingCoverage(s).map((c) => c.profile).sort()).toEqual(['corp-sso', 'stolen']);
    expect(s.coverage.filter((c) => c.region !== '*')).toHaveLength(4 * 17);
    expect(s.coverage.filter((c) => c.region !== '*' && c.accountId === PROD).every((c) => c.profile === 'prod-readonly')).toBe(true);
    expect(s.coverage.find((c) => c.profile === 'sandbox-prod')).toMatchObject({
      region: '*',
      state: 'complete',
      message: `Account ${PROD} is scanned through profile "prod-readonly".`,
    });
    expect(s.topology.accounts.map((a) => a.id)).toEqual(['111122223333', '246813579024', PROD, '777788889999']);
    expect(new Set(s.topology.peerings.map((p) => p.status))).toEqual(
      new Set(['active', 'pending-acceptance', 'provisioning', 'initiating-request', 'rejected', 'failed', 'expired', 'deleted', 'deleting']),
    );
    const final = events.at(-1)!;
    expect(final.finished).toBe(true);
    expect(final.cells.filter((c) => c.state === 'queued' || c.state === 'running')).toEqual([]);
  });

  it('hands out partial snapshots as regions land, so a graph can fill in', async () => {
    const partials: Snapshot[] = [];
    const s = await scan(
      { profiles: sandboxProfiles() },
      { env: sb.env, homeDir: sb.home, limits: { progressIntervalMs: 0, partialSnapshotIntervalMs: 0 }, onPartialSnapshot: (p) => partials.push(p) },
    );
    expect(partials.length).toBeGreaterThan(1);
    const regionsDone = partials.map((p) => p.coverage.filter((c) => c.region !== '*' && c.state === 'complete').length);
    expect(regionsDone).toEqual([...regionsDone].sort((a, b) => a - b));
    expect(regionsDone.at(-1)!).toBeLessThanOrEqual(68);
    for (const p of partials) expect(parseSnapshot(JSON.stringify(p)).ok).toBe(true);
    expect(s.topology.vpcs.length).toBeGreaterThanOrEqual(partials.at(-1)!.topology.vpcs.length);
  });

  it('lists both profiles of one account on the account and scans it once', async () => {
    const s = await scan({ profiles: ['sandbox-prod', 'prod-readonly'], regions: ['us-east-1'] }, { env: sb.env, homeDir: sb.home });
    expect(s.topology.accounts).toEqual([{ id: PROD, alias: 'example-prod', profiles: ['sandbox-prod', 'prod-readonly'] }]);
    expect(s.coverage.filter((c) => c.region === 'us-east-1')).toHaveLength(1);
  });

  it('records a profile whose keys AWS rejects, and scans the others', async () => {
    const s = await scan({ profiles: ['stolen', 'sandbox-prod'], regions: ['us-east-1'] }, { env: sb.env, homeDir: sb.home });
    const failed = s.coverage.find((c) => c.profile === 'stolen');
    expect(failed).toMatchObject({ region: '*', state: 'failed', errorCode: 'InvalidClientTokenId' });
    expect(failed?.message).toMatch(/^AWS rejected the credentials of profile "stolen".*check its access key/);
    expect(s.topology.accounts.map((a) => a.id)).toEqual([PROD]);
    expect(s.coverage.find((c) => c.region === 'us-east-1')?.state).toBe('complete');
  });

  it('says which aws sso login to run for an SSO profile that is not logged in', async () => {
    const s = await scan({ profiles: ['corp-sso', 'sandbox-dev'], regions: ['us-east-1'] }, { env: sb.env, homeDir: sb.home });
    expect(s.coverage.find((c) => c.profile === 'corp-sso')).toEqual({
      profile: 'corp-sso',
      region: '*',
      state: 'failed',
      errorCode: 'SsoLoginRequired',
      message: 'The SSO session of profile "corp-sso" is missing or has expired: run `aws sso login --profile corp-sso`, then scan again.',
    });
    expect(s.coverage.find((c) => c.profile === 'sandbox-dev' && c.region === 'us-east-1')?.state).toBe('complete');
  });

  it('marks a region that is not enabled (OptInRequired) and an AuthFailure region as failed, and goes on', async () => {
    sb.server.setFaults({
      failRegions: [
        { accountId: PROD, region: 'eu-west-1', code: 'OptInRequired' },
        { accountId: PROD, region: 'us-east-1', code: 'AuthFailure' },
      ],
    });
    const s = await scan({ profiles: ['sandbox-prod'], regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2'] }, { env: sb.env, homeDir: sb.home });
    const byRegion = Object.fromEntries(s.coverage.map((c) => [c.region, c]));
    expect(byRegion['eu-west-1']).toMatchObject({ state: 'failed', errorCode: 'OptInRequired', accountId: PROD });
    expect(byRegion['eu-west-1']?.message).toBe(
      `Region eu-west-1 is not enabled for account ${PROD} (OptInRequired): enable it under Account → AWS Regions in the console, or leave it out of the scan.`,
    );
    expect(byRegion['us-east-1']).toMatchObject({ state: 'failed', errorCode: 'AuthFailure' });
    expect(byRegion['ap-southeast-2']?.state).toBe('complete');
    expect(missingCoverage(s).map((c) => c.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(s.topology.vpcs.some((v) => v.region === 'ap-southeast-2')).toBe(true);
    expect(s.topology.vpcs.some((v) => v.accountId === PROD && v.region === 'eu-west-1')).toBe(false);
  });

  it('falls back to another profile of the account when the first may not scan a region', async () => {
    sb.server.setFaults({ failRegions: [{ accountId: PROD, region: 'us-east-1', code: 'AuthFailure' }] });
    // Both profiles act in the same account, so the sandbox refuses both: the cell fails once, after trying each.
    const scheduler = createCallScheduler();
    const s = await scan({ profiles: ['sandbox-prod', 'prod-readonly'], regions: ['us-east-1'] }, { env: sb.env, homeDir: sb.home, scheduler });
    const cell = s.coverage.find((c) => c.region === 'us-east-1');
    expect(cell).toMatchObject({ state: 'failed', errorCode: 'AuthFailure' });
    expect(cell?.message).toMatch(/\(Tried profiles "sandbox-prod", "prod-readonly"\.\)$/);
    expect(scheduler.stats().buckets.get(`${PROD}/us-east-1/DescribeVpcs`)?.attempts).toBe(2);
  });

  it('rides out throttling bursts with backoff and still loads everything', async () => {
    // A tiny server-side bucket: our own buckets (100 burst) overrun it, so AWS-style
    // RequestLimitExceeded answers come back and must be retried.
    sb.server.setFaults({ throttle: { mode: 'bucket', describe: { burst: 1, refillPerSecond: 2 } } });
    const scheduler = createCallScheduler({ retryBaseDelayMs: 5, retryMaxDelayMs: 50 });
    const profiles = sandboxProfiles();
    // Two scans back to back: the second finds the server's buckets empty.
    await scan({ profiles, regions: ['us-east-1', 'eu-west-1'] }, { env: sb.env, homeDir: sb.home });
    const s = await scan({ profiles, regions: ['us-east-1', 'eu-west-1'] }, { env: sb.env, homeDir: sb.home, scheduler });
    expect(missingCoverage(s)).toEqual([]);
    expect(scheduler.stats().throttled).toBeGreaterThan(0);
  });

  it('fails a region with RequestLimitExceeded and a sentence when throttling never stops', async () => {
    const s = await scan(
      { profiles: ['sandbox-prod'], regions: ['us-east-1'] },
      {
        env: sb.env,
        homeDir: sb.home,
        limits: { maxAttempts: 3, retryBaseDelayMs: 1, retryMaxDelayMs: 2, progressIntervalMs: 0 },
        // Identity goes through; every describe of the region is refused.
        onProgress: (p) => {
          if (p.cells.some((c) => c.region === 'us-east-1')) sb.server.setFaults({ throttle: { mode: 'rate', rate: 1 } });
        },
      },
    );
    expect(s.coverage).toContainEqual(
      expect.objectContaining({
        region: 'us-east-1',
        state: 'failed',
        errorCode: 'RequestLimitExceeded',
        message: expect.stringMatching(/AWS kept throttling .* after 3 attempts: scan again in a minute/),
      }),
    );
  });

  it('fails a region that does not answer in time, saying so', async () => {
    const s = await scan(
      { profiles: ['sandbox-prod'], regions: ['us-east-1'] },
      {
        env: sb.env,
        homeDir: sb.home,
        limits: { callTimeoutMs: 150, maxAttempts: 2, retryBaseDelayMs: 1, progressIntervalMs: 0 },
        // Identity answers quickly; the describes are slow.
        onProgress: (p) => {
          if (p.cells.some((c) => c.region === 'us-east-1')) sb.server.setFaults({ latencyMs: 400 });
        },
      },
    );
    const cell = s.coverage.find((c) => c.region === 'us-east-1');
    expect(cell).toMatchObject({ state: 'failed', errorCode: 'Timeout' });
    expect(cell?.message).toMatch(/^EC2 at http:\/\/127\.0\.0\.1:\d+ did not answer ec2:Describe\w+ for profile "sandbox-prod" in us-east-1 \(no answer within 0\.\d s, 2 attempts\)/);
  });

  it('reports expired credentials with a fix', async () => {
    sb.server.setFaults({ expireCredentials: { atMs: 0 } });
    const s = await scan({ profiles: ['sandbox-prod'], regions: ['us-east-1'] }, { env: sb.env, homeDir: sb.home });
    const cell = s.coverage[0]!;
    expect(cell.state).toBe('failed');
    expect(cell.message).toMatch(/have expired .*refresh them/);
  });

  it('scans only the regions asked for, without listing regions', async () => {
    sb.server.resetStats();
    const s = await scan({ profiles: ['sandbox-network'], regions: ['eu-west-1'] }, { env: sb.env, homeDir: sb.home });
    expect(s.coverage.map((c) => c.region).sort()).toEqual(['*', 'eu-west-1']);
    expect(sb.server.stats().byAction.DescribeRegions).toBeUndefined();
  });

  it('stops at once when cancelled and marks what did not finish', async () => {
    sb.server.setFaults({ latencyMs: 300 });
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error('user cancelled')), 100);
    const s = await scan({ profiles: sandboxProfiles() }, { env: sb.env, homeDir: sb.home, signal: controller.signal });
    expect(performance.now() - started).toBeLessThan(250);
    expect(s.coverage.length).toBe(4);
    expect(s.coverage.every((c) => c.state === 'cancelled' && c.region === '*')).toBe(true);
  });

  it('scans with credentials from the environment through the SDK’s fromEnv', async () => {
    const dev = sb.server.accounts.find((a) => a.profile === 'sandbox-dev')!;
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    // fromEnv reads the process environment itself; the injected env only has to show the key id.
    process.env.AWS_ACCESS_KEY_ID = dev.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = dev.secretAccessKey;
    try {
      const env = {
        AWS_CONFIG_FILE: join(sb.home, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(sb.home, 'no-credentials'),
        AWS_ACCESS_KEY_ID: dev.accessKeyId,
        AWS_REGION: 'eu-west-1',
        AWS_ENDPOINT_URL: sb.server.endpoint,
      };
      const s = await scan({ regions: ['us-east-1'] }, { env, homeDir: sb.home });
      expect(s.topology.accounts).toEqual([{ id: dev.accountId, alias: 'example-dev', profiles: ['(environment)'] }]);
      expect(missingCoverage(s)).toEqual([]);
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });

  it('refuses an unknown profile or a malformed region before calling AWS', async () => {
    const r1 = await runDiscovery({ profiles: ['nope'] }, { env: sb.env, homeDir: sb.home, now: NOW });
    expect(r1).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!r1.ok) expect(r1.error.fix).toContain('[profile nope]');
    const r2 = await runDiscovery({ regions: ['eu-west'] }, { env: sb.env, homeDir: sb.home, now: NOW });
    expect(r2).toMatchObject({ ok: false, error: { code: 'invalid-input', message: 'not a region name: "eu-west"' } });
  });
});

describe('runDiscovery pagination', () => {
  let sb: Awaited<ReturnType<typeof sandboxHome>>;
  beforeAll(async () => {
    sb = await sandboxHome('generated:accounts=1,regions=1,vpcs=12,seed=3');
  });
  afterAll(async () => {
    await sb.server.close();
  });

  it('follows NextToken through every page of every describe', async () => {
    const all = await scan({}, { env: sb.env, homeDir: sb.home });
    const scheduler = createCallScheduler();
    const paged = await scan(
      {},
      {
        env: sb.env,
        homeDir: sb.home,
        scheduler,
        limits: {
          pageSizes: { DescribeVpcs: 5, DescribeSubnets: 5, DescribeRouteTables: 5, DescribeSecurityGroups: 5, DescribeVpcPeeringConnections: 5 },
        },
      },
    );
    expect(all.topology.vpcs).toHaveLength(12);
    expect(paged.topology).toEqual(all.topology);
    const account = all.topology.accounts[0]!.id;
    const region = all.topology.vpcs[0]!.region;
    expect(scheduler.stats().buckets.get(`${account}/${region}/DescribeVpcs`)?.calls).toBe(3);
    expect(scheduler.stats().buckets.get(`${account}/${region}/DescribeSubnets`)?.calls).toBe(Math.ceil(all.topology.subnets.length / 5) + (all.topology.subnets.length % 5 === 0 ? 1 : 0));
  });
});
