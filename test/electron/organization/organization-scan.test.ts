/** Organisation scans against the sandbox through the real SDK: the roster (OU tree, suspended
 * accounts, empty pages), one session per account from the sign-in, and every failure
 * kind named per cell with its fix, while the other accounts scan on. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SCENARIO, type ScenarioInput } from '@peerscape/sandbox-cloud';
import { startSandbox, type SandboxHandle } from '@peerscape/sandbox-cloud/testing';
import type { RegionCoverage, Snapshot } from '../../../shared/model/snapshot';
import { keepEarlierData } from '../../../electron/discovery/merge-slices';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import { closeSharedScanPools } from '../../../electron/discovery/scan-pool';
import { readOrganizationRoster } from '../../../electron/organization/run-organization';

const NET = '111122223333';
const PROD = '444455556666';
const DEV = '777788889999';
const DATA = '246813579024';

/** The demo with trouble: dev lacks PeerscapeReadOnly, an SCP denies prod a region, data's role may not list VPCs in one region and has STS off in another. */
function troubledDemo(): ScenarioInput {
  const demo = DEMO_SCENARIO as unknown as ScenarioInput;
  return {
    ...demo,
    name: 'troubled-demo',
    accounts: demo.accounts.map((a) => {
      if (a.id === DEV) return { ...a, roles: (a.roles ?? []).filter((r) => r.name !== 'PeerscapeReadOnly') };
      if (a.id === DATA) return { ...a, stsDisabledRegions: ['us-west-2'] };
      return a;
    }),
    denyActions: [
      { action: '*', kind: 'scp', account: PROD, region: 'us-west-2' },
      { action: 'ec2:DescribeVpcs', kind: 'identity', account: DATA, region: 'eu-west-1' },
    ],
  } as ScenarioInput;
}

function cellsOf(s: Snapshot, account: string): Record<string, RegionCoverage> {
  return Object.fromEntries(s.coverage.filter((c) => c.accountId === account).map((c) => [c.region, c]));
}

// The same scans on the calling thread and on a scan thread: the causes and fixes must not differ.
describe.each([0, 1])('an organisation scan of the sandbox (%i scan threads)', (scanThreads) => {
  let sb: SandboxHandle;
  let env: Record<string, string>;
  let home: string;
  const now = () => new Date('2026-12-07T12:00:00Z');

  beforeAll(async () => {
    sb = await startSandbox({ scenario: troubledDemo() });
    home = mkdtempSync(join(tmpdir(), 'peerscape-org-'));
    const files = await sb.writeAwsFiles(join(home, '.aws'));
    env = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
  });

  afterAll(async () => {
    await closeSharedScanPools();
    await sb?.stop();
  });

  it('reads the OU tree and every account, suspended ones included, with names and OU paths', async () => {
    const r = await readOrganizationRoster('sandbox-network', { env, homeDir: home, now });
    if (!r.ok) throw new Error(r.error.message);
    const org = r.value;
    expect(org.source).toBe('organizations');
    expect(org.managementAccountId).toBe(NET);
    const byId = Object.fromEntries(org.accounts.map((a) => [a.id, a]));
    expect(byId[NET]).toMatchObject({ status: 'ACTIVE', ouPath: '' });
    expect(byId[PROD]).toMatchObject({ status: 'ACTIVE', ouPath: 'Workloads/Production' });
    expect(byId[DEV]?.ouPath).toBe('Workloads/Development');
    expect(org.accounts.filter((a) => a.status === 'SUSPENDED')).toHaveLength(1);
    expect(org.accounts.every((a) => a.name)).toBe(true);
  });

  it('a member account may not list the organisation, and says which sign-in can', async () => {
    const r = await readOrganizationRoster('sandbox-prod', { env, homeDir: home, now });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'aws:AccessDeniedException', fix: expect.stringContaining('management account') });
  });

  it('scans each account × region from the sign-in, naming each failure with its cause and fix', async () => {
    const progress: { accountName?: string; ouPath?: string }[] = [];
    const assumedBefore = sb.server.stats().byAction['sts:AssumeRole'] ?? 0;
    const r = await runDiscovery(
      { organization: { profile: 'sandbox-network', regions: ['us-east-1', 'us-west-2', 'eu-west-1', 'af-south-1'] } },
      { env, homeDir: home, now, limits: { scanThreads }, onProgress: (p) => progress.push(...p.cells) },
    );
    if (!r.ok) throw new Error(r.error.message);
    const s = r.value;
    expect(s.organization?.accounts.length).toBe(5);
    // Suspended accounts are listed, never scanned.
    const suspended = s.organization!.accounts.find((a) => a.status === 'SUSPENDED')!;
    expect(s.coverage.some((c) => c.accountId === suspended.id)).toBe(false);

    const net = cellsOf(s, NET);
    expect(net['us-east-1']).toMatchObject({ state: 'complete', profile: `PeerscapeReadOnly@${NET}` });
    expect(s.topology.vpcs.some((v) => v.accountId === NET)).toBe(true);
    expect(net['af-south-1']).toMatchObject({ state: 'failed', cause: 'region-disabled' });
    expect(net['af-south-1']?.message).toContain('enable it under Account → AWS Regions');

    const dev = cellsOf(s, DEV);
    expect(dev['us-east-1']).toMatchObject({ state: 'failed', cause: 'role-missing', errorCode: 'AccessDenied' });
    expect(dev['us-east-1']?.message).toContain('peerscape role-template');

    const prod = cellsOf(s, PROD);
    expect(prod['us-east-1']?.state).toBe('complete');
    expect(prod['us-west-2']).toMatchObject({ state: 'failed', cause: 'scp-denied' });
    expect(prod['us-west-2']?.message).toContain("the organisation's policy");

    const data = cellsOf(s, DATA);
    expect(data['us-east-1']?.state).toBe('complete');
    // STS off in us-west-2 does not matter: the account's one session comes from its first region, us-east-1.
    expect(data['us-west-2']?.state).toBe('complete');
    expect(data['us-west-2']?.message).toBeUndefined();
    // One AssumeRole per account entered (net, prod, data, and dev's refused one), not per account × region.
    expect((sb.server.stats().byAction['sts:AssumeRole'] ?? 0) - assumedBefore).toBe(4);
    expect(data['eu-west-1']).toMatchObject({ state: 'failed', cause: 'identity-denied' });
    expect(data['eu-west-1']?.message).toContain('peerscape role-template');

    expect(s.topology.accounts.find((a) => a.id === PROD)?.name).toBeTruthy();
    expect(s.topology.accounts.find((a) => a.id === PROD)?.ouPath).toBe('Workloads/Production');
    expect(progress.some((c) => c.ouPath === 'Workloads/Production' && c.accountName)).toBe(true);
  });

  it("takes an account's session from the next region when STS is off in its first, and says so on its cells", async () => {
    // The sign-in's region (the account's first) is us-west-2, where data has STS off.
    const westHome = join(home, 'west');
    const config = readFileSync(env.AWS_CONFIG_FILE!, 'utf8').replace(/(\[profile sandbox-network\]\nregion = )us-east-1/, '$1us-west-2');
    expect(config).toContain('region = us-west-2');
    const configFile = join(home, 'config-west');
    writeFileSync(configFile, config);
    const r = await runDiscovery({ organization: { profile: 'sandbox-network', regions: ['us-east-1', 'us-west-2'] } }, { env: { ...env, AWS_CONFIG_FILE: configFile }, homeDir: westHome, now, limits: { scanThreads } });
    if (!r.ok) throw new Error(r.error.message);
    const data = cellsOf(r.value, DATA);
    for (const region of ['*', 'us-east-1', 'us-west-2']) {
      expect(data[region]).toMatchObject({ state: 'complete', message: `STS is not activated in us-west-2 for account ${DATA}: its session came from STS in us-east-1.` });
    }
    expect(cellsOf(r.value, NET)['us-west-2']).toMatchObject({ state: 'complete' });
    expect(cellsOf(r.value, NET)['us-west-2']?.message).toBeUndefined();
  });

  it('scans a few accounts at a time, and names the accounts a cancelled scan never reached', async () => {
    const controller = new AbortController();
    let running = 0;
    const r = await runDiscovery(
      { organization: { profile: 'sandbox-network', regions: ['us-east-1'] } },
      {
        env,
        homeDir: home,
        now,
        // A cap of 32 calls keeps two accounts in flight; cancel once the first has started.
        limits: { maxConcurrentCalls: 32, progressIntervalMs: 0, scanThreads },
        signal: controller.signal,
        onProgress: (p) => {
          running = Math.max(running, p.cells.filter((c) => c.region === '*' && c.state === 'running').length);
          if (p.cells.some((c) => c.region === 'us-east-1' && c.state === 'running')) controller.abort();
        },
      },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(running).toBeLessThanOrEqual(2);
    const identityRows = r.value.coverage.filter((c) => c.region === '*');
    expect(identityRows).toHaveLength(4);
    expect(identityRows.every((c) => c.accountId)).toBe(true);
    expect(identityRows.some((c) => c.state === 'cancelled')).toBe(true);
  });

  it('names STS being off when the account has no other region to get a session from', async () => {
    const r = await runDiscovery({ organization: { profile: 'sandbox-network', regions: ['us-west-2'] } }, { env, homeDir: home, now, limits: { scanThreads } });
    if (!r.ok) throw new Error(r.error.message);
    const cell = cellsOf(r.value, DATA)['us-west-2'];
    expect(cell).toMatchObject({ state: 'failed', cause: 'sts-region-disabled', errorCode: 'RegionDisabledException' });
    expect(cell?.message).toContain('activate it in the IAM console');
  });

  it('enters an account without the role through OrganizationAccountAccessRole only when allowed', async () => {
    const r = await runDiscovery(
      { organization: { profile: 'sandbox-network', regions: ['us-east-1'], allowOrganizationAccountAccessRole: true } },
      { env, homeDir: home, now, limits: { scanThreads } },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(cellsOf(r.value, DEV)['us-east-1']?.state).toBe('complete');
  });

  it('scans only the chosen OUs and those below them; an unknown OU lists the known ones', async () => {
    const roster = await readOrganizationRoster('sandbox-network', { env, homeDir: home, now });
    if (!roster.ok) throw new Error(roster.error.message);
    const workloads = roster.value.units.find((u) => u.name === 'Workloads')!;
    const r = await runDiscovery({ organization: { profile: 'sandbox-network', regions: ['us-east-1'], ous: [workloads.id] } }, { env, homeDir: home, now, limits: { scanThreads } });
    if (!r.ok) throw new Error(r.error.message);
    expect([...new Set(r.value.coverage.map((c) => c.accountId))].sort()).toEqual([PROD, DEV].sort());
    const bad = await runDiscovery({ organization: { profile: 'sandbox-network', ous: ['ou-zzzz-zzzzzzzz'] } }, { env, homeDir: home, now, limits: { scanThreads } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fix).toContain('Workloads');
  });

  it('names throttling beyond retries and a silent endpoint per cell, once the roster is read', async () => {
    // Faults start with the run's first progress event: the roster and sign-in were read without them.
    const scanWith = async (faults: Parameters<typeof sb.server.setFaults>[0], limits: Record<string, number>) => {
      let armed = false;
      try {
        const r = await runDiscovery(
          { organization: { profile: 'sandbox-network', regions: ['us-east-1'] } },
          {
            env,
            homeDir: home,
            now,
            limits: { progressIntervalMs: 0, scanThreads, ...limits },
            onProgress: () => {
              if (!armed) sb.server.setFaults(faults);
              armed = true;
            },
          },
        );
        if (!r.ok) throw new Error(r.error.message);
        return r.value.coverage.filter((c) => c.region === 'us-east-1');
      } finally {
        sb.server.setFaults({});
      }
    };
    const throttled = await scanWith({ throttle: { mode: 'rate', rate: 1 } }, { maxAttempts: 2, retryBaseDelayMs: 1, retryMaxDelayMs: 5 });
    expect(throttled.map((c) => c.cause)).toEqual(['throttled', 'throttled', 'throttled', 'throttled']);
    expect(throttled[0]?.message).toContain('scan again in a minute');
    const silent = await scanWith({ latencyMs: 3000 }, { callTimeoutMs: 200, stsAnswerTimeoutMs: 200, ec2AnswerTimeoutMs: 200, maxAttempts: 1, maxUnansweredAttempts: 1 });
    expect(silent.map((c) => c.cause)).toEqual(['unanswered', 'unanswered', 'unanswered', 'unanswered']);
    expect(silent[0]?.message).toContain('did not answer');
    // The session's AssumeRole went unanswered, not a describe call.
    expect(silent[0]?.message).toContain('sts:AssumeRole');
    expect(silent[0]?.message).not.toContain('ec2:');
  });

  it('opens a new session before one runs out, so a long scan goes on', async () => {
    // Sessions that last a minute are within the refresh margin at once: each use opens a new one.
    sb.server.setFaults({ maxSessionDurationMs: 60_000 });
    sb.server.resetStats();
    try {
      const r = await runDiscovery({ organization: { profile: 'sandbox-network', regions: ['us-east-1'], allowOrganizationAccountAccessRole: true } }, { env, homeDir: home, now, limits: { scanThreads } });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.coverage.filter((c) => c.region === 'us-east-1').map((c) => c.state)).toEqual(['complete', 'complete', 'complete', 'complete']);
      // Four cells; refused attempts of PeerscapeReadOnly in dev included, far more sessions than cells.
      expect(sb.server.stats().byAction['sts:AssumeRole']).toBeGreaterThan(8);
    } finally {
      sb.server.setFaults({});
    }
  });

  it("keeps an earlier scan's data for a cell that now fails, marked with its age and the failure", async () => {
    const before = await runDiscovery(
      { organization: { profile: 'sandbox-network', regions: ['us-east-1'], allowOrganizationAccountAccessRole: true } },
      { env, homeDir: home, now: () => new Date('2026-12-07T10:00:00Z'), limits: { scanThreads } },
    );
    if (!before.ok) throw new Error(before.error.message);
    const devVpcs = before.value.topology.vpcs.filter((v) => v.accountId === DEV);
    expect(devVpcs.length).toBeGreaterThan(0);
    // Without the fallback the dev account cannot be entered: per region, and with no region listed at all.
    for (const regions of [['us-east-1'], undefined]) {
      const after = await runDiscovery({ organization: { profile: 'sandbox-network', ...(regions ? { regions } : {}) } }, { env, homeDir: home, now, limits: { scanThreads } });
      if (!after.ok) throw new Error(after.error.message);
      expect(after.value.topology.vpcs.filter((v) => v.accountId === DEV)).toEqual([]);
      const merged = keepEarlierData(before.value, after.value);
      expect(merged.topology.vpcs.filter((v) => v.accountId === DEV)).toEqual(devVpcs);
      expect(cellsOf(merged, DEV)['us-east-1']).toMatchObject({
        state: 'failed',
        cause: 'role-missing',
        keptFrom: '2026-12-07T10:00:00.000Z',
        counts: cellsOf(before.value, DEV)['us-east-1']?.counts,
      });
      expect(merged.takenAt).toBe(after.value.takenAt);
      // Kept again by the next failing scan, the data keeps its original age.
      expect(cellsOf(keepEarlierData(merged, after.value), DEV)['us-east-1']?.keptFrom).toBe('2026-12-07T10:00:00.000Z');
    }
  });
});

describe('an organisation scan of a generated organisation', () => {
  let sb: SandboxHandle;
  let env: Record<string, string>;
  let home: string;

  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'generated:accounts=45,regions=2,vpcs=1,ous=9,suspended=2,seed=3' });
    home = mkdtempSync(join(tmpdir(), 'peerscape-org-gen-'));
    const files = await sb.writeAwsFiles(join(home, '.aws'));
    env = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile };
  });
  afterAll(async () => {
    await sb?.stop();
  });

  it('pages through every account (empty pages included), skips the suspended ones and scans each enabled region', async () => {
    const management = sb.accounts[0]!;
    const r = await runDiscovery({ organization: { profile: management.profile } }, { env, homeDir: home, now: () => new Date() });
    if (!r.ok) throw new Error(r.error.message);
    const s = r.value;
    expect(s.organization?.accounts).toHaveLength(47);
    expect(s.organization?.units).toHaveLength(10);
    expect(s.organization?.accounts.filter((a) => a.status === 'SUSPENDED')).toHaveLength(2);
    expect(new Set(s.coverage.map((c) => c.accountId)).size).toBe(45);
    expect(s.coverage.filter((c) => c.state !== 'complete')).toEqual([]);
    // Every account listed its own regions, and each VPC of the estate was found.
    expect(s.coverage.filter((c) => c.region === '*').every((c) => (c.counts?.regions ?? 0) >= 2)).toBe(true);
    expect(s.topology.vpcs).toHaveLength(90);
    expect(s.topology.accounts.every((a) => a.name)).toBe(true);
  });
});
