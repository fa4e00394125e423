/** What a finished run changed: its scope, its marks, and the topology as its calls left AWS. */
import { describe, expect, it } from 'vitest';

import { applyRun, marksOfRun, scopeOfRun } from '../../../electron/api/run-effects';
import { planDeletion } from '../../../shared/planning/plan-deletion';
import { planPathFix } from '../../../shared/planning/plan-path-fix';
import { planPeering } from '../../../shared/planning/plan-peering';
import type { PlanRun, StepRunStatus } from '../../../shared/planning/plan-run';
import { profilesFromTopology, type PeeringPlan } from '../../../shared/planning/plan-types';
import type { PeeringId, SecurityGroupId, VpcId } from '../../../shared/model/ids';
import type { SecurityGroupRule, Topology, Vpc } from '../../../shared/model/topology';
import { staleRoutesOfVpc } from '../../../shared/analysis/peering-leftovers';
import { indexTopology } from '../../../shared/analysis/topology-index';
import { planStaleCleanup } from '../../../shared/planning/plan-stale-cleanup';
import { buildAnalysisTopology } from '../../support/fixtures/analysis-snapshot';
import { rule } from '../../support/fixtures/build-topology';
import { buildPeeredPair } from '../../support/fixtures/peered-pair';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function runOf(plan: PeeringPlan, status: (kind: string) => StepRunStatus, extra: Partial<PlanRun> = {}): PlanRun {
  return { runId: 'run-1', planId: plan.id, phase: 'finished', outcome: 'completed', steps: plan.steps.map((s) => ({ stepId: s.id, status: status(s.kind) })), startedAt: '2026-01-01T00:00:00.000Z', ...extra };
}

const t: Topology = buildAnalysisTopology();
const routed = t.peerings.find((p) => p.status === 'active' && t.routeTables.some((r) => r.routes.some((x) => x.target.kind === 'peering' && x.target.peeringId === p.id)))!;

describe('run effects', () => {
  it('a delete with cleanup: the peering deleted, its routes gone, both sides in scope; twice is the same as once', () => {
    const plan = { ...must(planDeletion(t, routed.id, profilesFromTopology(t.accounts))), id: 'delete-1' };
    const run = runOf(plan, () => 'done', { peeringId: routed.id, peeringStatus: 'deleted' });
    const after = applyRun(t, plan, run);
    expect(after.peerings.find((p) => p.id === routed.id)?.status).toBe('deleted');
    expect(after.routeTables.flatMap((r) => r.routes).some((x) => x.target.kind === 'peering' && x.target.peeringId === routed.id)).toBe(false);
    expect(applyRun(after, plan, run)).toEqual(after);
    const scope = scopeOfRun(plan, run).map((s) => `${s.accountId}/${s.region}`);
    expect(scope).toEqual(expect.arrayContaining([`${routed.requester.accountId}/${routed.requester.region}`, `${routed.accepter.accountId}/${routed.accepter.region}`]));
    expect(new Set(scope).size).toBe(scope.length);
    expect(marksOfRun(t, plan, run)).toMatchObject({ peeringIds: [routed.id], vpcIds: expect.arrayContaining([routed.requester.vpcId, routed.accepter.vpcId]) });
  });

  it('a revoked rule leaves its group whether or not the scan gave it AWS’s rule id', () => {
    const withIds: Topology = { ...t, securityGroups: t.securityGroups.map((g) => ({ ...g, ingress: g.ingress.map((r, i) => ({ ...r, ruleId: `sgr-${g.id.slice(3)}${i}` })) })) };
    const plan = { ...must(planDeletion(withIds, routed.id, profilesFromTopology(t.accounts))), id: 'delete-3' };
    expect(plan.steps.filter((s) => s.kind === 'revoke-ingress').length).toBeGreaterThan(0);
    const run = runOf(plan, () => 'done', { peeringId: routed.id, peeringStatus: 'deleted' });
    const rules = (x: Topology) => x.securityGroups.map((g) => ({ id: g.id, ingress: g.ingress.map(({ ruleId: _id, ...r }) => r) }));
    expect(rules(applyRun(withIds, plan, run))).toEqual(rules(applyRun(t, plan, run)));
    expect(rules(applyRun(withIds, plan, run))).not.toEqual(rules(withIds));
  });

  it('steps that did not change AWS change nothing, and scope only both sides', () => {
    const plan = { ...must(planDeletion(t, routed.id, profilesFromTopology(t.accounts))), id: 'delete-2' };
    const run = runOf(plan, () => 'failed');
    expect(applyRun(t, plan, run)).toBe(t);
    expect(scopeOfRun(plan, run)).toHaveLength(new Set([routed.requester, routed.accepter].map((s) => `${s.accountId}/${s.region}`)).size);
  });

  it('a new peering run to the end: drawn with its name between the two VPCs, active, its routes in', () => {
    // app (vpc-a) and reports (vpc-d) are not peered and do not overlap.
    const [requester, other] = (['vpc-a', 'vpc-d'] as const).map((id) => t.vpcs.find((v) => v.id === id)!) as [Vpc, Vpc];
    const plan = { ...must(planPeering(t, { requesterVpcId: requester.id, accepterVpcId: other.id, name: 'fresh' }, profilesFromTopology(t.accounts))), id: 'create-1' };
    const after = applyRun(t, plan, runOf(plan, () => 'done', { peeringId: 'pcx-0new', peeringStatus: 'active' }));
    expect(after.peerings.find((p) => p.id === 'pcx-0new')).toMatchObject({ status: 'active', name: 'fresh', requester: { vpcId: requester.id }, accepter: { vpcId: other.id } });
    const routes = after.routeTables.flatMap((r) => r.routes).filter((x) => x.target.kind === 'peering' && x.target.peeringId === 'pcx-0new');
    expect(routes.length).toBe(plan.steps.filter((s) => s.kind === 'create-route').length);
    expect(routes.every((r) => r.state === 'active')).toBe(true);
  });

  it('a path fix run to the end: its egress rule and ACL entries are in, and the same fix then finds nothing to do', () => {
    const base = buildPeeredPair();
    const star = (egress: boolean) => ({ ruleNumber: 32767, egress, protocol: '-1', action: 'deny' as const, cidr: '0.0.0.0/0' });
    const acl = (id: `acl-${string}`, vpcId: string, inbound: boolean) => {
      const v = base.vpcs.find((x) => x.id === vpcId)!;
      const allow = (egress: boolean) => ({ ruleNumber: 100, egress, protocol: '-1', action: 'allow' as const, cidr: '0.0.0.0/0' });
      return { id, vpcId: v.id, accountId: v.accountId, region: v.region, isDefault: true, subnetIds: [], entries: [...(inbound ? [allow(false)] : []), allow(true), star(false), star(true)] };
    };
    const closed: Topology = {
      ...base,
      securityGroups: base.securityGroups.map((g) => (g.id === 'sg-app' ? { ...g, egress: [rule('tcp', 443, '0.0.0.0/0')] } : g)),
      // db's subnets take nothing in.
      networkAcls: [acl('acl-a', 'vpc-a', true), acl('acl-b', 'vpc-b', false)],
    };
    const fix = must(planPathFix(closed, { from: 'subnet-a1', to: 'subnet-b1', protocol: 'tcp', port: 5432 }));
    if (fix.status !== 'plan') throw new Error(fix.message);
    expect(fix.plan.steps.map((s) => s.kind)).toEqual(['authorize-egress', 'create-network-acl-entry']);
    const after = applyRun(closed, fix.plan, runOf(fix.plan, () => 'done'));
    expect(after.networkAcls.find((a) => a.id === 'acl-b')!.entries.filter((e) => !e.egress).map((e) => `${e.ruleNumber} ${e.action} ${e.protocol} ${e.cidr} ${e.fromPort}-${e.toPort}`)).toEqual([
      '10 allow tcp 10.0.1.0/24 5432-5432',
      '32767 deny -1 0.0.0.0/0 undefined-undefined',
    ]);
    expect(planPathFix(after, { from: 'subnet-a1', to: 'subnet-b1', protocol: 'tcp', port: 5432 })).toMatchObject({ ok: true, value: { status: 'nothing-to-fix' } });
  });

  it('a stale cleanup: the stale inbound and outbound rules (annotated with their peering) and the routes leave the shown topology', () => {
    const pcx = 'pcx-ab' as PeeringId;
    const across = (groupId: string, accountId: string): SecurityGroupRule => ({ protocol: 'tcp', fromPort: 443, toPort: 443, peer: { kind: 'group', groupId: groupId as SecurityGroupId, accountId, peeringId: pcx } });
    const base = buildPeeredPair();
    const stale: Topology = {
      ...base,
      peerings: base.peerings.map((p) => ({ ...p, status: 'deleted' as const })),
      securityGroups: base.securityGroups.map((g) =>
        g.id === 'sg-app' ? { ...g, ingress: [...g.ingress, across('sg-db', '222222222222')] } : { ...g, egress: [...g.egress, across('sg-app', '111111111111')] },
      ),
    };
    const rule = { direction: 'ingress' as const, protocol: 'tcp', fromPort: 443, toPort: 443, groupName: 'x', peeringId: pcx };
    const index = indexTopology(stale);
    const plan = must(
      planStaleCleanup(
        stale,
        { peeringId: pcx },
        {
          vpcs: [
            { vpcId: 'vpc-a' as VpcId, accountId: '111111111111', region: 'eu-west-1', rules: [{ ...rule, vpcId: 'vpc-a' as VpcId, groupId: 'sg-app' as SecurityGroupId, peerGroupId: 'sg-db' as SecurityGroupId, peerAccountId: '222222222222' }] },
            { vpcId: 'vpc-b' as VpcId, accountId: '222222222222', region: 'eu-west-1', rules: [{ ...rule, direction: 'egress', vpcId: 'vpc-b' as VpcId, groupId: 'sg-db' as SecurityGroupId, peerGroupId: 'sg-app' as SecurityGroupId, peerAccountId: '111111111111' }] },
          ],
          routes: [...staleRoutesOfVpc(index, 'vpc-a' as VpcId), ...staleRoutesOfVpc(index, 'vpc-b' as VpcId)],
        },
        profilesFromTopology(stale.accounts),
      ),
    );
    const after = applyRun(stale, plan, runOf(plan, () => 'done'));
    const groups = new Map(after.securityGroups.map((g) => [g.id, g]));
    expect(groups.get('sg-app' as SecurityGroupId)!.ingress.some((r) => r.peer.kind === 'group' && r.peer.peeringId === pcx)).toBe(false);
    expect(groups.get('sg-db' as SecurityGroupId)!.egress.some((r) => r.peer.kind === 'group' && r.peer.peeringId === pcx)).toBe(false);
    expect(staleRoutesOfVpc(indexTopology(after), 'vpc-a' as VpcId)).toEqual([]);
    expect(staleRoutesOfVpc(indexTopology(after), 'vpc-b' as VpcId)).toEqual([]);
  });
});
