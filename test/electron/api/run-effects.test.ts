/** What a finished run changed: its scope, its marks, and the topology as its calls left AWS. */
import { describe, expect, it } from 'vitest';

import { applyRun, marksOfRun, scopeOfRun } from '../../../electron/api/run-effects';
import { planDeletion } from '../../../shared/planning/plan-deletion';
import { planPeering } from '../../../shared/planning/plan-peering';
import type { PlanRun, StepRunStatus } from '../../../shared/planning/plan-run';
import { profilesFromTopology, type PeeringPlan } from '../../../shared/planning/plan-types';
import type { Topology, Vpc } from '../../../shared/model/topology';
import { buildAnalysisTopology } from '../../support/fixtures/analysis-snapshot';

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
});
