/** A blocked path fixed against the sandbox: no peering, a network ACL denying the way in and the
 * way back, groups closed both ways. The fix plan runs like any plan (DryRun, run, audit); after
 * rediscovery the explainer says reachable and nothing is left to fix.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  AuthorizeSecurityGroupEgressCommand,
  CreateNetworkAclCommand,
  CreateNetworkAclEntryCommand,
  DescribeNetworkAclsCommand,
  ReplaceNetworkAclAssociationCommand,
  RevokeSecurityGroupEgressCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createActionsService, type ActionsService } from '../../../electron/actions/actions-service';
import { explainReachability } from '../../../shared/analysis/explain-reachability';
import type { Result } from '../../../shared/core/result';
import type { Topology } from '../../../shared/model/topology';
import { listAuditInput, planPathFixInput } from '../../../shared/planning/action-inputs';
import { planPathFix } from '../../../shared/planning/plan-path-fix';
import { discover, fastClock, seedVpc, startSandboxCloud, type SeededVpc, type TestCloud } from './test-cloud';

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} / ${r.error.fix}`);
  return r.value;
}

const REGION = 'us-east-1';

/** Put the first subnet of `v` behind a new ACL: inbound denies `denied` at 50 and allows the rest at 100; outbound allows tcp 5432 only. */
async function guardFirstSubnet(cloud: TestCloud, v: SeededVpc, denied: string): Promise<string> {
  const ec2 = cloud.ec2(v.account, v.region);
  const acl = (await ec2.send(new CreateNetworkAclCommand({ VpcId: v.vpcId }))).NetworkAcl!.NetworkAclId!;
  const add = (RuleNumber: number, Egress: boolean, RuleAction: 'allow' | 'deny', CidrBlock: string, Protocol = '-1', ports?: [number, number]) =>
    ec2.send(new CreateNetworkAclEntryCommand({ NetworkAclId: acl, RuleNumber, Egress, RuleAction, CidrBlock, Protocol, ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}) }));
  await add(50, false, 'deny', denied);
  await add(100, false, 'allow', '0.0.0.0/0');
  await add(100, true, 'allow', '0.0.0.0/0', '6', [5432, 5432]);
  const acls = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [v.subnetIds[0]!] }] }));
  const association = acls.NetworkAcls?.flatMap((a) => a.Associations ?? []).find((a) => a.SubnetId === v.subnetIds[0]);
  await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId: association!.NetworkAclAssociationId!, NetworkAclId: acl }));
  return acl;
}

describe('fixing a blocked path against the sandbox', () => {
  let cloud: TestCloud;
  let topology: Topology | undefined;
  let service: ActionsService;

  beforeAll(async () => {
    cloud = await startSandboxCloud();
    service = createActionsService({
      env: cloud.env,
      homeDir: cloud.home,
      dataDir: mkdtempSync(join(tmpdir(), 'peerscape-path-fix-')),
      loadTopology: async () => topology,
      planProgressed: () => {},
      auditAppended: () => {},
      runFinished: () => {},
      now: () => new Date('2026-12-07T12:00:00.000Z'),
      clock: fastClock(cloud),
      settle: { intervalMs: 20, timeoutMs: 5_000 },
      acceptance: { wait: true, pollIntervalMs: 50, timeoutMs: 60_000 },
    });
  });
  afterAll(async () => {
    service?.dispose();
    await cloud?.stop();
  });

  it('plans the peering, routes, group rules and ACL entries; runs them; the pair is then reachable with nothing left to fix', async () => {
    const app = await seedVpc(cloud, cloud.a, REGION);
    const db = await seedVpc(cloud, cloud.b, REGION);
    const acl = await guardFirstSubnet(cloud, db, app.cidr);
    // The app's default group may send only tcp 443.
    const appEc2 = cloud.ec2(app.account, REGION);
    await appEc2.send(new RevokeSecurityGroupEgressCommand({ GroupId: app.defaultGroupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    await appEc2.send(new AuthorizeSecurityGroupEgressCommand({ GroupId: app.defaultGroupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    topology = await discover(cloud, [REGION]);
    const from = app.subnetIds[0]!;
    const to = db.subnetIds[0]!;
    expect(explainReachability(topology, from, to, { protocol: 'tcp', port: 5432 }).verdict).toBe('unreachable');

    const answer = must(await service.planPathFix(planPathFixInput.parse({ from, to, protocol: 'tcp', port: 5432 })));
    if (answer.status !== 'plan') throw new Error(answer.message);
    expect(answer.proposesPeering).toBe(true);
    expect(answer.plan.id).toMatch(/^fix-path-/);
    const kinds = answer.plan.steps.map((s) => s.kind);
    expect(kinds).toEqual(['create', 'create-route', 'accept', 'create-route', 'authorize-ingress', 'authorize-egress', 'create-network-acl-entry', 'create-network-acl-entry']);
    // Only the tables of the two subnets, each the other VPC's block.
    expect(answer.plan.steps.filter((s) => s.kind === 'create-route').map((s) => `${s.target?.routeTableId} ${s.target?.destination}`).sort()).toEqual(
      [`${app.explicitTableId} ${db.cidr}`, `${db.explicitTableId} ${app.cidr}`].sort(),
    );
    expect(answer.plan.steps.filter((s) => s.kind === 'create-network-acl-entry').map((s) => s.params)).toEqual([
      { NetworkAclId: acl, RuleNumber: 10, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: `${app.cidr.replace('.0.0/16', '.1.0/24')}`, PortRange: { From: 5432, To: 5432 } },
      { NetworkAclId: acl, RuleNumber: 110, Egress: true, Protocol: '6', RuleAction: 'allow', CidrBlock: `${app.cidr.replace('.0.0/16', '.1.0/24')}`, PortRange: { From: 1024, To: 65535 } },
    ]);

    // The CLI export comes from the same command builder: one command per step, the new kinds included.
    const cli = must(await service.getPlanCli({ planId: answer.plan.id }));
    expect(cli.commands.map((c) => c.command.split(' ').slice(0, 3).join(' '))).toContain('aws ec2 create-network-acl-entry');
    expect(cli.script).toContain(`aws ec2 authorize-security-group-egress --group-id ${app.defaultGroupId}`);
    expect(cli.script).toContain(`--network-acl-id ${acl} --rule-number 110 --egress`);

    expect(must(await service.dryRunPlan({ planId: answer.plan.id })).outcome).toBe('dry-run-passed');
    const run = must(await service.runPlan({ planId: answer.plan.id }));
    expect(run.outcome).toBe('completed');
    const audited = must(await service.listAudit(listAuditInput.parse({ filter: { actions: ['CreateNetworkAclEntry', 'AuthorizeSecurityGroupEgress'], outcomes: ['ok'] } })));
    expect(audited.entries.map((e) => e.action).sort()).toEqual(['AuthorizeSecurityGroupEgress', 'CreateNetworkAclEntry', 'CreateNetworkAclEntry']);

    topology = await discover(cloud, [REGION]);
    expect(explainReachability(topology, from, to, { protocol: 'tcp', port: 5432 }).verdict).toBe('reachable');
    expect(planPathFix(topology, { from, to, protocol: 'tcp', port: 5432 })).toMatchObject({ ok: true, value: { status: 'nothing-to-fix' } });
    // Planned again from the new scan, nothing is proposed.
    const again = must(await service.planPathFix(planPathFixInput.parse({ from, to, protocol: 'tcp', port: 5432 })));
    expect(again.status).toBe('nothing-to-fix');
  });
});
