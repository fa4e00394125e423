/** What the moto differential tests share: the two accounts, a target (the sandbox or moto) with
 * clients for both, and helpers that compare answers by logical names instead of ids. */
import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RAMClient } from '@aws-sdk/client-ram';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { expect } from 'vitest';

import type { ScenarioInput } from '../src/scenarios/scenario';
import { startMoto, type MotoHandle } from '../src/testing/moto';
import { startSandbox, type SandboxHandle } from '../src/testing/start-sandbox';

export const A = '123456789012';
export const B = '210987654321';

/** One EC2/STS implementation under test, with clients for account A and (assumed) account B. */
export interface Target {
  readonly name: 'sandbox' | 'moto';
  readonly a: (region?: string) => EC2Client;
  readonly b: (region?: string) => EC2Client;
  /** RAM clients of account A and B in us-east-1. */
  readonly ramA: RAMClient;
  readonly ramB: RAMClient;
  /** Organizations clients of account A and B. */
  readonly orgA: OrganizationsClient;
  readonly orgB: OrganizationsClient;
  /** Real id → logical name, so answers from both targets can be compared. */
  readonly names: Map<string, string>;
}

/** A target at `endpoint`: account A with `base` keys, account B by AssumeRole from them. */
export async function makeTarget(name: Target['name'], endpoint: string, base: { accessKeyId: string; secretAccessKey: string }): Promise<Target> {
  const sts = new STSClient({ endpoint, region: 'us-east-1', credentials: base, maxAttempts: 1 });
  expect((await sts.send(new GetCallerIdentityCommand({}))).Account).toBe(A);
  const role = await sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${B}:role/x`, RoleSessionName: 'differential' }));
  const bCreds = {
    accessKeyId: role.Credentials?.AccessKeyId as string,
    secretAccessKey: role.Credentials?.SecretAccessKey as string,
    sessionToken: role.Credentials?.SessionToken as string,
  };
  const client = (creds: typeof base, region: string) => new EC2Client({ endpoint, region, credentials: creds, maxAttempts: 1 });
  const ram = (creds: typeof base) => new RAMClient({ endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  const org = (creds: typeof base) => new OrganizationsClient({ endpoint, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
  return {
    name,
    a: (region = 'us-east-1') => client(base, region),
    b: (region = 'us-east-1') => client(bCreds, region),
    ramA: ram(base),
    ramB: ram(bCreds),
    orgA: org(base),
    orgB: org(bCreds),
    names: new Map(),
  };
}

/** The AWS error of a call that must fail, with the ids in its message replaced by their names. */
export async function failure(t: Target, p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    let message = (e as Error).message;
    for (const [id, name] of t.names) message = message.replaceAll(id, `<${name}>`);
    return { code: (e as Error).name, message };
  }
  return { code: 'no error', message: '' };
}

/** The error code of a call that must fail ('no error' when it succeeds). */
export async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).name;
  }
  return 'no error';
}

/** Runs `step` on both targets and returns both results. */
export async function both<T>(targets: readonly Target[], step: (t: Target) => Promise<T>): Promise<[T, T]> {
  const out: T[] = [];
  for (const t of targets) out.push(await step(t));
  return out as [T, T];
}

/** The logical name of an id (`?id` when it has none). */
export function named(t: Target, id: string | undefined): string {
  return (id && t.names.get(id)) ?? `?${id ?? ''}`;
}

/** Both sides of a differential test, as targets (the sandbox's first, then moto's); `stop` ends both servers. */
export interface DifferentialPair {
  readonly targets: Target[];
  stop(): Promise<void>;
}

/**
 * Start moto and a sandbox whose scenario `scenarioName` has accounts A and B (the ones moto acts
 * in; B's role `x` trusts A) and `extra`'s sections, each wrapped as a target: the sandbox with A's
 * keys, moto with keys it did not issue.
 */
export async function startDifferentialPair(scenarioName: string, extra: Pick<ScenarioInput, 'organization'> = {}): Promise<DifferentialPair> {
  const moto: MotoHandle | null = await startMoto();
  if (!moto) throw new Error('moto is required here');
  let sb: SandboxHandle | undefined;
  try {
    sb = await startSandbox({ scenario: { name: scenarioName, accounts: [{ id: A, profile: 'a' }, { id: B, profile: 'b', roles: [{ name: 'x', trust: [A] }] }], ...extra } });
    const mine = sb.accounts[0] as { accessKeyId: string; secretAccessKey: string };
    const targets = [
      await makeTarget('sandbox', sb.endpoint, { accessKeyId: mine.accessKeyId, secretAccessKey: mine.secretAccessKey }),
      await makeTarget('moto', moto.endpoint, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }),
    ];
    const started = sb;
    return {
      targets,
      async stop() {
        await started.stop();
        await moto.stop();
      },
    };
  } catch (e) {
    await sb?.stop();
    await moto.stop();
    throw e;
  }
}
