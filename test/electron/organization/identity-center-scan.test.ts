/** Organisation scans from an IAM Identity Center sign-in, against the sandbox's portal through the
 * real SDK: a member's sign-in has no Organizations rights, so the portal's accounts are scanned
 * with GetRoleCredentials; the management account's sign-in assumes roles with chained
 * (one-hour) sessions; an expired sign-in names the `aws sso login` to run. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { writeSsoSignIn } from '@peerscape/sandbox-cloud';
import { startSandbox, type SandboxHandle } from '@peerscape/sandbox-cloud/testing';
import { runDiscovery } from '../../../electron/discovery/run-discovery';
import { closeSharedScanPools } from '../../../electron/discovery/scan-pool';
import { sessionDuration } from '../../../electron/organization/role-sessions';
import { readOrganizationRoster } from '../../../electron/organization/run-organization';

const NET = '111122223333';

// The same scans on the calling thread and on a scan thread: the causes and fixes must not differ.
describe.each([0, 1])('an organisation scan from an Identity Center sign-in (%i scan threads)', (scanThreads) => {
  let sb: SandboxHandle;
  let home: string;
  let env: Record<string, string>;
  const savedHome = process.env.HOME;
  const now = () => new Date();

  beforeAll(async () => {
    sb = await startSandbox({ scenario: 'demo' });
    home = mkdtempSync(join(tmpdir(), 'peerscape-sso-org-'));
    const files = await sb.server.writeSsoSignIn(home);
    env = { AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials') };
  });
  // The SDK's SSO providers read the token cache under $HOME/.aws/sso/cache.
  beforeEach(() => {
    process.env.HOME = home;
  });
  afterEach(() => {
    process.env.HOME = savedHome;
  });
  afterAll(async () => {
    await closeSharedScanPools();
    await sb?.stop();
  });

  it("lists the portal's accounts and roles when the sign-in may not list the organisation", async () => {
    const r = await readOrganizationRoster('sso-sandbox-prod-ReadOnlyAccess', { env, homeDir: home, now });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.source).toBe('identity-center');
    expect(r.value.accounts).toHaveLength(4);
    expect(r.value.accounts.find((a) => a.id === NET)).toMatchObject({ name: 'Network', roles: ['AdministratorAccess', 'ReadOnlyAccess'] });
  });

  it('scans each portal account with GetRoleCredentials of the chosen permission set', async () => {
    const threads = new Set<number>();
    const r = await runDiscovery(
      { organization: { profile: 'sso-sandbox-prod-ReadOnlyAccess', regions: ['us-east-1'] } },
      { env, homeDir: home, now, limits: { scanThreads }, onCellScanned: (c) => threads.add(c.threadId) },
    );
    if (!r.ok) throw new Error(r.error.message);
    // On a scan thread, the thread read the SSO token and opened the sessions itself.
    expect(threads.has(threadId)).toBe(scanThreads === 0);
    expect(r.value.coverage.filter((c) => c.region === 'us-east-1').map((c) => [c.profile, c.state]).sort()).toEqual(
      ['111122223333', '246813579024', '444455556666', '777788889999'].map((id) => [`ReadOnlyAccess@${id}`, 'complete']),
    );
    // A permission set the user lacks in an account fails only that account's cells.
    const admin = await runDiscovery({ organization: { profile: 'sso-sandbox-prod-ReadOnlyAccess', roleName: 'AdministratorAccess', regions: ['us-east-1'] } }, { env, homeDir: home, now, limits: { scanThreads } });
    if (!admin.ok) throw new Error(admin.error.message);
    const failed = admin.value.coverage.filter((c) => c.state === 'failed' && c.region === 'us-east-1');
    expect(failed).toHaveLength(3);
    expect(failed[0]).toMatchObject({ cause: 'role-missing', message: expect.stringContaining('permission set AdministratorAccess') });
  });

  it("assumes roles from the management account's SSO sign-in with chained, one-hour sessions", async () => {
    // SSO credentials are a role session: asking more than an hour would be refused as role chaining.
    const r = await runDiscovery({ organization: { profile: 'sso-sandbox-network-ReadOnlyAccess', regions: ['us-east-1'] } }, { env, homeDir: home, now, limits: { scanThreads } });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.organization?.source).toBe('organizations');
    expect(r.value.coverage.filter((c) => c.region === 'us-east-1' && c.state === 'complete')).toHaveLength(4);
    expect(sessionDuration({ durationSeconds: 43_200, chained: true })).toBe(3600);
    expect(sessionDuration({ durationSeconds: 43_200, chained: false })).toBe(43_200);
    expect(sessionDuration({ durationSeconds: 60, chained: false })).toBe(900);
  });

  it('a sign-in that expires during the scan fails the cells with the aws sso login to run', async () => {
    let armed = false;
    try {
      const r = await runDiscovery(
        { organization: { profile: 'sso-sandbox-network-ReadOnlyAccess', regions: ['us-east-1'] } },
        {
          env,
          homeDir: home,
          now,
          limits: { progressIntervalMs: 0, scanThreads },
          onProgress: () => {
            // The roster was read; from now on the sign-in's credentials are expired.
            if (!armed) sb.server.setFaults({ expireCredentials: { atMs: 0, accounts: [NET] } });
            armed = true;
          },
        },
      );
      if (!r.ok) throw new Error(r.error.message);
      const cells = r.value.coverage.filter((c) => c.region === 'us-east-1');
      expect(cells.map((c) => c.cause)).toEqual(['session-expired', 'session-expired', 'session-expired', 'session-expired']);
      expect(cells[0]?.message).toContain('`aws sso login --sso-session sandbox`');
    } finally {
      sb.server.setFaults({});
    }
  });

  it('an expired sign-in names the aws sso login to run', async () => {
    const expiredHome = mkdtempSync(join(tmpdir(), 'peerscape-sso-expired-'));
    const files = await writeSsoSignIn(expiredHome, sb.endpoint, {
      sessionName: 'corp',
      startUrl: 'https://sandbox.awsapps.com/start',
      ssoRegion: 'us-east-1',
      accessToken: 'sandbox-sso-token-network-engineer',
      expiresAt: new Date(Date.now() - 60_000),
      profiles: [{ profile: 'org', accountId: NET, roleName: 'ReadOnlyAccess', region: 'us-east-1' }],
    });
    process.env.HOME = expiredHome;
    const r = await runDiscovery({ organization: { profile: 'org' } }, { env: { AWS_CONFIG_FILE: files.configFile }, homeDir: expiredHome, now });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('aws sso login --profile org');
  });
});
