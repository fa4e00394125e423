/** AssumeRole as AWS refuses it, through the real SDK: a role that is missing or does not trust
 * the caller, a wrong or missing ExternalId, a duration over the role's MaxSessionDuration or over
 * the hour of role chaining, STS deactivated in the signing region, and policy denies that say
 * whether a service control policy or a missing permission refused the call. */
import { DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetResourceSharesCommand, RAMClient } from '@aws-sdk/client-ram';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../src/testing/start-sandbox';
import { awsError, ec2, ram, sts } from '../clients';

const MGMT = '111111111111';
const MEMBER = '222222222222';
const THIRD = '333333333333';

let sb: SandboxHandle;
const now = Date.now();

beforeAll(async () => {
  sb = await startSandbox({
    clock: () => now,
    scenario: {
      name: 'assume-role-tests',
      defaultVpcs: 'none',
      accounts: [
        { id: MGMT, profile: 'mgmt', userName: 'ops', optInRegions: ['eu-south-1'] },
        {
          id: MEMBER,
          profile: 'member',
          stsDisabledRegions: ['eu-west-1'],
          roles: [
            { name: 'PeerscapeReadOnly', trust: ['mgmt'], maxSessionDuration: 7200 },
            { name: 'Vendor', trust: [`arn:aws:iam::${MGMT}:user/ops`], externalId: 'vendor-ext-42' },
            { name: 'Next', trust: [`arn:aws:iam::${MEMBER}:role/PeerscapeReadOnly`], maxSessionDuration: 43200 },
            { name: 'Pathed', path: '/team/net/', trust: [MGMT] },
          ],
        },
        { id: THIRD, profile: 'third', roles: [{ name: 'PeerscapeReadOnly', trust: ['member'] }] },
      ],
      denyActions: [
        { action: '*', kind: 'scp', account: 'member', region: 'ap-southeast-2' },
        { action: 'ec2:DescribeSubnets', kind: 'identity', account: 'member' },
      ],
    },
  });
});
afterEach(() => sb.server.setFaults({}));
afterAll(async () => sb.stop());

const roleArn = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

function assume(input: Partial<AssumeRoleCommandInput> & { RoleArn: string }, client: STSClient = sts(sb, 'mgmt')) {
  return client.send(new AssumeRoleCommand({ RoleSessionName: 'peerscape', ...input }));
}

function credsOf(out: Awaited<ReturnType<typeof assume>>) {
  const c = out.Credentials;
  return { accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string };
}

const stsAs = (creds: ReturnType<typeof credsOf>, region = 'us-east-1') => new STSClient({ endpoint: sb.endpoint, region, credentials: creds, maxAttempts: 1 });
const ec2As = (creds: ReturnType<typeof credsOf>, region = 'us-east-1') => new EC2Client({ endpoint: sb.endpoint, region, credentials: creds, maxAttempts: 1 });

const notAuthorized = (caller: string, arn: string) => `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${arn}`;
const OPS = `arn:aws:iam::${MGMT}:user/ops`;

describe('which roles AssumeRole enters', () => {
  it('enters a role whose trust policy names the caller account, and its keys act in the role account', async () => {
    const out = await assume({ RoleArn: roleArn(MEMBER, 'PeerscapeReadOnly'), DurationSeconds: 7200 });
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/PeerscapeReadOnly/peerscape`);
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{16}:peerscape$/);
    expect(out.Credentials?.Expiration?.getTime()).toBe(now + 7200_000);
    expect((await stsAs(credsOf(out)).send(new GetCallerIdentityCommand({}))).Account).toBe(MEMBER);
  });

  it('refuses a role the account does not have, and one whose trust policy does not name the caller, in the same words', async () => {
    const missing = await awsError(assume({ RoleArn: roleArn(MEMBER, 'NoSuchRole') }));
    expect(missing).toMatchObject({ code: 'AccessDenied', status: 403, message: notAuthorized(OPS, roleArn(MEMBER, 'NoSuchRole')) });
    const untrusted = await awsError(assume({ RoleArn: roleArn(THIRD, 'PeerscapeReadOnly') }));
    expect(untrusted).toMatchObject({ code: 'AccessDenied', status: 403, message: notAuthorized(OPS, roleArn(THIRD, 'PeerscapeReadOnly')) });
    // An account the sandbox does not know has no roles either.
    expect((await awsError(assume({ RoleArn: roleArn('999999999999', 'PeerscapeReadOnly') }))).code).toBe('AccessDenied');
  });

  it('matches the role path: the role is found only under its own path', async () => {
    const ok = await assume({ RoleArn: `arn:aws:iam::${MEMBER}:role/team/net/Pathed` });
    expect(ok.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/Pathed/peerscape`);
    expect((await awsError(assume({ RoleArn: roleArn(MEMBER, 'Pathed') }))).code).toBe('AccessDenied');
  });

  it('requires the ExternalId the trust policy names: missing or wrong is AccessDenied, malformed is ValidationError', async () => {
    const arn = roleArn(MEMBER, 'Vendor');
    expect(await awsError(assume({ RoleArn: arn }))).toMatchObject({ code: 'AccessDenied', message: notAuthorized(OPS, arn) });
    expect(await awsError(assume({ RoleArn: arn, ExternalId: 'vendor-ext-43' }))).toMatchObject({ code: 'AccessDenied', message: notAuthorized(OPS, arn) });
    const short = await awsError(assume({ RoleArn: arn, ExternalId: 'x' }));
    expect(short).toMatchObject({ code: 'ValidationError', status: 400 });
    expect(short.message).toContain("at 'externalId' failed to satisfy constraint: Member must have length between 2 and 1224");
    expect((await awsError(assume({ RoleArn: arn, ExternalId: 'a'.repeat(1225) }))).code).toBe('ValidationError');
    expect((await assume({ RoleArn: arn, ExternalId: 'vendor-ext-42' })).AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/Vendor/peerscape`);
    // The trust names the user ops, not the account: a role session of the same account is not trusted.
    const session = credsOf(await assume({ RoleArn: roleArn(MEMBER, 'PeerscapeReadOnly') }));
    expect((await awsError(assume({ RoleArn: arn, ExternalId: 'vendor-ext-42' }, stsAs(session)))).code).toBe('AccessDenied');
  });

  it("refuses a duration over the role's MaxSessionDuration", async () => {
    const e = await awsError(assume({ RoleArn: roleArn(MEMBER, 'PeerscapeReadOnly'), DurationSeconds: 7201 }));
    expect(e).toMatchObject({ code: 'ValidationError', status: 400, message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
    const byDefault = await awsError(assume({ RoleArn: `arn:aws:iam::${MEMBER}:role/team/net/Pathed`, DurationSeconds: 3601 }));
    expect(byDefault.message).toBe('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  });

  it('limits role chaining to one hour: a role session asking for more is refused, one hour or the default is not', async () => {
    const first = credsOf(await assume({ RoleArn: roleArn(MEMBER, 'PeerscapeReadOnly') }));
    const chained = stsAs(first);
    const e = await awsError(assume({ RoleArn: roleArn(MEMBER, 'Next'), DurationSeconds: 3601 }, chained));
    expect(e).toMatchObject({ code: 'ValidationError', status: 400, message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' });
    const hour = await assume({ RoleArn: roleArn(MEMBER, 'Next'), DurationSeconds: 3600 }, chained);
    expect(hour.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/Next/peerscape`);
    expect(hour.Credentials?.Expiration?.getTime()).toBe(now + 3600_000);
    // The trust names the role PeerscapeReadOnly: its session is trusted, the account's user is not.
    expect((await awsError(assume({ RoleArn: roleArn(MEMBER, 'Next') }))).code).toBe('AccessDenied');
    // A session into another account's role that trusts the session's account.
    const third = await assume({ RoleArn: roleArn(THIRD, 'PeerscapeReadOnly') }, chained);
    expect(third.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${THIRD}:assumed-role/PeerscapeReadOnly/peerscape`);
  });
});

describe('STS per region', () => {
  it('answers from the signing region; a region where the role account deactivated STS answers RegionDisabledException', async () => {
    const arn = roleArn(MEMBER, 'PeerscapeReadOnly');
    const e = await awsError(assume({ RoleArn: arn }, sts(sb, 'mgmt', 'eu-west-1')));
    expect(e).toMatchObject({
      code: 'RegionDisabledException',
      status: 403,
      message: `STS is not activated in this region for account:${MEMBER}. Your account administrator can activate STS in this region using the IAM Console.`,
    });
    expect((await assume({ RoleArn: arn }, sts(sb, 'mgmt', 'eu-central-1'))).AssumedRoleUser?.Arn).toContain(MEMBER);
    // The caller's own account has STS active in eu-west-1: a role of another account there is fine.
    const member = credsOf(await assume({ RoleArn: arn }));
    expect((await assume({ RoleArn: roleArn(THIRD, 'PeerscapeReadOnly') }, stsAs(member, 'eu-west-1'))).AssumedRoleUser?.Arn).toContain(THIRD);
  });

  it('does not know the credentials in an opt-in region the account has not enabled', async () => {
    expect(await awsError(sts(sb, 'member', 'eu-south-1').send(new GetCallerIdentityCommand({})))).toMatchObject({ code: 'InvalidClientTokenId', status: 403 });
    expect((await sts(sb, 'mgmt', 'eu-south-1').send(new GetCallerIdentityCommand({}))).Account).toBe(MGMT);
  });
});

describe('policy denies', () => {
  const session = async () => credsOf(await assume({ RoleArn: roleArn(MEMBER, 'PeerscapeReadOnly') }));
  const sessionArn = `arn:aws:sts::${MEMBER}:assumed-role/PeerscapeReadOnly/peerscape`;

  it('an SCP that denies a region refuses every EC2 call there with an explicit deny in a service control policy', async () => {
    const creds = await session();
    const e = await awsError(ec2As(creds, 'ap-southeast-2').send(new DescribeVpcsCommand({})));
    expect(e).toMatchObject({
      code: 'UnauthorizedOperation',
      status: 403,
      message: `You are not authorized to perform this operation. User: ${sessionArn} is not authorized to perform: ec2:DescribeVpcs with an explicit deny in a service control policy`,
    });
    await ec2As(creds, 'us-east-1').send(new DescribeVpcsCommand({}));
    // The SCP binds the member account only.
    await ec2(sb, 'mgmt', 'ap-southeast-2').send(new DescribeVpcsCommand({}));
  });

  it('a missing permission says no identity-based policy allows the action', async () => {
    const e = await awsError(ec2As(await session()).send(new DescribeSubnetsCommand({})));
    expect(e).toMatchObject({
      code: 'UnauthorizedOperation',
      status: 403,
      message: `You are not authorized to perform this operation. User: ${sessionArn} is not authorized to perform: ec2:DescribeSubnets because no identity-based policy allows the ec2:DescribeSubnets action`,
    });
  });

  it('denies sts:AssumeRole and RAM actions in their services words, from faults as from the scenario', async () => {
    sb.server.setFaults({ denyActions: [{ action: 'sts:AssumeRole', kind: 'scp', accountId: MGMT }, { action: 'ram:*', accountId: MGMT }] });
    const arn = roleArn(MEMBER, 'PeerscapeReadOnly');
    expect(await awsError(assume({ RoleArn: arn }))).toMatchObject({
      code: 'AccessDenied',
      status: 403,
      message: `${notAuthorized(OPS, arn)} with an explicit deny in a service control policy`,
    });
    expect(await awsError(ram(sb, 'mgmt').send(new GetResourceSharesCommand({ resourceOwner: 'SELF' })))).toMatchObject({
      code: 'AccessDeniedException',
      status: 403,
      message: `User: ${OPS} is not authorized to perform: ram:GetResourceShares because no identity-based policy allows the ram:GetResourceShares action`,
    });
    // GetCallerIdentity needs no permission and cannot be denied.
    expect((await sts(sb, 'mgmt').send(new GetCallerIdentityCommand({}))).Account).toBe(MGMT);
    sb.server.setFaults({ denyActions: [{ action: 'DescribeVpcs', accountId: MGMT }, { action: 'DescribeVpcs', kind: 'scp', accountId: MGMT, region: 'us-east-1' }] });
    // An explicit deny wins over a missing permission.
    expect((await awsError(ec2(sb, 'mgmt').send(new DescribeVpcsCommand({})))).message).toMatch(/with an explicit deny in a service control policy$/);
    expect((await awsError(ec2(sb, 'mgmt', 'eu-west-1').send(new DescribeVpcsCommand({})))).message).toMatch(/because no identity-based policy allows the ec2:DescribeVpcs action$/);
    expect((await new RAMClient({ endpoint: sb.endpoint, region: 'us-east-1', credentials: await session(), maxAttempts: 1 }).send(new GetResourceSharesCommand({ resourceOwner: 'SELF' }))).resourceShares).toEqual([]);
  });

  it('says what to fix in a bad deny', () => {
    expect(() => sb.server.setFaults({ denyActions: [{ action: 'describe vpcs' }] })).toThrow(/denyActions action "describe vpcs" is not an action name/);
    expect(() => sb.server.setFaults({ denyActions: [{ action: 'ec2:*', kind: 'explicit' as 'scp' }] })).toThrow(/kind must be scp or identity/);
  });
});

describe('STS throttling', () => {
  it('throttles STS per calling account and region, in one bucket for every STS action', async () => {
    sb.server.setFaults({ throttle: { mode: 'bucket', sts: { burst: 2, refillPerSecond: 0 } } });
    const east = sts(sb, 'mgmt', 'us-east-1');
    await assume({ RoleArn: roleArn(MEMBER, 'PeerscapeReadOnly') }, east);
    await east.send(new GetCallerIdentityCommand({}));
    expect(await awsError(assume({ RoleArn: roleArn(MEMBER, 'PeerscapeReadOnly') }, east))).toMatchObject({ code: 'Throttling', status: 400, message: 'Rate exceeded' });
    // Another region's endpoint has its own bucket, and so has another calling account.
    await assume({ RoleArn: roleArn(MEMBER, 'PeerscapeReadOnly') }, sts(sb, 'mgmt', 'us-west-2'));
    await sts(sb, 'member', 'us-east-1').send(new GetCallerIdentityCommand({}));
  });

  it('says what to fix in a bad STS bucket', () => {
    expect(() => sb.server.setFaults({ throttle: { mode: 'bucket', sts: { burst: 0, refillPerSecond: 1 } } })).toThrow(/burst >= 1/);
  });
});

describe('scenario roles', () => {
  it('keeps roles, STS regions and policy denies in the saved state', async () => {
    sb.server.importState(JSON.parse(JSON.stringify(sb.server.exportState())) as ReturnType<typeof sb.server.exportState>);
    expect((await awsError(assume({ RoleArn: roleArn(MEMBER, 'NoSuchRole') }))).code).toBe('AccessDenied');
    expect((await awsError(assume({ RoleArn: roleArn(MEMBER, 'Vendor'), ExternalId: 'wrong-id' }))).code).toBe('AccessDenied');
    expect((await awsError(assume({ RoleArn: roleArn(MEMBER, 'PeerscapeReadOnly') }, sts(sb, 'mgmt', 'eu-west-1')))).code).toBe('RegionDisabledException');
    const creds = credsOf(await assume({ RoleArn: roleArn(MEMBER, 'PeerscapeReadOnly') }));
    expect((await awsError(ec2As(creds, 'ap-southeast-2').send(new DescribeVpcsCommand({})))).message).toMatch(/explicit deny in a service control policy$/);
    // A role session from before the save is still a role session: chaining stays limited.
    expect((await awsError(assume({ RoleArn: roleArn(MEMBER, 'Next'), DurationSeconds: 7200 }, stsAs(creds)))).message).toContain('role chaining');
  });

  it('says what to fix in a bad role', async () => {
    const bad = (roles: unknown[]) => startSandbox({ scenario: { name: 'bad-roles', accounts: [{ id: MGMT, profile: 'mgmt', roles } as never] } });
    await expect(bad([{ name: 'R', trust: ['nobody'] }])).rejects.toThrow(/role R: trust names "nobody", which is neither an account of the scenario/);
    await expect(bad([{ name: 'R', maxSessionDuration: 60 }])).rejects.toThrow(/maxSessionDuration/);
    await expect(bad([{ name: 'R' }, { name: 'R' }])).rejects.toThrow(/role names must be unique/);
  });
});
