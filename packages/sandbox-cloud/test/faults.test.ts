/** Fault injection through the real SDK: latency, throttling (rate and EC2-like token buckets), server
 * errors, failing account/region pairs, expiring credentials, short sessions; all changeable at run time. */
import { CreateTagsCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type SandboxHandle } from '../src/testing/start-sandbox';
import { awsError, ec2, sts } from './clients';

let sb: SandboxHandle;
// A frozen clock: token buckets refill only when a test moves it.
let now = Date.now();

beforeAll(async () => {
  sb = await startSandbox({ scenario: 'empty', faults: { latencyMs: 1 }, clock: () => now });
});
afterEach(() => sb.server.setFaults({}));
afterAll(async () => sb.stop());

describe('latency', () => {
  it('holds every answer back by the fixed delay plus jitter', async () => {
    expect(sb.server.getFaults()).toEqual({ latencyMs: 1 });
    sb.server.setFaults({ latencyMs: 120, jitterMs: 40 });
    const c = ec2(sb, 'sandbox-prod');
    const t0 = performance.now();
    await c.send(new DescribeVpcsCommand({}));
    const took = performance.now() - t0;
    expect(took).toBeGreaterThanOrEqual(115);
    expect(took).toBeLessThan(1000);
  });
});

describe('throttling', () => {
  it('refuses a share of calls with RequestLimitExceeded (503), which the SDK retries', async () => {
    sb.server.setFaults({ throttle: { mode: 'rate', rate: 1 } });
    const e = await awsError(ec2(sb, 'sandbox-prod', 'us-east-1', { maxAttempts: 2 }).send(new DescribeVpcsCommand({})));
    expect(e).toMatchObject({ code: 'RequestLimitExceeded', status: 503 });
    sb.server.setFaults({ throttle: { mode: 'rate', rate: 0.5 }, seed: 7 });
    const ok = await ec2(sb, 'sandbox-prod', 'us-east-1', { maxAttempts: 10, retryMode: 'standard' }).send(new DescribeVpcsCommand({}));
    expect(ok.$metadata.httpStatusCode).toBe(200);
  });

  it('has EC2-like buckets: 100 describe calls at once, then throttled, per account, region and action', async () => {
    sb.server.setFaults({ throttle: { mode: 'bucket' } });
    const c = ec2(sb, 'sandbox-dev');
    const results = await Promise.allSettled(Array.from({ length: 101 }, () => c.send(new DescribeVpcsCommand({}))));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(((refused[0] as PromiseRejectedResult).reason as Error).name).toBe('RequestLimitExceeded');
    // Other actions, regions and accounts have their own buckets.
    await c.send(new DescribeSubnetsCommand({}));
    await ec2(sb, 'sandbox-dev', 'eu-west-1').send(new DescribeVpcsCommand({}));
    await ec2(sb, 'sandbox-data').send(new DescribeVpcsCommand({}));
  });

  it('refills a small bucket at its rate, and gives mutating calls their own bucket', async () => {
    sb.server.setFaults({ throttle: { mode: 'bucket', describe: { burst: 2, refillPerSecond: 20 }, mutating: { burst: 1, refillPerSecond: 0 } } });
    const c = ec2(sb, 'sandbox-data');
    await c.send(new DescribeVpcsCommand({}));
    await c.send(new DescribeVpcsCommand({}));
    expect((await awsError(c.send(new DescribeVpcsCommand({})))).code).toBe('RequestLimitExceeded');
    now += 100;
    await c.send(new DescribeVpcsCommand({}));
    const tag = () => c.send(new CreateTagsCommand({ Resources: ['vpc-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] }));
    expect((await awsError(tag())).code).toBe('InvalidVpcID.NotFound');
    expect((await awsError(tag())).code).toBe('RequestLimitExceeded');
  });
});

describe('server errors', () => {
  it('answers InternalError (500) or Unavailable (503) at the given rate', async () => {
    sb.server.setFaults({ serverErrorRate: 1, seed: 3 });
    const codes = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const e = await awsError(ec2(sb, 'sandbox-prod').send(new DescribeVpcsCommand({})));
      codes.add(`${e.code}:${e.status}`);
    }
    expect(codes).toEqual(new Set(['InternalError:500', 'Unavailable:503']));
    const s = await awsError(sts(sb, 'sandbox-prod').send(new GetCallerIdentityCommand({})));
    expect(s.status).toBeGreaterThanOrEqual(500);
  });
});

describe('failing regions and expiring credentials', () => {
  it('makes one account and region answer AuthFailure or OptInRequired', async () => {
    sb.server.setFaults({
      failRegions: [
        { accountId: '444455556666', region: 'eu-west-1', code: 'AuthFailure' },
        { accountId: '444455556666', region: 'ap-southeast-2', code: 'OptInRequired' },
      ],
    });
    expect(await awsError(ec2(sb, 'sandbox-prod', 'eu-west-1').send(new DescribeVpcsCommand({})))).toMatchObject({ code: 'AuthFailure', status: 401 });
    expect(await awsError(ec2(sb, 'sandbox-prod', 'ap-southeast-2').send(new DescribeVpcsCommand({})))).toMatchObject({ code: 'OptInRequired', status: 403 });
    await ec2(sb, 'sandbox-prod', 'us-east-1').send(new DescribeVpcsCommand({}));
    await ec2(sb, 'sandbox-dev', 'eu-west-1').send(new DescribeVpcsCommand({}));
  });

  it('expires the keys of the named accounts at a time', async () => {
    sb.server.setFaults({ expireCredentials: { atMs: now, accounts: ['sandbox-dev'] } });
    expect(await awsError(ec2(sb, 'sandbox-dev').send(new DescribeVpcsCommand({})))).toMatchObject({ code: 'RequestExpired', status: 400 });
    expect((await awsError(sts(sb, 'sandbox-dev').send(new GetCallerIdentityCommand({})))).code).toBe('ExpiredToken');
    await ec2(sb, 'sandbox-prod').send(new DescribeVpcsCommand({}));
    sb.server.setFaults({ expireCredentials: { atMs: now + 60_000 } });
    await ec2(sb, 'sandbox-dev').send(new DescribeVpcsCommand({}));
  });

  it('caps the lifetime of AssumeRole credentials', async () => {
    sb.server.setFaults({ maxSessionDurationMs: 60_000 });
    const before = now;
    const out = await sts(sb, 'sandbox-network').send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::444455556666:role/PeerscapeReadOnly', RoleSessionName: 'short' }));
    const ttl = (out.Credentials?.Expiration?.getTime() ?? 0) - before;
    expect(ttl).toBe(60_000);
  });

  it('refuses nonsense fault options with a message that says what to fix', () => {
    expect(() => sb.server.setFaults({ serverErrorRate: 2 })).toThrow(/serverErrorRate must be between 0 and 1/);
    expect(() => sb.server.setFaults({ failRegions: [{ accountId: 'prod', region: 'us-east-1', code: 'AuthFailure' }] })).toThrow(/12-digit/);
  });
});
