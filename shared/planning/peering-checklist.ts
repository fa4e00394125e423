/** The checklist of one peering, computed from the latest discovery: requested → accepted →
 * requester routes → accepter routes → security groups → DNS, each with its state and the action
 * that finishes it.
 *
 * Routes use route completeness (shared/analysis); a route to a request still pending
 * acceptance is a blackhole until it is accepted, which is expected and counts as in place.
 */
import { ownDnsNotes } from '../analysis/dhcp-words';
import type { SideRouteCompleteness } from '../analysis/route-completeness';
import { suggestRouteFix } from '../analysis/route-words';
import { indexTopology } from '../analysis/topology-index';
import { hasOverlap } from '../cidr/overlap';
import { parseCidrRange } from '../cidr/parse-cidr';
import { fail, ok, type Result } from '../core/result';
import type { PeeringId, VpcId } from '../model/ids';
import { awsCommandText, ec2Command } from '../words/aws-cli';
import type { Peering, SecurityGroup, Topology } from '../model/topology';
import { hasEnded, peeringLeftovers, routeListWords } from '../analysis/peering-leftovers';
import { nextStep, nextStepContextIn, type NextStep } from './next-step';
import type { PlanSideRole, ProfilesByAccount } from './plan-types';
import { routeCompletenessOf } from './route-status';
import { profilesFromTopology } from './plan-types';
import { staleRoutesItem } from './stale-routes';
import type { TimeContext } from '../words/time-words';
import { whenWords } from '../words/time-words';

/** The items, in order (`stale-routes` only for a peering that ended while routes still point at it). */
export type ChecklistItemId = 'requested' | 'accepted' | 'requester-routes' | 'accepter-routes' | 'stale-routes' | 'security-groups' | 'dns';

/** Where an item stands. */
export type ChecklistState =
  | 'done'
  /** AWS or the other side is working on it; nothing to do here now. */
  | 'waiting'
  /** Needed, and not done. */
  | 'todo'
  /** Not needed for traffic to flow, and not done. */
  | 'optional'
  /** Cannot be done in the peering's status. */
  | 'blocked'
  /** The peering is in a final status this item can never reach. */
  | 'failed'
  /** The peering is deleted or being deleted: the item no longer applies. */
  | 'closed'
  /** Not scanned. */
  | 'unknown';

/** What finishes an item. */
export type ChecklistAction =
  /** Accept with a local profile of the accepter's account (plan: `planCompletion`). */
  | { readonly kind: 'accept'; readonly label: string; readonly profile: string }
  /** Add the missing routes (plan: `planCompletion` with these sides). */
  | { readonly kind: 'add-routes'; readonly label: string; readonly sides: readonly PlanSideRole[] }
  /** Remove the routes left pointing at a peering that ended (plan: `planDeletion` with `staleRoutesOnly`). */
  | { readonly kind: 'remove-stale-routes'; readonly label: string }
  /** Allow DNS resolution (plan: `planCompletion` with `dns`). */
  | { readonly kind: 'enable-dns'; readonly label: string; readonly sides: readonly PlanSideRole[] }
  /** Open the plan form at its security-group part. */
  | { readonly kind: 'add-rules'; readonly label: string }
  /** Someone without a local profile must act: what they do, console and CLI. */
  | { readonly kind: 'ask-other-side'; readonly label: string; readonly accountId: string; readonly instructions: readonly string[] }
  | { readonly kind: 'recreate'; readonly label: string }
  | { readonly kind: 'rescan'; readonly label: string }
  | { readonly kind: 'wait'; readonly label: string };

/** One line of the checklist. */
export interface ChecklistItem {
  readonly id: ChecklistItemId;
  readonly label: string;
  readonly state: ChecklistState;
  /** Why it is in that state, with ids. */
  readonly detail: string;
  readonly action?: ChecklistAction;
}

/** The checklist of one peering. */
export interface PeeringChecklist {
  readonly peeringId: PeeringId;
  readonly status: Peering['status'];
  readonly next: NextStep;
  readonly items: readonly ChecklistItem[];
  /** True when every needed item is done (DNS is optional). */
  readonly complete: boolean;
}

function sideOf(p: Peering, role: PlanSideRole) {
  return role === 'requester' ? p.requester : p.accepter;
}

/** A peering pending or active (not merely not final, as `isLivePeeringStatus`): its routes and rules matter. */
function routesMatter(peering: Peering): boolean {
  return peering.status === 'pending-acceptance' || peering.status === 'provisioning' || peering.status === 'active';
}

/** The item of something that only matters for a live peering. */
function notLive(id: ChecklistItemId, label: string, peering: Peering, what: string, matters = 'pending or active'): ChecklistItem {
  return {
    id,
    label,
    state: peering.status === 'initiating-request' ? 'waiting' : hasEnded(peering) ? 'closed' : 'blocked',
    detail: `${what} only matter while the peering is ${matters} (it is ${peering.status}).`,
  };
}

/** The routes item of a peering that has ended: the routes of this side that still point at it, or that none do. */
function endedRoutesItem(id: ChecklistItemId, label: string, topology: Topology, peering: Peering, vpcId: VpcId): ChecklistItem {
  const base = notLive(id, label, peering, 'Routes');
  const leftovers = peeringLeftovers(topology, peering).routes.filter((r) => r.vpcId === vpcId);
  if (!indexTopology(topology).vpcById.has(vpcId)) return { ...base, detail: `${base.detail} ${vpcId} was not scanned, so its routes to ${peering.id} are unknown.` };
  if (leftovers.length === 0) return { ...base, detail: `${base.detail} No route of ${vpcId} points at it.` };
  const shown = routeListWords(leftovers);
  return { ...base, detail: `${base.detail} ${leftovers.length} route${leftovers.length === 1 ? '' : 's'} of ${vpcId} still point${leftovers.length === 1 ? 's' : ''} at it, blackholes to remove: ${shown}.` };
}

function routesItem(
  topology: Topology,
  role: PlanSideRole,
  peering: Peering,
  side: SideRouteCompleteness | undefined,
  profiles: ProfilesByAccount,
): ChecklistItem {
  const id: ChecklistItemId = role === 'requester' ? 'requester-routes' : 'accepter-routes';
  const me = sideOf(peering, role);
  const label = `${role === 'requester' ? 'Requester' : 'Accepter'} routes (${me.vpcId})`;
  if (hasEnded(peering)) return endedRoutesItem(id, label, topology, peering, me.vpcId);
  if (!routesMatter(peering)) return notLive(id, label, peering, 'Routes');
  if (!side || side.summary === 'unknown') {
    return { id, label, state: 'unknown', detail: side?.note ?? `${me.vpcId} was not scanned.`, action: { kind: 'rescan', label: `Rescan account ${me.accountId} in ${me.region}` } };
  }
  const active = peering.status === 'active';
  const missing = side.tables.flatMap((t) =>
    t.checks.filter((c) => !(c.state === 'ok' || (c.state === 'blackhole' && !active))).map((c) => ({ table: t.routeTableId, check: c })),
  );
  if (side.tables.length === 0) return { id, label, state: 'done', detail: side.note ?? `${me.vpcId} has no subnets, so no routes are needed.` };
  if (missing.length === 0) {
    const n = side.tables.reduce((k, t) => k + t.checks.length, 0);
    return {
      id,
      label,
      state: 'done',
      detail: `${n} route${n === 1 ? '' : 's'} in ${side.tables.map((t) => t.routeTableId).join(', ')} point${n === 1 ? 's' : ''} at ${peering.id}${active ? '' : ' (they carry traffic once it is accepted)'}.`,
    };
  }
  const unsure = missing.filter((m) => m.check.state === 'unknown').length;
  const what = unsure === missing.length ? 'carried only by a prefix list whose entries are not in the snapshot' : `missing or pointing elsewhere${unsure > 0 ? ' (or carried only by a prefix list)' : ''}`;
  const detail = `${missing.length} of ${side.tables.reduce((k, t) => k + t.checks.length, 0)} routes ${what}: ${missing
    .slice(0, 4)
    .map((m) => `${m.check.peerCidr} in ${m.table} (${m.check.state})`)
    .join(', ')}${missing.length > 4 ? ', …' : ''}.`;
  const profile = profiles[me.accountId]?.[0];
  if (profile) return { id, label, state: 'todo', detail, action: { kind: 'add-routes', label: `Add ${missing.length} route${missing.length === 1 ? '' : 's'} with profile ${profile}`, sides: [role] } };
  return {
    id,
    label,
    state: 'todo',
    detail,
    action: {
      kind: 'ask-other-side',
      label: `Ask the owner of account ${me.accountId} to add the routes`,
      accountId: me.accountId,
      instructions: missing.map((m) => suggestRouteFix(m.check, m.table, peering.id, me.region) ?? `${m.check.peerCidr} in ${m.table}`),
    },
  };
}

function allowsPeer(group: SecurityGroup, peer: Peering['requester'], peerGroupIds: ReadonlySet<string>, peeringId: PeeringId): string[] {
  const peerRanges = [...peer.cidrBlocks, ...peer.ipv6CidrBlocks].flatMap((c) => {
    const r = parseCidrRange(c);
    return r.ok ? [r.value] : [];
  });
  const found: string[] = [];
  for (const rule of group.ingress) {
    if (rule.peer.kind === 'cidr') {
      const r = parseCidrRange(rule.peer.cidr);
      if (r.ok && peerRanges.some((p) => hasOverlap(p, r.value))) found.push(`${group.id} allows ${rule.protocol === '-1' ? 'all traffic' : `${rule.protocol} ${rule.fromPort ?? ''}${rule.toPort !== rule.fromPort ? `-${rule.toPort}` : ''}`} from ${rule.peer.cidr}`);
    } else if (rule.peer.kind === 'group' && (rule.peer.peeringId === peeringId || peerGroupIds.has(rule.peer.groupId))) {
      found.push(`${group.id} allows ${rule.protocol === '-1' ? 'all traffic' : rule.protocol} from ${rule.peer.groupId}`);
    }
  }
  return found;
}

/** `idle`: why nothing can cross the peering (a VPC has no subnets), when nothing can. */
function securityGroupsItem(topology: Topology, peering: Peering, idle: string | undefined): ChecklistItem {
  const index = indexTopology(topology);
  const label = 'Security groups';
  if (!routesMatter(peering)) return notLive('security-groups', label, peering, 'Rules for the peer');
  if (idle) return { id: 'security-groups', label, state: 'done', detail: `No rule is needed while nothing can cross the peering: ${idle}` };
  const perSide = (['requester', 'accepter'] as const).map((role) => {
    const me = sideOf(peering, role);
    const peer = sideOf(peering, role === 'requester' ? 'accepter' : 'requester');
    const groups = index.securityGroupsByVpc.get(me.vpcId);
    if (!groups) return { role, scanned: false, allows: [] as string[] };
    const peerGroupIds = new Set((index.securityGroupsByVpc.get(peer.vpcId) ?? []).map((g) => g.id));
    return { role, scanned: true, allows: groups.flatMap((g) => allowsPeer(g, peer, peerGroupIds, peering.id)) };
  });
  const allowing = perSide.filter((s) => s.allows.length > 0);
  if (allowing.length > 0) {
    return { id: 'security-groups', label, state: 'done', detail: allowing.flatMap((s) => s.allows).slice(0, 4).join('; ') + '.' };
  }
  if (perSide.every((s) => !s.scanned)) return { id: 'security-groups', label, state: 'unknown', detail: 'Neither VPC\'s security groups were scanned.' };
  return {
    id: 'security-groups',
    label,
    state: 'todo',
    detail: `No security group of ${peering.requester.vpcId} or ${peering.accepter.vpcId} allows traffic from the other VPC, so nothing gets through even with routes.`,
    action: { kind: 'add-rules', label: 'Add a rule that lets the other VPC in…' },
  };
}

function dnsItem(topology: Topology, peering: Peering): ChecklistItem {
  const index = indexTopology(topology);
  const label = 'DNS resolution';
  if (hasEnded(peering)) return notLive('dns', label, peering, 'DNS options', 'active');
  if (peering.status !== 'active') return { id: 'dns', label, state: 'blocked', detail: 'DNS options can be set once the peering is active.' };
  const off = (['requester', 'accepter'] as const).filter((r) => !sideOf(peering, r).allowDnsResolutionFromRemoteVpc);
  const ownDns = ownDnsNotes(topology.dhcpOptions, [index.vpcById.get(peering.requester.vpcId), index.vpcById.get(peering.accepter.vpcId)]);
  const notes = ownDns.length > 0 ? ` ${ownDns.join(' ')}` : '';
  if (off.length === 0) return { id: 'dns', label, state: 'done', detail: `Both sides resolve the peer's private DNS names to private IPs.${notes}` };
  const attrsOff = [peering.requester.vpcId, peering.accepter.vpcId].filter((id) => {
    const v = index.vpcById.get(id);
    return v && (v.enableDnsHostnames === false || v.enableDnsSupport === false);
  });
  return {
    id: 'dns',
    label,
    state: 'optional',
    detail:
      `Not allowed on the ${off.join(' and ')} side${off.length > 1 ? 's' : ''}: public DNS names of the peer resolve to public IPs there.` +
      (attrsOff.length ? ` ${attrsOff.join(' and ')} must first enable DNS hostnames and DNS support.` : '') +
      notes,
    action: { kind: 'enable-dns', label: 'Allow DNS resolution from the peer', sides: off },
  };
}

/** The checklist of `peeringId` in `topology`; not-found when the peering is not in it. */
export function peeringChecklist(
  topology: Topology,
  peeringId: PeeringId,
  profilesByAccount: ProfilesByAccount = profilesFromTopology(topology.accounts),
  /** How to word times (an expiry): with `now`, relative to it too. */
  times?: Partial<TimeContext>,
): Result<PeeringChecklist> {
  const peering = indexTopology(topology).peeringById.get(peeringId);
  if (!peering) return fail('not-found', `Peering ${peeringId} is not in the scanned topology.`, 'Rescan both VPCs\' accounts and regions.');
  const accepterProfiles = profilesByAccount[peering.accepter.accountId] ?? [];
  const context = nextStepContextIn(topology, peering, accepterProfiles, times);
  const next = nextStep(peering.status, context);
  // The next step says how; the button opens the plan. Overlapping VPCs can never be peered, so they get none.
  const recreate: Pick<ChecklistItem, 'action'> = next.actionKind === 'recreate' && !context.failureCause ? { action: { kind: 'recreate', label: 'Request a new peering…' } } : {};
  const items: ChecklistItem[] = [];

  const requested: ChecklistItem =
    peering.status === 'failed'
      ? { id: 'requested', label: 'Requested', state: 'failed', detail: next.meaning, ...recreate }
      : peering.status === 'initiating-request'
        ? { id: 'requested', label: 'Requested', state: 'waiting', detail: next.meaning, action: { kind: 'wait', label: next.action } }
        : {
            id: 'requested',
            label: 'Requested',
            state: 'done',
            detail: `${peering.id}${peering.name ? ` "${peering.name}"` : ''} from ${peering.requester.vpcId} (account ${peering.requester.accountId}, ${peering.requester.region}) to ${peering.accepter.vpcId} (account ${peering.accepter.accountId}, ${peering.accepter.region}).`,
          };
  items.push(requested);

  let accepted: ChecklistItem;
  switch (peering.status) {
    case 'active':
      accepted = { id: 'accepted', label: 'Accepted', state: 'done', detail: `Accepted by account ${peering.accepter.accountId}.` };
      break;
    case 'provisioning':
      accepted = { id: 'accepted', label: 'Accepted', state: 'waiting', detail: next.meaning, action: { kind: 'wait', label: next.action } };
      break;
    case 'pending-acceptance': {
      const profile = accepterProfiles[0];
      accepted = {
        id: 'accepted',
        label: 'Accepted',
        state: 'todo',
        detail: next.meaning + (peering.expirationTime ? ` It expires ${whenWords(peering.expirationTime, times)}.` : ''),
        action: profile
          ? { kind: 'accept', label: `Accept with profile ${profile} in ${peering.accepter.region}`, profile }
          : {
              kind: 'ask-other-side',
              label: `Ask the owner of account ${peering.accepter.accountId} to accept`,
              accountId: peering.accepter.accountId,
              instructions: [
                `Open the VPC console of account ${peering.accepter.accountId} in ${peering.accepter.region} → Peering connections → select ${peering.id} → Actions → Accept request.`,
                awsCommandText(ec2Command('AcceptVpcPeeringConnection', { VpcPeeringConnectionId: peering.id }), { region: peering.accepter.region }),
              ],
            },
      };
      break;
    }
    case 'initiating-request':
      accepted = { id: 'accepted', label: 'Accepted', state: 'blocked', detail: 'The request is still being initiated.' };
      break;
    case 'deleting':
    case 'deleted':
      // Whether it was ever accepted is not known (a pending request can be deleted too), and no longer matters.
      accepted = { id: 'accepted', label: 'Accepted', state: 'closed', detail: `${next.label}: ${next.meaning}` };
      break;
    case 'failed':
      accepted = { id: 'accepted', label: 'Accepted', state: 'failed', detail: 'The request failed, so it never reached the accepter.' };
      break;
    case 'rejected':
    case 'expired':
      accepted = { id: 'accepted', label: 'Accepted', state: 'failed', detail: `${next.label}: ${next.meaning}`, ...recreate };
      break;
  }
  items.push(accepted);

  const completeness = routeCompletenessOf(topology, peeringId, peering.status);
  items.push(routesItem(topology, 'requester', peering, completeness?.requester, profilesByAccount));
  items.push(routesItem(topology, 'accepter', peering, completeness?.accepter, profilesByAccount));
  const stale = staleRoutesItem(indexTopology(topology), peering, profilesByAccount);
  if (stale) items.push(stale);
  const idle = completeness?.requester.summary === 'nothing-to-route' ? completeness.requester.note : undefined;
  items.push(securityGroupsItem(topology, peering, idle));
  items.push(dnsItem(topology, peering));

  const complete = items.every((i) => i.id === 'dns' || i.state === 'done');
  return ok({ peeringId, status: peering.status, next, items, complete });
}
