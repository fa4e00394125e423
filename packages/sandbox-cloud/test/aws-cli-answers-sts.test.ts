/** STS refusals, policy denies and the SSO portal read by Debian's AWS CLI 2.9 (/usr/bin/aws),
 * whose botocore parses the answers on its own: AssumeRole into a missing role, role chaining
 * over an hour, STS deactivated in a region, an SCP deny next to a missing permission, and the
 * portal's ListAccounts, pages and expired token. (An assume-role profile is not tried here: this
 * CLI sends its inner AssumeRole to AWS's own endpoint whatever the command's --endpoint-url.) */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../src/testing/start-sandbox';
import { sts } from './clients';

const run = promisify(execFile);
const AWS2 = '/usr/bin/aws';
const NET = '111111111111';
const APP = '222222222222';
const TOKEN = 'cli-test-access-token';

let sb: SandboxHandle;
let env: NodeJS.ProcessEnv;
let now = Date.now();

beforeAll(async () => {
  sb = await startSandbox({
    clock: () => now,
    scenario: {
      name: 'cli-sts',
      defaultVpcs: 'none',
      accounts: [
        { id: NET, profile: 'network', userName: 'ops' },
        { id: APP, profile: 'app', stsDisabledRegions: ['eu-west-1'], roles: [{ name: 'PeerscapeReadOnly', trust: ['network', 'app'], maxSessionDuration: 43200 }] },
      ],
      sso: {
        permissionSets: [{ name: 'ReadOnlyAccess' }],
        users: [
          {
            userName: 'jane',
            accessToken: TOKEN,
            assignments: [
              { account: 'network', permissionSets: ['ReadOnlyAccess'], accountName: 'Network' },
              { account: 'app', permissionSets: ['ReadOnlyAccess'], accountName: 'App' },
            ],
          },
        ],
      },
    },
  });
  const dir = await mkdtemp(join(tmpdir(), 'sandbox-cli-sts-'));
  const files = await sb.writeAwsFiles(dir);
  env = { ...process.env, AWS_CONFIG_FILE: files.configFile, AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile, AWS_PAGER: '' };
});
afterEach(() => sb.server.setFaults({}));
afterAll(async () => sb?.stop());

/** Runs `aws <args>` against the sandbox: the parsed JSON, or the error text. */
async function aws(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<{ out?: Record<string, unknown>; err?: string }> {
  const argv = [...args, '--endpoint-url', sb.endpoint, '--output', 'json'];
  try {
    const merged = Object.fromEntries(Object.entries({ ...env, ...extraEnv }).filter(([, v]) => v !== undefined));
    const { stdout } = await run(AWS2, argv, { env: merged });
    return { out: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {} };
  } catch (e) {
    return { err: (e as { stderr: string }).stderr.trim() };
  }
}

const as = (profile: string, region = 'us-east-1') => ['--profile', profile, '--region', region];

describe.skipIf(!existsSync(AWS2) && !process.env.CI)('Debian AWS CLI 2.9: STS, policy denies and the SSO portal', () => {
  it('reads AssumeRole refusals in AWS words', async () => {
    const missing = await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${APP}:role/Missing`, '--role-session-name', 'cli', ...as('network')]);
    expect(missing.err).toBe(
      `An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::${NET}:user/ops is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${APP}:role/Missing`,
    );
    const disabled = await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${APP}:role/PeerscapeReadOnly`, '--role-session-name', 'cli', ...as('network', 'eu-west-1')]);
    expect(disabled.err).toBe(
      `An error occurred (RegionDisabledException) when calling the AssumeRole operation: STS is not activated in this region for account:${APP}. Your account administrator can activate STS in this region using the IAM Console.`,
    );
    // Role chaining: the CLI signs with a role session's keys and asks for two hours.
    const first = await sts(sb, 'network').send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${APP}:role/PeerscapeReadOnly`, RoleSessionName: 'first' }));
    const c = first.Credentials;
    const chained = await aws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${APP}:role/PeerscapeReadOnly`, '--role-session-name', 'second', '--duration-seconds', '7200', '--region', 'us-east-1'], {
      AWS_ACCESS_KEY_ID: c?.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: c?.SecretAccessKey,
      AWS_SESSION_TOKEN: c?.SessionToken,
      AWS_PROFILE: undefined,
    });
    expect(chained.err).toBe('An error occurred (ValidationError) when calling the AssumeRole operation: The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  });

  it('tells an SCP deny from a missing permission', async () => {
    sb.server.setFaults({ denyActions: [{ action: 'ec2:*', kind: 'scp', accountId: APP, region: 'eu-west-1' }, { action: 'DescribeSubnets', kind: 'identity', accountId: APP }] });
    const scp = await aws(['ec2', 'describe-vpcs', ...as('app', 'eu-west-1')]);
    expect(scp.err).toBe(
      `An error occurred (UnauthorizedOperation) when calling the DescribeVpcs operation: You are not authorized to perform this operation. User: arn:aws:iam::${APP}:user/sandbox-admin is not authorized to perform: ec2:DescribeVpcs with an explicit deny in a service control policy`,
    );
    const identity = await aws(['ec2', 'describe-subnets', ...as('app')]);
    expect(identity.err).toBe(
      `An error occurred (UnauthorizedOperation) when calling the DescribeSubnets operation: You are not authorized to perform this operation. User: arn:aws:iam::${APP}:user/sandbox-admin is not authorized to perform: ec2:DescribeSubnets because no identity-based policy allows the ec2:DescribeSubnets action`,
    );
    expect((await aws(['ec2', 'describe-vpcs', ...as('app')])).out).toEqual({ Vpcs: [] });
  });

  it('lists the accounts and roles of a sign-in, page by page, gets role credentials, and refuses an expired token', async () => {
    const sso = (args: string[]) => aws(['sso', ...args, '--region', 'us-east-1', '--access-token', TOKEN]);
    expect((await sso(['list-accounts'])).out).toEqual({
      accountList: [
        { accountId: NET, accountName: 'Network', emailAddress: 'network@example.com' },
        { accountId: APP, accountName: 'App', emailAddress: 'app@example.com' },
      ],
    });
    const page = await sso(['list-accounts', '--max-results', '1', '--no-paginate']);
    expect((page.out?.accountList as unknown[]).length).toBe(1);
    expect(page.out?.nextToken).toBeTruthy();
    expect((await sso(['list-account-roles', '--account-id', APP])).out).toEqual({ roleList: [{ roleName: 'ReadOnlyAccess', accountId: APP }] });
    const creds = (await sso(['get-role-credentials', '--account-id', APP, '--role-name', 'ReadOnlyAccess'])).out?.roleCredentials as Record<string, unknown>;
    expect(creds).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), expiration: now + 3600_000 });
    now += 8 * 3600_000 + 1;
    try {
      expect((await sso(['list-accounts'])).err).toBe('An error occurred (UnauthorizedException) when calling the ListAccounts operation: Session token not found or invalid');
    } finally {
      now -= 8 * 3600_000 + 1;
    }
  });
});
