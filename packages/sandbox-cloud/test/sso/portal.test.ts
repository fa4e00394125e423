/** The IAM Identity Center portal through the real SDK: a sign-in written as `aws sso login`
 * leaves it, read by the JS SDK's fromSSO and fromIni providers; the role credentials act as the
 * permission set's role session (so AssumeRole from them is role chaining); an expired sign-in is
 * refused; the portal's pages and errors on the wire. */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromIni, fromSSO } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_SSO_ACCESS_TOKEN } from '../../src/scenarios/demo-roles';
import { ssoRoleName } from '../../src/sso/records';
import { startSandbox, type SandboxHandle } from '../../src/testing/start-sandbox';
import { awsError } from '../clients';

const NET = '111122223333';
const PROD = '444455556666';

let sb: SandboxHandle;
let now = Date.now();
let home: string;
const savedHome = process.env.HOME;

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', clock: () => now });
  home = await mkdtemp(join(tmpdir(), 'sandbox-sso-home-'));
  await sb.server.writeSsoSignIn(home);
  // The SDK finds ~/.aws/config and the token cache through HOME.
  process.env.HOME = home;
});
afterAll(async () => {
  process.env.HOME = savedHome;
  await sb.stop();
});

/** A raw portal call; `token: null` sends no token header. */
const portal = (path: string, token: string | null = DEMO_SSO_ACCESS_TOKEN, method = 'GET') =>
  fetch(`${sb.endpoint}${path}`, { method, headers: token === null ? {} : { 'x-amz-sso_bearer_token': token } });

describe('an Identity Center sign-in', () => {
  it('is written as the AWS CLI leaves it: an sso-session, a profile per assignment and the token cache', async () => {
    const config = await readFile(join(home, '.aws', 'config'), 'utf8');
    expect(config).toContain('[sso-session sandbox]\nsso_start_url = https://sandbox.awsapps.com/start\nsso_region = us-east-1\n');
    expect(config).toContain(`[profile sso-sandbox-prod-ReadOnlyAccess]\nsso_session = sandbox\nsso_account_id = ${PROD}\nsso_role_name = ReadOnlyAccess\n`);
    // The cache file is named by the SHA-1 of the session name.
    const cacheName = `${createHash('sha1').update('sandbox').digest('hex')}.json`;
    const cache = JSON.parse(await readFile(join(home, '.aws', 'sso', 'cache', cacheName), 'utf8')) as Record<string, string>;
    expect(cache).toMatchObject({ accessToken: DEMO_SSO_ACCESS_TOKEN, region: 'us-east-1', startUrl: 'https://sandbox.awsapps.com/start' });
    expect(Date.parse(cache.expiresAt as string)).toBe(Math.floor((now + 8 * 3600_000) / 1000) * 1000);
  });

  it("gives fromSSO credentials that act as the permission set's role session in the account", async () => {
    const credentials = fromSSO({ profile: 'sso-sandbox-prod-ReadOnlyAccess', clientConfig: { endpoint: sb.endpoint } });
    const who = await new STSClient({ endpoint: sb.endpoint, region: 'us-east-1', credentials }).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: PROD, Arn: `arn:aws:sts::${PROD}:assumed-role/${ssoRoleName(PROD, 'ReadOnlyAccess')}/network-engineer` });
    expect(ssoRoleName(PROD, 'ReadOnlyAccess')).toMatch(/^AWSReservedSSO_ReadOnlyAccess_[0-9a-f]{16}$/);
    const c = await credentials();
    expect(c.expiration?.getTime()).toBe(now + 8 * 3600_000);
    const vpcs = await new EC2Client({ endpoint: sb.endpoint, region: 'us-east-1', credentials }).send(new DescribeVpcsCommand({}));
    expect(vpcs.Vpcs?.length).toBeGreaterThan(0);
    expect(new Set(vpcs.Vpcs?.map((v) => v.OwnerId))).toEqual(new Set([PROD]));
  });

  it('works through fromIni too, and AssumeRole from its keys is role chaining', async () => {
    const credentials = fromIni({ profile: 'sso-sandbox-network-AdministratorAccess', clientConfig: { endpoint: sb.endpoint } });
    const s = new STSClient({ endpoint: sb.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    expect((await s.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:sts::${NET}:assumed-role/${ssoRoleName(NET, 'AdministratorAccess')}/network-engineer`);
    const arn = `arn:aws:iam::${PROD}:role/PeerscapeReadOnly`;
    const chained = await awsError(s.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'scan', DurationSeconds: 7200 })));
    expect(chained).toMatchObject({ code: 'ValidationError', message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' });
    const ok = await s.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'scan' }));
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${PROD}:assumed-role/PeerscapeReadOnly/scan`);
  });

  it('refuses a role the user is not assigned in the account', async () => {
    const res = await portal(`/federation/credentials?account_id=${PROD}&role_name=AdministratorAccess`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    expect(await res.json()).toEqual({ message: 'No access' });
  });
});

describe('the portal API', () => {
  it('pages ListAccounts and ListAccountRoles with max_result and next_token', async () => {
    const first = (await (await portal('/assignment/accounts?max_result=3')).json()) as { accountList: { accountId: string; accountName: string; emailAddress: string }[]; nextToken?: string };
    expect(first.accountList.map((a) => a.accountName)).toEqual(['Network', 'Production', 'Development']);
    expect(first.accountList[0]).toEqual({ accountId: NET, accountName: 'Network', emailAddress: 'sandbox-network@example.com' });
    expect(first.nextToken).toBeTruthy();
    const second = (await (await portal(`/assignment/accounts?max_result=3&next_token=${first.nextToken as string}`)).json()) as { accountList: { accountName: string }[]; nextToken?: string };
    expect(second).toEqual({ accountList: [expect.objectContaining({ accountName: 'Data' })] });
    const roles = (await (await portal(`/assignment/roles?account_id=${NET}&max_result=1`)).json()) as { roleList: unknown[]; nextToken?: string };
    expect(roles.roleList).toEqual([{ roleName: 'ReadOnlyAccess', accountId: NET }]);
    const rest = await (await portal(`/assignment/roles?account_id=${NET}&next_token=${roles.nextToken as string}`)).json();
    expect(rest).toEqual({ roleList: [{ roleName: 'AdministratorAccess', accountId: NET }] });
    const bad = await portal('/assignment/accounts?max_result=0');
    expect([bad.status, bad.headers.get('x-amzn-errortype')]).toEqual([400, 'InvalidRequestException']);
  });

  it('answers UnauthorizedException for a missing or unknown token', async () => {
    for (const token of [null, 'not-a-token']) {
      const res = await portal('/assignment/accounts', token);
      expect(res.status).toBe(401);
      expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
      expect(await res.json()).toEqual({ message: 'Session token not found or invalid' });
    }
  });

  it('refuses the sign-in once it expired: fromSSO fails with the portal\'s UnauthorizedException', async () => {
    // The sandbox's clock passes the token's expiry while the SDK's (the real one) has not.
    now += 8 * 3600_000 + 1000;
    try {
      const e = await awsError(fromSSO({ profile: 'sso-sandbox-dev-ReadOnlyAccess', clientConfig: { endpoint: sb.endpoint } })());
      expect(e).toMatchObject({ code: 'CredentialsProviderError', message: 'UnauthorizedException: Session token not found or invalid' });
    } finally {
      now -= 8 * 3600_000 + 1000;
    }
  });

  it('keeps the sign-in and its assignments in the saved state', async () => {
    sb.server.importState(JSON.parse(JSON.stringify(sb.server.exportState())) as ReturnType<typeof sb.server.exportState>);
    const res = await portal(`/federation/credentials?account_id=${PROD}&role_name=ReadOnlyAccess`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { roleCredentials: { accessKeyId: string } }).roleCredentials.accessKeyId).toMatch(/^ASIA/);
  });

  it('ends the sign-in on Logout', async () => {
    expect((await portal('/logout', DEMO_SSO_ACCESS_TOKEN, 'POST')).status).toBe(200);
    expect((await portal('/assignment/accounts')).status).toBe(401);
  });
});
