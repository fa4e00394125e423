/** Plan what an existing peering still lacks, the parts asked for and nothing else: the accept,
 * missing routes on either side, security-group rules the user asks for, DNS. Accepting is its
 * own part: a plan of routes never accepts, and an accept adds no routes unless asked.
 *
 * Built from the latest discovery with route completeness (shared/analysis; only the route
 * tables that serve subnets count; longest prefix match decides), so the checklist and the plan
 * that finishes it always agree.
 */
import type { RouteCheck, SideRouteCompleteness } from '../analysis/route-completeness';
import { describeTarget } from '../analysis/route-words';
import { indexTopology } from '../analysis/topology-index';
import { fail, ok, type Result } from '../core/result';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { PeeringId } from '../model/ids';
import type { Peering, PeeringSide, Topology, Vpc } from '../model/topology';
import { vpcKnownFromPeerings, vpcOfPeeringSide } from '../model/topology';
import { nextStep } from './next-step';
import { ruleSteps, type SecurityGroupRuleRequest } from './plan-rules';
import type { StepPlace } from './plan-steps';
import { acceptStep, createRouteStep, dnsStep, peeringPlanSide } from './plan-steps';
import type { PeeringPlan, PlanNote, PlanSideRole, PlanStep, ProfilesByAccount } from './plan-types';
import { profilesFromTopology } from './plan-types';
import { routeCompletenessOf } from './route-status';

/** Options of `planCompletion`. */
export interface PlanCompletionOptions {
  readonly planId?: string;
  /** Accept the pending request (default: no; the routes of a pending peering can be added before it is accepted). */
  readonly accept?: boolean;
  /** Only these sides' routes (default both). */
  readonly sides?: readonly PlanSideRole[];
  /** Also allow DNS resolution from the peer on these sides. */
  readonly dns?: { readonly requester?: boolean; readonly accepter?: boolean };
  /** Leave out routes (accept or DNS only). */
  readonly withoutRoutes?: boolean;
  /** A profile of the accepter's account to accept with (default: the first known). */
  readonly accepterProfile?: string;
  /** Ingress rules to add to groups of either VPC, each allowing the other VPC. */
  readonly securityGroupRules?: readonly SecurityGroupRuleRequest[];
}

/** The VPC of a side, or what the peerings say of it when its account was not scanned (its best side). */
function vpcOfSide(topology: Topology, side: PeeringSide): Vpc {
  return indexTopology(topology).vpcById.get(side.vpcId) ?? vpcKnownFromPeerings(topology.peerings, side.vpcId) ?? vpcOfPeeringSide(side);
}

function routeWarning(check: RouteCheck, peeringId: PeeringId): string | undefined {
  switch (check.state) {
    case 'elsewhere':
      return `${check.peerCidr} is routed to ${describeTarget(check.route.target)} (route ${check.route.destination}): the run will ask whether to replace it.`;
    case 'partial':
      return `Only part of ${check.peerCidr} goes to ${peeringId} (${check.notToPeering.map((r) => `${r.destination} → ${describeTarget(r.target)}`).join(', ')} stays).`;
    default:
      return undefined;
  }
}

function missingRouteSteps(side: SideRouteCompleteness, place: StepPlace, peeringId: PeeringId, active: boolean, dependsOn: readonly string[], notes: PlanNote[]): PlanStep[] {
  if (side.summary === 'unknown') {
    notes.push({ level: 'warning', message: `Routes of the ${side.role} side cannot be checked: ${side.note ?? 'not scanned'}`, fix: `Rescan account ${place.accountId} in ${place.region}.` });
    return [];
  }
  if (side.note) notes.push({ level: 'info', message: side.note });
  const steps: PlanStep[] = [];
  for (const table of side.tables) {
    for (const check of table.checks) {
      // A route to this peering that is a blackhole only because the peering is not active yet is in place.
      if (check.state === 'ok' || (check.state === 'blackhole' && !active)) continue;
      steps.push(createRouteStep(place, side.vpcId, table.routeTableId, check.peerCidr, peeringId, dependsOn, routeWarning(check, peeringId)));
    }
  }
  return steps;
}

/** The plan's heading, naming what it does: "Accept pcx-1", "Add 2 routes to pcx-1", "Finish the setup of pcx-1". */
function completionTitle(peeringId: PeeringId, steps: readonly PlanStep[]): string {
  const kinds = new Set(steps.map((s) => s.kind));
  const routes = steps.filter((s) => s.kind === 'create-route').length;
  if (kinds.size === 1 && kinds.has('accept')) return `Accept ${peeringId}`;
  if (kinds.size === 1 && kinds.has('create-route')) return `Add ${routes} route${routes === 1 ? '' : 's'} to ${peeringId}`;
  if (kinds.size === 1 && kinds.has('modify-options')) return `Allow DNS resolution across ${peeringId}`;
  if (kinds.size === 1 && kinds.has('authorize-ingress')) return `Let the peer VPC of ${peeringId} in`;
  return kinds.has('accept') ? `Accept ${peeringId} and finish its setup` : `Finish the setup of ${peeringId}`;
}

/**
 * Plan what `peeringId` still lacks: accepting it (a pending request, when `accept`), the routes
 * each side is missing (unless `withoutRoutes`), rules and DNS options when asked. Refuses, with
 * the next step, peerings nobody can act on.
 */
export function planCompletion(
  topology: Topology,
  peeringId: PeeringId,
  profilesByAccount: ProfilesByAccount = profilesFromTopology(topology.accounts),
  opts: PlanCompletionOptions = {},
): Result<PeeringPlan> {
  const index = indexTopology(topology);
  const peering: Peering | undefined = index.peeringById.get(peeringId);
  if (!peering) return fail('not-found', `Peering ${peeringId} is not in the scanned topology.`, 'Rescan the accounts and regions of both VPCs, then try again.');
  const pending = peering.status === 'pending-acceptance';
  const active = peering.status === 'active' || peering.status === 'provisioning';
  if (!pending && !active) {
    const n = nextStep(peering.status, { peeringId, accepterAccountId: peering.accepter.accountId, accepterRegion: peering.accepter.region, ...(peering.statusMessage ? { statusMessage: peering.statusMessage } : {}) });
    return fail('conflict', `${peeringId} is ${peering.status}: ${n.meaning}`, n.action);
  }
  const known = profilesByAccount[peering.accepter.accountId] ?? [];
  if (opts.accepterProfile && !known.includes(opts.accepterProfile)) {
    return fail('invalid-input', `Profile "${opts.accepterProfile}" is not known to act in account ${peering.accepter.accountId}.`, known.length ? `Use one of: ${known.join(', ')}.` : 'Rescan with that profile first.');
  }
  const place = (role: PlanSideRole): StepPlace => {
    const side = role === 'requester' ? peering.requester : peering.accepter;
    const profile = role === 'accepter' && opts.accepterProfile ? opts.accepterProfile : profilesByAccount[side.accountId]?.[0];
    return { side: role, accountId: side.accountId, region: side.region, ...(profile ? { profile } : {}) };
  };
  const at = { requester: place('requester'), accepter: place('accepter') };
  const notes: PlanNote[] = [];
  const steps: PlanStep[] = [];
  const sameAccount = peering.requester.accountId === peering.accepter.accountId;
  const accepting = pending && opts.accept === true;
  if (accepting) steps.push(acceptStep(at.accepter, peering.accepter.vpcId, peeringId, [], sameAccount));
  const afterAccept = accepting ? ['accept'] : [];

  if (!opts.withoutRoutes) {
    const completeness = routeCompletenessOf(topology, peeringId, peering.status);
    const sides = opts.sides ?? ['requester', 'accepter'];
    for (const role of ['requester', 'accepter'] as const) {
      if (!sides.includes(role) || !completeness) continue;
      const deps = role === 'accepter' ? afterAccept : [];
      steps.push(...missingRouteSteps(completeness[role], at[role], peeringId, active, deps, notes));
    }
  }
  if (opts.securityGroupRules?.length) {
    // A group allows the other VPC's blocks, read as every analysis reads them: a pending
    // peering's accepter side is often empty, the VPC (or its best peering side) is not.
    const blocks = collectVpcBlocks(topology).byVpc;
    const peerBlocks = (side: PeeringSide): string[] => (blocks.get(side.vpcId) ?? []).map((b) => b.cidr);
    const rules = ruleSteps(
      topology,
      opts.securityGroupRules,
      { requester: vpcOfSide(topology, peering.requester), accepter: vpcOfSide(topology, peering.accepter) },
      at,
      { requester: peerBlocks(peering.accepter), accepter: peerBlocks(peering.requester) },
      // Rules on CIDR blocks need nothing of the peering; references wait for it to be active.
      { peering: peeringId, after: { requester: [], accepter: [] }, referenceAfter: afterAccept },
    );
    if (!rules.ok) return rules;
    steps.push(...rules.value.cidrSteps.requester, ...rules.value.cidrSteps.accepter, ...rules.value.refSteps);
  }
  for (const role of ['requester', 'accepter'] as const) {
    if (!opts.dns?.[role]) continue;
    const side = role === 'requester' ? peering.requester : peering.accepter;
    if (side.allowDnsResolutionFromRemoteVpc) continue;
    steps.push(dnsStep(at[role], side.vpcId, peeringId, true, afterAccept));
  }
  if (steps.length === 0 && opts.accept && !pending) {
    return fail('conflict', `${peeringId} is already ${peering.status}: there is no request left to accept.`, 'Rescan to see its current state; its checklist shows what is left.');
  }
  if (steps.length === 0) {
    return fail('not-found', `${peeringId} lacks nothing Peerscape can add: it is ${peering.status} and its routes are complete.`, 'Check the security groups if traffic still does not flow.');
  }
  return ok({
    id: opts.planId ?? `plan-${accepting ? 'accept' : 'complete'}-${peeringId}`,
    purpose: accepting ? 'accept' : 'complete',
    title: completionTitle(peeringId, steps),
    requester: peeringPlanSide('requester', peering, topology, at.requester.profile),
    accepter: peeringPlanSide('accepter', peering, topology, at.accepter.profile),
    peeringId,
    ...(peering.name ? { name: peering.name } : {}),
    steps,
    notes,
  });
}
