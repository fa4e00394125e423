/** Plans that end a peering: delete it and clean up after it, or reject a pending request.
 *
 * Who may do what (AWS's VPC peering lifecycle): either owner deletes an
 * active peering; only the requester deletes a pending one (the accepter rejects it instead);
 * nobody can delete a failed, rejected or expired one. Routes to a deleted peering stay behind as
 * blackholes, so the plan removes them in both VPCs, and the rules Peerscape added for it
 * (found by the `peerscape <pcx>` marker in their description, or by a group reference across
 * it); rules that merely allow the peer's exact CIDR are offered unticked, since they may serve
 * something else. Cleanup steps are marked for confirmation (the routes and security-group
 * entries each side added for the peering are left behind by AWS and are cleaned up on both sides).
 */
import { fail, ok, type Result } from '../core/result';
import { indexTopology, type TopologyIndex } from '../analysis/topology-index';
import type { PeeringId, SecurityGroupId } from '../model/ids';
import type { Peering, SecurityGroup, SecurityGroupRule, Topology } from '../model/topology';
import { nextStep, nextStepContextOf, type NextStepContext } from './next-step';
import type { StepPlace } from './plan-steps';
import type { IpPermissionParam } from './step-params';
import { deleteRouteStep, peeringPlanSide, portWords, revokeIngressStep } from './plan-steps';
import type { PeeringPlan, PlanNote, PlanSideRole, PlanStep, ProfilesByAccount } from './plan-types';
import { profilesFromTopology } from './plan-types';
import { hasEnded, routesToPeering } from './stale-routes';

/** Options of `planDeletion`. */
export interface PlanDeletionOptions {
  readonly planId?: string;
  /** Leave the cleanup steps out (delete the peering only). */
  readonly withoutCleanup?: boolean;
  /** Only remove the routes still pointing at a peering that ended (its stale routes): no delete, no rules. */
  readonly staleRoutesOnly?: boolean;
}

function notInScan(peeringId: PeeringId): Result<never> {
  return fail('not-found', `Peering ${peeringId} is not in the scanned topology.`, 'Rescan the accounts and regions of both VPCs, then try again.');
}

function places(peering: Peering, profiles: ProfilesByAccount): Record<PlanSideRole, StepPlace> {
  const place = (role: PlanSideRole): StepPlace => {
    const side = role === 'requester' ? peering.requester : peering.accepter;
    const profile = profiles[side.accountId]?.[0];
    return { side: role, accountId: side.accountId, region: side.region, ...(profile ? { profile } : {}) };
  };
  return { requester: place('requester'), accepter: place('accepter') };
}

function context(peering: Peering, profiles: ProfilesByAccount): NextStepContext {
  return nextStepContextOf(peering, profiles[peering.accepter.accountId] ?? []);
}

/** A flattened rule as the one IpPermission that adds or revokes it; undefined for a prefix-list peer. */
export function permissionOf(rule: SecurityGroupRule, ownerAccountId: string): IpPermissionParam | undefined {
  const base = { IpProtocol: rule.protocol, ...(rule.fromPort !== undefined ? { FromPort: rule.fromPort, ToPort: rule.toPort ?? rule.fromPort } : {}) };
  switch (rule.peer.kind) {
    case 'cidr':
      return rule.peer.cidr.includes(':') ? { ...base, Ipv6Ranges: [{ CidrIpv6: rule.peer.cidr }] } : { ...base, IpRanges: [{ CidrIp: rule.peer.cidr }] };
    case 'group':
      return {
        ...base,
        UserIdGroupPairs: [{ GroupId: rule.peer.groupId, ...(rule.peer.accountId && rule.peer.accountId !== ownerAccountId ? { UserId: rule.peer.accountId } : {}) }],
      };
    case 'prefix-list':
      return undefined;
  }
}

function ruleSource(rule: SecurityGroupRule): string {
  switch (rule.peer.kind) {
    case 'cidr':
      return rule.peer.cidr;
    case 'group':
      return rule.peer.accountId ? `${rule.peer.accountId}/${rule.peer.groupId}` : rule.peer.groupId;
    case 'prefix-list':
      return rule.peer.prefixListId;
  }
}

/** Ingress rules of `group` that were added for `peering`, or may have been. */
function rulesForPeering(
  group: SecurityGroup,
  peering: Peering,
  peerCidrs: ReadonlySet<string>,
  peerGroupIds: ReadonlySet<SecurityGroupId>,
): { rule: SecurityGroupRule; certain: boolean }[] {
  const out: { rule: SecurityGroupRule; certain: boolean }[] = [];
  for (const rule of group.ingress) {
    const marked = rule.description?.includes(peering.id) ?? false;
    const acrossIt = rule.peer.kind === 'group' && rule.peer.peeringId === peering.id;
    if (marked || acrossIt) out.push({ rule, certain: true });
    else if (rule.peer.kind === 'cidr' && peerCidrs.has(rule.peer.cidr)) out.push({ rule, certain: false });
    else if (rule.peer.kind === 'group' && peerGroupIds.has(rule.peer.groupId)) out.push({ rule, certain: false });
  }
  return out;
}

/** A DeleteRoute step for every route in either VPC's tables that points at `peering`; a side not scanned gets a note. */
function routeRemovalSteps(index: TopologyIndex, peering: Peering, at: Record<PlanSideRole, StepPlace>, deps: readonly string[], notes: PlanNote[]): PlanStep[] {
  const { routes, unscanned } = routesToPeering(index, peering);
  for (const role of unscanned) {
    const side = role === 'requester' ? peering.requester : peering.accepter;
    notes.push({
      level: 'warning',
      message: `${side.vpcId} (account ${side.accountId}, ${side.region}) is not in the scan, so its routes and rules to ${peering.id} are not planned.`,
      fix: `Ask its owner to remove the routes to ${peering.id}, or add a profile for ${side.accountId} and rescan.`,
    });
  }
  return routes.map((r) => deleteRouteStep(at[r.role], r.vpcId, r.routeTableId, r.destination, peering.id, deps));
}

/**
 * The stale routes of a peering that ended (deleted, rejected, failed, expired): each route that
 * still points at it is a blackhole, removed with one DeleteRoute. Nothing else: no delete, no rules.
 */
function planStaleRouteRemoval(topology: Topology, peering: Peering, profilesByAccount: ProfilesByAccount, opts: PlanDeletionOptions): Result<PeeringPlan> {
  if (!hasEnded(peering)) {
    return fail('conflict', `${peering.id} is ${peering.status}: its routes are not stale.`, `Delete ${peering.id} with its routes instead, if it should go.`);
  }
  const at = places(peering, profilesByAccount);
  const notes: PlanNote[] = [];
  const steps = routeRemovalSteps(indexTopology(topology), peering, at, [], notes);
  if (steps.length === 0) {
    return fail('not-found', `No scanned route points at ${peering.id} any more.`, 'Nothing to remove; rescan if a route was added since.');
  }
  return ok({
    id: opts.planId ?? `plan-stale-routes-${peering.id}`,
    purpose: 'delete',
    title: `Remove the ${steps.length} stale route${steps.length === 1 ? '' : 's'} to ${peering.id} (${peering.status})`,
    requester: peeringPlanSide('requester', peering, topology, at.requester.profile),
    accepter: peeringPlanSide('accepter', peering, topology, at.accepter.profile),
    peeringId: peering.id,
    ...(peering.name ? { name: peering.name } : {}),
    steps,
    notes,
  });
}

/**
 * Plan the deletion of `peeringId` with its cleanup: the delete (when AWS allows one in its
 * status), then every route in both VPCs that points at it, then the rules added for it.
 */
export function planDeletion(
  topology: Topology,
  peeringId: PeeringId,
  profilesByAccount: ProfilesByAccount = profilesFromTopology(topology.accounts),
  opts: PlanDeletionOptions = {},
): Result<PeeringPlan> {
  const index = indexTopology(topology);
  const peering = index.peeringById.get(peeringId);
  if (!peering) return notInScan(peeringId);
  if (opts.staleRoutesOnly) return planStaleRouteRemoval(topology, peering, profilesByAccount, opts);
  const at = places(peering, profilesByAccount);
  const notes: PlanNote[] = [];
  const steps: PlanStep[] = [];
  const ctx = context(peering, profilesByAccount);

  let deleter: StepPlace | undefined;
  switch (peering.status) {
    case 'active':
      deleter = at.requester.profile ? at.requester : at.accepter.profile ? at.accepter : at.requester;
      break;
    case 'pending-acceptance':
      deleter = at.requester;
      if (!at.requester.profile && at.accepter.profile) {
        notes.push({
          level: 'warning',
          message: `Only the requester (account ${peering.requester.accountId}) can delete a pending request, and no local profile acts there.`,
          fix: `Reject it instead as account ${peering.accepter.accountId} (profile ${at.accepter.profile}), or let it expire.`,
        });
      }
      break;
    case 'initiating-request':
    case 'provisioning':
      return fail('conflict', `${peeringId} is ${peering.status}; AWS settles it within seconds.`, 'Wait a moment, rescan, then delete it.');
    case 'deleting':
    case 'deleted':
    case 'failed':
    case 'rejected':
    case 'expired': {
      const n = nextStep(peering.status, ctx);
      notes.push({ level: 'info', message: `${peeringId} is ${peering.status}: there is nothing to delete. ${n.meaning}`, fix: n.action });
      break;
    }
  }
  if (deleter) {
    steps.push({
      id: 'delete',
      kind: 'delete',
      side: deleter.side,
      title: `Delete ${peeringId} (${peering.status}) as account ${deleter.accountId} in ${deleter.region}`,
      ...(deleter.profile ? { profile: deleter.profile } : {}),
      accountId: deleter.accountId,
      region: deleter.region,
      action: 'DeleteVpcPeeringConnection',
      params: { VpcPeeringConnectionId: peeringId },
      enabled: true,
      dependsOn: [],
      needsActive: false,
      target: { vpcId: deleter.side === 'requester' ? peering.requester.vpcId : peering.accepter.vpcId },
    });
  }

  if (!opts.withoutCleanup) {
    const deps = deleter ? ['delete'] : [];
    steps.push(...routeRemovalSteps(index, peering, at, deps, notes));
    for (const role of ['requester', 'accepter'] as const) {
      const side = role === 'requester' ? peering.requester : peering.accepter;
      const peer = role === 'requester' ? peering.accepter : peering.requester;
      const peerCidrs = new Set([...peer.cidrBlocks, ...peer.ipv6CidrBlocks]);
      const peerGroupIds = new Set((index.securityGroupsByVpc.get(peer.vpcId) ?? []).map((g) => g.id));
      for (const group of index.securityGroupsByVpc.get(side.vpcId) ?? []) {
        for (const [i, { rule, certain }] of rulesForPeering(group, peering, peerCidrs, peerGroupIds).entries()) {
          const permission = permissionOf(rule, group.accountId);
          if (!permission) continue;
          const what = `${portWords(rule.protocol, rule.fromPort, rule.toPort)} from ${ruleSource(rule)}`;
          steps.push(
            revokeIngressStep(
              at[role],
              side.vpcId,
              group.id,
              `revoke:${group.id}:${i}`,
              permission,
              what,
              deps,
              certain,
              certain ? undefined : `Not marked as added for ${peeringId}: it allows the peer's block, but may serve something else. Tick it only if it does not.`,
            ),
          );
        }
      }
    }
  }
  if (steps.length === 0) {
    return fail('not-found', `Nothing to do for ${peeringId}: it is ${peering.status} and nothing points at it.`, nextStep(peering.status, ctx).action);
  }
  return ok({
    id: opts.planId ?? `plan-delete-${peeringId}`,
    purpose: 'delete',
    title: `Delete ${peering.name ? `"${peering.name}" (${peeringId})` : peeringId} and clean up after it`,
    requester: peeringPlanSide('requester', peering, topology, at.requester.profile),
    accepter: peeringPlanSide('accepter', peering, topology, at.accepter.profile),
    peeringId,
    ...(peering.name ? { name: peering.name } : {}),
    steps,
    notes,
  });
}

/** Options of `planRejection`. */
export interface PlanRejectionOptions {
  readonly planId?: string;
  /** A profile of the accepter's account (default: the first known). */
  readonly profile?: string;
}

/** Plan the rejection of a pending request: the accepter's account, in the accepter VPC's region. */
export function planRejection(
  topology: Topology,
  peeringId: PeeringId,
  profilesByAccount: ProfilesByAccount = profilesFromTopology(topology.accounts),
  opts: PlanRejectionOptions = {},
): Result<PeeringPlan> {
  const peering = indexTopology(topology).peeringById.get(peeringId);
  if (!peering) return notInScan(peeringId);
  const ctx = context(peering, profilesByAccount);
  if (peering.status !== 'pending-acceptance') {
    const n = nextStep(peering.status, ctx);
    return fail(
      'conflict',
      `${peeringId} is ${peering.status}; only a request pending acceptance can be rejected.${peering.status === 'active' ? ' An active peering can only be deleted.' : ''}`,
      peering.status === 'active' ? `Delete ${peeringId} instead.` : n.action,
    );
  }
  const known = profilesByAccount[peering.accepter.accountId] ?? [];
  const profile = opts.profile ?? known[0];
  if (!profile) {
    return fail(
      'unauthorized',
      `Only account ${peering.accepter.accountId} (the accepter) can reject ${peeringId}, and no local profile acts there.`,
      `Ask its owner to reject it in ${peering.accepter.region} (VPC console → Peering connections → Actions → Reject request), or let it expire; the requester can delete it instead.`,
    );
  }
  if (!known.includes(profile)) {
    return fail('invalid-input', `Profile "${profile}" is not known to act in account ${peering.accepter.accountId}.`, known.length ? `Use one of: ${known.join(', ')}.` : 'Rescan with that profile first.');
  }
  return ok({
    id: opts.planId ?? `plan-reject-${peeringId}`,
    purpose: 'reject',
    title: `Reject ${peeringId} from account ${peering.requester.accountId}`,
    requester: peeringPlanSide('requester', peering, topology, profilesByAccount[peering.requester.accountId]?.[0]),
    accepter: peeringPlanSide('accepter', peering, topology, profile),
    peeringId,
    steps: [
      {
        id: 'reject',
        kind: 'reject',
        side: 'accepter',
        title: `Reject ${peeringId} as account ${peering.accepter.accountId} in ${peering.accepter.region} with profile ${profile}`,
        profile,
        accountId: peering.accepter.accountId,
        region: peering.accepter.region,
        action: 'RejectVpcPeeringConnection',
        params: { VpcPeeringConnectionId: peeringId },
        enabled: true,
        dependsOn: [],
        needsActive: false,
        target: { vpcId: peering.accepter.vpcId },
      },
    ],
    notes: [],
  });
}
