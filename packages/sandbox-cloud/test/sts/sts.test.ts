/** STS through the real SDK: GetCallerIdentity, and AssumeRole whose temporary keys act in the role's account. */
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../../src/testing/start-sandbox';
import { awsError, credentialsOf, sts } from '../clients';

let sb: SandboxHandle;
let now = Date.now();

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'demo', clock: () => now });
});
afterAll(async () => sb.stop());

async function assume(account: string, extra: Record<string, unknown> = {}) {
  const out = await sts(sb, 'sandbox-network').send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account}:role/PeerscapeReadOnly`, RoleSessionName: 'peerscape', ...extra }),
  );
  return out;
}

describe('GetCallerIdentity', () => {
  it('names the account and IAM user of each profile', async () => {
    for (const a of sb.accounts) {
      const out = await sts(sb, a.profile).send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe(a.accountId);
      expect(out.Arn).toMatch(new RegExp(`^arn:aws:iam::${a.accountId}:user/`));
      expect(out.UserId).toMatch(/^AIDA[A-Z2-7]{16}$/);
    }
  });
});

describe('AssumeRole', () => {
  it('returns temporary keys that act in the role account, for EC2 and STS', async () => {
    const out = await assume('444455556666');
    const c = out.Credentials;
    expect(c?.AccessKeyId).toMatch(/^ASIA/);
    expect(c?.SessionToken).toBeTruthy();
    expect(c?.Expiration?.getTime()).toBe(now + 3600_000);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::444455556666:assumed-role/PeerscapeReadOnly/peerscape');
    const creds = { accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string };
    const who = await new STSClient({ endpoint: sb.endpoint, region: 'us-east-1', credentials: creds }).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({ Account: '444455556666', Arn: 'arn:aws:sts::444455556666:assumed-role/PeerscapeReadOnly/peerscape' });
    const vpcs = await new EC2Client({ endpoint: sb.endpoint, region: 'us-east-1', credentials: creds }).send(new DescribeVpcsCommand({}));
    expect(new Set(vpcs.Vpcs?.map((v) => v.OwnerId))).toEqual(new Set(['444455556666']));
    // Without the session token the keys are not valid.
    const { sessionToken: _drop, ...bare } = creds;
    expect((await awsError(new EC2Client({ endpoint: sb.endpoint, region: 'us-east-1', credentials: bare, maxAttempts: 1 }).send(new DescribeVpcsCommand({})))).code).toBe(
      'AuthFailure',
    );
  });

  it('works through the SDK credential provider the app uses', async () => {
    const provider = fromTemporaryCredentials({
      params: { RoleArn: 'arn:aws:iam::777788889999:role/PeerscapeReadOnly', RoleSessionName: 'app' },
      masterCredentials: credentialsOf(sb, 'sandbox-network'),
      clientConfig: { endpoint: sb.endpoint, region: 'us-east-1' },
    });
    const out = await new EC2Client({ endpoint: sb.endpoint, region: 'us-east-1', credentials: provider }).send(new DescribeVpcsCommand({}));
    expect(out.Vpcs?.every((v) => v.OwnerId === '777788889999')).toBe(true);
    expect(out.Vpcs?.length).toBeGreaterThan(0);
  });

  it('refuses unknown accounts, bad ARNs, bad durations and bad session names', async () => {
    expect(await awsError(assume('999999999999'))).toMatchObject({ code: 'AccessDenied', status: 403 });
    const c = sts(sb, 'sandbox-network');
    expect((await awsError(c.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::bad', RoleSessionName: 'x1' })))).code).toBe('ValidationError');
    expect((await awsError(assume('444455556666', { DurationSeconds: 60 }))).code).toBe('ValidationError');
    expect((await awsError(assume('444455556666', { RoleSessionName: 'has space' }))).code).toBe('ValidationError');
  });

  it('expires the temporary keys: EC2 answers RequestExpired, STS ExpiredToken', async () => {
    const out = await assume('246813579024', { DurationSeconds: 900 });
    const c = out.Credentials;
    const creds = { accessKeyId: c?.AccessKeyId as string, secretAccessKey: c?.SecretAccessKey as string, sessionToken: c?.SessionToken as string };
    now += 901_000;
    const e = await awsError(new EC2Client({ endpoint: sb.endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 1 }).send(new DescribeVpcsCommand({})));
    expect(e).toMatchObject({ code: 'RequestExpired', status: 400 });
    const s = await awsError(new STSClient({ endpoint: sb.endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
    expect(s).toMatchObject({ code: 'ExpiredToken', status: 403 });
  });
});
