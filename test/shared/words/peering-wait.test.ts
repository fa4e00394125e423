/**
 * The plan's copied script run by `sh` with Debian's AWS CLI against the sandbox, whose requests
 * stay `initiating-request` a while as AWS's do: it accepts only once the request is
 * pending-acceptance, and gives up, saying why, when it never gets there.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { CreateVpcPeeringConnectionCommand, DescribeVpcPeeringConnectionsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sh } from '../../../shared/export/syntax/shell';
import { planToCliScript } from '../../../shared/planning/plan-cli';
import { planPeering } from '../../../shared/planning/plan-peering';
import type { PeeringPlan } from '../../../shared/planning/plan-types';
import { placeOptions, ShellVariable } from '../../../shared/words/aws-cli';
import { waitForPendingAcceptance } from '../../../shared/words/peering-wait';
import { discover, seedVpc, startSandboxCloud, type SeededVpc, type TestCloud } from '../../electron/actions/test-cloud';

const run = promisify(execFile);
const HAS_CLI = process.env.CI !== undefined || (await run('/usr/bin/aws', ['--version']).then(() => true, () => false));

let cloud: TestCloud;

beforeAll(async () => {
  cloud = await startSandboxCloud();
  // Requests take a while to become pending-acceptance, as AWS's do.
  cloud.sandbox!.server.setSettings({ initiatingRequestMs: 4_000 });
});
afterAll(async () => {
  await cloud?.stop();
});

async function crossAccountPlan(): Promise<{ plan: PeeringPlan; r: SeededVpc; x: SeededVpc }> {
  const r = await seedVpc(cloud, cloud.a, 'us-east-1');
  const x = await seedVpc(cloud, cloud.b, 'us-east-1');
  const t = await discover(cloud, ['us-east-1']);
  // One table a side keeps the script short: every CLI start costs a second.
  const p = planPeering(t, { requesterVpcId: r.vpcId as `vpc-${string}`, accepterVpcId: x.vpcId as `vpc-${string}`, routeTables: [r.explicitTableId as `rtb-${string}`, x.mainTableId as `rtb-${string}`] }, {
    [cloud.a.accountId]: [cloud.a.profile],
    [cloud.b.accountId]: [cloud.b.profile],
  });
  if (!p.ok) throw new Error(p.error.message);
  return { plan: p.value, r, x };
}

async function runScript(plan: PeeringPlan, name: string): Promise<{ code: number; stderr: string }> {
  const file = join(cloud.home, `${name}.sh`);
  writeFileSync(file, planToCliScript(plan, { endpointUrls: { [cloud.a.profile]: cloud.endpoint, [cloud.b.profile]: cloud.endpoint } }));
  // Asynchronously: the sandbox answers from this very process, so a blocking call would hang it.
  return run('sh', [file], { env: { ...process.env, ...cloud.env, PATH: '/usr/bin:/bin', AWS_PAGER: '' }, timeout: 240_000 }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code?: number; stderr?: string }) => ({ code: e.code ?? -1, stderr: e.stderr ?? '' }),
  );
}

async function peeringsOf(r: SeededVpc) {
  const out = await cloud.ec2(cloud.a, 'us-east-1').send(new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: 'requester-vpc-info.vpc-id', Values: [r.vpcId] }] }));
  return out.VpcPeeringConnections ?? [];
}

describe.skipIf(!HAS_CLI)("the plan's AWS CLI script", () => {
  it('waits until the request is pending-acceptance, then accepts it', async () => {
    const { plan, r } = await crossAccountPlan();
    // The sandbox's clock runs with the wall clock while the script runs.
    const tick = setInterval(() => (cloud.clock!.now += 250), 250);
    try {
      const { code, stderr } = await runScript(plan, 'waits');
      expect(stderr).toBe('');
      expect(code).toBe(0);
    } finally {
      clearInterval(tick);
    }
    expect((await peeringsOf(r)).map((p) => p.Status?.Code)).toEqual(['active']);
  }, 240_000);

  it("gives up after its bounded tries when the accepter's region never lists the request as pending, saying so, without accepting", async () => {
    const r = await seedVpc(cloud, cloud.a, 'us-east-1');
    const x = await seedVpc(cloud, cloud.b, 'us-east-1');
    // Time stands still in the sandbox: the request stays initiating-request.
    const made = await cloud.ec2(cloud.a, 'us-east-1').send(new CreateVpcPeeringConnectionCommand({ VpcId: r.vpcId, PeerVpcId: x.vpcId, PeerOwnerId: cloud.b.accountId }));
    const place = placeOptions({ profile: cloud.b.profile, region: 'us-east-1', endpointUrl: cloud.endpoint });
    const lines = waitForPendingAcceptance({ peering: new ShellVariable('PCX_ID'), aws: sh`aws`, place, prefix: 'PCX_', attempts: 3, intervalSeconds: 1 });
    const file = join(cloud.home, 'bounded.sh');
    writeFileSync(file, ['set -e', `PCX_ID=${made.VpcPeeringConnection!.VpcPeeringConnectionId!}`, ...lines, 'echo accepted'].join('\n'));
    const result = await run('sh', [file], { env: { ...process.env, ...cloud.env, PATH: '/usr/bin:/bin', AWS_PAGER: '' }, timeout: 60_000 }).then(
      (o) => ({ code: 0, stdout: o.stdout, stderr: o.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^pcx-\w+ is still not listed in the accepter's region, not pending-acceptance, after 3 seconds: check it there, then accept it\.\n$/);
    expect((await peeringsOf(r)).map((p) => p.Status?.Code)).toEqual(['initiating-request']);
  }, 60_000);

  it('stops at once, with the CLI\'s own error, on an error other than NotFound (a profile that does not exist)', async () => {
    const place = placeOptions({ profile: 'no-such-profile', region: 'us-east-1', endpointUrl: cloud.endpoint });
    const lines = waitForPendingAcceptance({ peering: new ShellVariable('PCX_ID'), aws: sh`aws`, place, prefix: 'PCX_', attempts: 30, intervalSeconds: 120 });
    const file = join(cloud.home, 'bad-profile.sh');
    writeFileSync(file, ['set -e', 'PCX_ID=pcx-0123456789abcdef0', ...lines, 'echo accepted'].join('\n'));
    const result = await run('sh', [file], { env: { ...process.env, ...cloud.env, PATH: '/usr/bin:/bin', AWS_PAGER: '' }, timeout: 60_000 }).then(
      (o) => ({ code: 0, stdout: o.stdout, stderr: o.stderr }),
      (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
    );
    // Exit 1 from the loop itself: a second try would first sleep 120 s, past the 60 s the run is given.
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('no-such-profile');
  }, 60_000);
});
