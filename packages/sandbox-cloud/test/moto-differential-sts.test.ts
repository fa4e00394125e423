/** Differential test of STS AssumeRole: the same calls through the real SDK against the sandbox
 * and moto 5.2.1. Where moto follows AWS (the assumed-role ARN without the role's path, the
 * `AROA…:<session>` id, `ASIA` keys, the expiry, GetCallerIdentity of the session) the answers
 * must agree; moto checks nothing about the role (existence, trust, ExternalId, durations, role
 * chaining, parameter constraints), so for those calls the test asserts that moto lets them
 * through and that the sandbox refuses them as AWS does. */
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { motoMissingReason, startMoto, type MotoHandle } from '../src/testing/moto';
import { startSandbox, type SandboxHandle } from '../src/testing/start-sandbox';
import { A, B } from './moto-targets';

const skip = motoMissingReason() !== undefined && !process.env.CI;
let moto: MotoHandle | null = null;
let sb: SandboxHandle | undefined;
type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const base: Record<'sandbox' | 'moto', Creds> = { sandbox: { accessKeyId: '', secretAccessKey: '' }, moto: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } };
const endpoint: Record<'sandbox' | 'moto', string> = { sandbox: '', moto: '' };
const TARGETS = ['sandbox', 'moto'] as const;

beforeAll(async () => {
  if (skip) return;
  moto = await startMoto();
  sb = await startSandbox({
    scenario: {
      name: 'differential-sts',
      accounts: [
        { id: A, profile: 'a' },
        { id: B, profile: 'b', roles: [{ name: 'x', trust: [A, `arn:aws:iam::${B}:role/x`], maxSessionDuration: 7200 }, { name: 'Pathed', path: '/a/b/', trust: [A] }, { name: 'Closed', trust: [] }, { name: 'Vendor', trust: [A], externalId: 'vendor-42' }] },
      ],
    },
  });
  const a = sb.accounts[0] as Creds;
  base.sandbox = { accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey };
  endpoint.sandbox = sb.endpoint;
  endpoint.moto = (moto as MotoHandle).endpoint;
});
afterAll(async () => {
  await sb?.stop();
  await moto?.stop();
});

const client = (t: 'sandbox' | 'moto', creds: Creds = base[t]) => new STSClient({ endpoint: endpoint[t], region: 'us-east-1', credentials: creds, maxAttempts: 1 });
const assume = (t: 'sandbox' | 'moto', input: Partial<AssumeRoleCommandInput>, creds?: Creds) =>
  client(t, creds).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${B}:role/x`, RoleSessionName: 'differential', ...input }));
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return (e as Error).name;
  }
}

describe.skipIf(skip)('STS AssumeRole: sandbox and moto', () => {
  it('agree on a successful AssumeRole and on GetCallerIdentity of its session', async () => {
    const seen = [];
    for (const t of TARGETS) {
      const before = Date.now();
      const out = await assume(t, { DurationSeconds: 900 });
      const ttl = (out.Credentials?.Expiration?.getTime() ?? 0) - before;
      const creds = { accessKeyId: out.Credentials?.AccessKeyId as string, secretAccessKey: out.Credentials?.SecretAccessKey as string, sessionToken: out.Credentials?.SessionToken as string };
      const who = await client(t, creds).send(new GetCallerIdentityCommand({}));
      seen.push({
        arn: out.AssumedRoleUser?.Arn,
        id: /^AROA[A-Z0-9]{17}:differential$|^AROA[A-Z2-7]{16}:differential$/.test(out.AssumedRoleUser?.AssumedRoleId ?? ''),
        key: out.Credentials?.AccessKeyId?.slice(0, 4),
        ttlAbout900: Math.abs(ttl - 900_000) < 5_000,
        who: { Account: who.Account, Arn: who.Arn },
      });
    }
    expect(seen[0]).toEqual(seen[1]);
    expect(seen[0]).toEqual({
      arn: `arn:aws:sts::${B}:assumed-role/x/differential`,
      id: true,
      key: 'ASIA',
      ttlAbout900: true,
      who: { Account: B, Arn: `arn:aws:sts::${B}:assumed-role/x/differential` },
    });
  });

  it('agree that the assumed-role ARN leaves out the role path', async () => {
    const arns = [];
    for (const t of TARGETS) arns.push((await assume(t, { RoleArn: `arn:aws:iam::${B}:role/a/b/Pathed` })).AssumedRoleUser?.Arn);
    expect(arns).toEqual([`arn:aws:sts::${B}:assumed-role/Pathed/differential`, `arn:aws:sts::${B}:assumed-role/Pathed/differential`]);
  });

  it('depart where moto checks nothing: the sandbox refuses as AWS does, moto lets it through', async () => {
    const cases: [string, Partial<AssumeRoleCommandInput>, string][] = [
      ['a role the account does not have', { RoleArn: `arn:aws:iam::${B}:role/NoSuch` }, 'AccessDenied'],
      ['a role whose trust policy does not name the caller', { RoleArn: `arn:aws:iam::${B}:role/Closed` }, 'AccessDenied'],
      ['a role that requires an ExternalId, without it', { RoleArn: `arn:aws:iam::${B}:role/Vendor` }, 'AccessDenied'],
      ['a role that requires an ExternalId, with a wrong one', { RoleArn: `arn:aws:iam::${B}:role/Vendor`, ExternalId: 'vendor-43' }, 'AccessDenied'],
      ['a duration under 900 s', { DurationSeconds: 60 }, 'ValidationError'],
      ["a duration over the role's MaxSessionDuration", { DurationSeconds: 7201 }, 'ValidationError'],
      ['a session name with a space', { RoleSessionName: 'has space' }, 'ValidationError'],
      ['a one-character session name', { RoleSessionName: 'a' }, 'ValidationError'],
      ['a malformed role ARN', { RoleArn: 'arn:aws:iam::bad' }, 'ValidationError'],
      ['an ExternalId of one character', { ExternalId: 'x' }, 'ValidationError'],
    ];
    for (const [what, input, expected] of cases) {
      expect([what, await outcome(assume('sandbox', input)), await outcome(assume('moto', input))]).toEqual([what, expected, 'ok']);
    }
    // Role chaining over an hour.
    const chained: string[] = [];
    for (const t of TARGETS) {
      const first = (await assume(t, {})).Credentials;
      const creds = { accessKeyId: first?.AccessKeyId as string, secretAccessKey: first?.SecretAccessKey as string, sessionToken: first?.SessionToken as string };
      chained.push(await outcome(assume(t, { RoleSessionName: 'chained', DurationSeconds: 7200 }, creds)));
    }
    expect(chained).toEqual(['ValidationError', 'ok']);
  });
});
