/** The plan that removes everything left pointing at deleted peerings, from one VPC or from both
 * VPCs of one peering: a RevokeSecurityGroupIngress or RevokeSecurityGroupEgress per stale rule
 * (as DescribeStaleSecurityGroups reported it) and a DeleteRoute per stale route in the snapshot.
 *
 * Each step runs in the account and region of the VPC it changes, with that account's first
 * local profile. Every step is a cleanup the user confirms, and none depends on another.
 */
import { fail, ok, type Result } from '../core/result';
import { indexTopology } from '../analysis/topology-index';
import { leftoverWords, type StaleRoute } from '../analysis/peering-leftovers';
import type { StaleLeftovers, StaleRule } from '../analysis/stale-rules';
import type { PeeringId, VpcId } from '../model/ids';
import type { SecurityGroupRule, Topology } from '../model/topology';
import { permissionOf } from './plan-deletion';
import { deleteRouteStep, peeringPlanSide, planSide, revokeEgressStep, revokeIngressStep, type StepPlace } from './plan-steps';
import { portWords } from '../words/port-words';
import type { PeeringPlan, PlanNote, PlanSideRole, PlanStep, ProfilesByAccount } from './plan-types';

/** What a cleanup is about: one VPC, or one peering (both of its VPCs). */
export type StaleScope = { readonly vpcId: VpcId } | { readonly peeringId: PeeringId };

/** A stale rule as the flattened rule the plans revoke. */
function ruleOf(r: StaleRule): SecurityGroupRule {
  return {
    protocol: r.protocol,
    ...(r.fromPort !== undefined ? { fromPort: r.fromPort } : {}),
    ...(r.toPort !== undefined ? { toPort: r.toPort } : {}),
    peer: { kind: 'group', groupId: r.peerGroupId, ...(r.peerAccountId ? { accountId: r.peerAccountId } : {}) },
  };
}

/** Plan the removal of `leftovers` (read for `scope`). Fails when nothing is left to remove. */
export function planStaleCleanup(topology: Topology, scope: StaleScope, leftovers: StaleLeftovers, profiles: ProfilesByAccount): Result<PeeringPlan> {
  const index = indexTopology(topology);
  let requester: PeeringPlan['requester'];
  let accepter: PeeringPlan['accepter'];
  let subject: string;
  const roleOf = (vpcId: VpcId): PlanSideRole => (vpcId === accepter.vpcId && vpcId !== requester.vpcId ? 'accepter' : 'requester');
  if ('peeringId' in scope) {
    const peering = index.peeringById.get(scope.peeringId);
    if (!peering) return fail('not-found', `Peering ${scope.peeringId} is not in the scanned topology.`, 'Open the inspector of one of its VPCs instead: it lists what is left there.');
    requester = peeringPlanSide('requester', peering, topology, profiles[peering.requester.accountId]?.[0]);
    accepter = peeringPlanSide('accepter', peering, topology, profiles[peering.accepter.accountId]?.[0]);
    subject = peering.name ? `"${peering.name}" (${peering.id})` : peering.id;
  } else {
    const vpc = index.vpcById.get(scope.vpcId);
    if (!vpc) return fail('not-found', `VPC ${scope.vpcId} is not in the scanned topology.`, 'Rescan its account and region, then try again.');
    // A VPC's cleanup acts in that VPC alone: it is both sides of the plan.
    requester = planSide('requester', vpc, profiles[vpc.accountId]?.[0]);
    accepter = planSide('accepter', vpc, profiles[vpc.accountId]?.[0]);
    subject = vpc.name ? `"${vpc.name}" (${vpc.id})` : vpc.id;
  }
  const place = (vpcId: VpcId, accountId: string, region: string): StepPlace => {
    const profile = profiles[accountId]?.[0];
    return { side: roleOf(vpcId), accountId, region, ...(profile ? { profile } : {}) };
  };

  const steps: PlanStep[] = [];
  const notes: PlanNote[] = [];
  for (const v of leftovers.vpcs) {
    if (v.error) notes.push({ level: 'warning', message: `The stale rules of ${v.vpcId} are not planned: ${v.error.message}`, ...(v.error.fix ? { fix: v.error.fix } : {}) });
    for (const [i, r] of v.rules.entries()) {
      const permission = permissionOf(ruleOf(r), v.accountId);
      if (!permission) continue;
      const what = `${portWords(r.protocol, r.fromPort, r.toPort)} ${r.direction === 'ingress' ? 'from' : 'to'} ${r.peerAccountId ? `${r.peerAccountId}/` : ''}${r.peerGroupId}`;
      const at = place(v.vpcId, v.accountId, v.region);
      const id = `revoke-stale:${r.groupId}:${r.direction}:${i}`;
      steps.push(r.direction === 'ingress' ? revokeIngressStep(at, v.vpcId, r.groupId, id, permission, what, [], true) : revokeEgressStep(at, v.vpcId, r.groupId, id, permission, what, []));
    }
  }
  const routes: readonly StaleRoute[] = leftovers.routes;
  for (const r of routes) steps.push(deleteRouteStep(place(r.vpcId, r.accountId, r.region), r.vpcId, r.routeTableId, r.destination, r.peeringId, []));
  if (steps.length === 0) {
    return fail('not-found', `Nothing is left pointing at deleted peerings from ${subject}.`, notes.length ? notes.map((n) => n.message).join(' ') : 'Nothing to remove; rescan if something was added since.');
  }
  const rules = steps.filter((s) => s.kind !== 'delete-route').length;
  return ok({
    id: `plan-stale-${'peeringId' in scope ? scope.peeringId : scope.vpcId}`,
    purpose: 'delete',
    title: `Remove the ${leftoverWords(routes.length, rules)} left pointing at deleted peerings from ${subject}`,
    requester,
    accepter,
    ...('peeringId' in scope ? { peeringId: scope.peeringId } : {}),
    steps,
    notes,
  });
}
