/** Can traffic get from A to B over a peering? Each hop checked offline, like AWS Reachability Analyzer.
 *
 * Checks, in the order a packet meets them: both endpoints exist; an active peering joins their
 * VPCs ("VPC peering connection lifecycle": only `active` carries traffic); the source subnet's
 * route table sends the destination to that peering and the destination's table sends the
 * source back ("Update your route tables for a VPC peering connection"); a security group on the
 * source side allows the traffic out and one on the destination side allows it in, by CIDR, by a
 * prefix list's entries or by a group referenced across the peering, which works only within one
 * region; the network ACLs of both subnets let the request and, statelessly, the reply through.
 *
 * Each hop is its own module: endpoints (`reachability-endpoints.ts`), routes, as verdicts on
 * traces of the forwarding engine (`reachability-routes.ts`), security groups
 * (`reachability-groups.ts`) and network ACLs (`reachability-acls.ts`); the data types are in
 * `reachability-types.ts`. The rules are in docs/reachability.md.
 */
import { assertNever } from '../core/result';
import type { CidrRange, IpFamily } from '../cidr/parse-cidr';
import { parseIpAddress } from '../cidr/parse-cidr';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { PeeringId, RouteTableId, VpcId } from '../model/ids';
import type { RegionCoverage } from '../model/snapshot';
import type { Peering, Topology, TransitGatewayAttachment, TransitGatewayId } from '../model/topology';
import { kindList, unreadKindsAt } from '../model/unread';
import type { PreferVpc } from './reachability-endpoints';
import { resolveEndpoint } from './reachability-endpoints';
import type { Traffic } from './reachability-groups';
import { checkGroups, pickGroups } from './reachability-groups';
import { prefixListLookup } from './prefix-lists';
import { checkAcls } from './reachability-acls';
import { checkRoutes } from './reachability-routes';
import type { ReachabilityCheck, ReachabilityExplanation, ReachabilityOptions, ResolvedEndpoint } from './reachability-types';
import type { TopologyIndex } from './topology-index';
import { indexTopology, labelPeering, labelVpc } from './topology-index';
import { explainNoDirectPath } from './transitive-paths';
import { fixPlaces, waitingAttachments } from './reachability-tgw';
import type { GatewayFailure } from './tgw-words';
import { gatewayFixWords } from './tgw-words';
import { tgwLookupOf } from './tgw-lookup';
import { gatewaysJoining } from './vpc-reach';

export type {
  CheckStatus,
  ReachabilityCheck,
  ReachabilityCheckKind,
  ReachabilityExplanation,
  ReachabilityOptions,
  ResolvedEndpoint,
  TrafficProtocol,
} from './reachability-types';

export function explainReachability(topology: Topology, from: string, to: string, opts: ReachabilityOptions = {}): ReachabilityExplanation {
  const index = indexTopology(topology);
  const protocol = opts.protocol ?? '-1';
  const { source, destination } = resolvePair(topology, index, from, to, pickFamily(from, to, opts.family));
  const checks: ReachabilityCheck[] = [source.check, destination.check];
  const notes: string[] = [];
  if (!source.ok || !destination.ok) {
    return finish(checks, source.ok ? source.endpoint : null, destination.ok ? destination.endpoint : null, null, notes);
  }
  const src = source.endpoint;
  const dst = destination.endpoint;
  notes.push(...unreadNotes(index, opts.coverage ?? [], [src.vpcId, dst.vpcId]));
  const sameVpc = src.vpcId === dst.vpcId;
  let peering: Peering | null = null;
  // Transit gateways both VPCs are attached to (one gateway, or gateways peered): the route hops then follow them.
  const gateways = sameVpc ? [] : gatewaysJoining(topology, src.vpcId, dst.vpcId);
  const backGateways = sameVpc ? [] : gatewaysJoining(topology, dst.vpcId, src.vpcId);
  // Attachments that would join them once available (pending the owner's acceptance): the gateway, not a new peering, is the fix.
  const waiting = sameVpc || gateways.length > 0 ? [] : [...waitingAttachments(topology, src.vpcId, dst.vpcId), ...waitingAttachments(topology, dst.vpcId, src.vpcId)];

  if (sameVpc) {
    checks.push({
      kind: 'peering',
      status: 'pass',
      resourceIds: [src.vpcId],
      message: `Both endpoints are in ${labelVpc(index, src.vpcId)}: the local route carries the traffic, no peering is needed.`,
    });
  } else {
    const result = checkPeering(topology, index, src.vpcId, dst.vpcId);
    peering = result.peering;
    checks.push(
      peering ? result.check : gateways.length > 0 ? gatewayConnectionCheck(index, src.vpcId, dst.vpcId, gateways) : waiting.length > 0 ? waitingAttachmentCheck(topology, index, src.vpcId, dst.vpcId, waiting) : result.check,
    );
  }

  let transitGatewayIds: TransitGatewayId[] = [];
  if (!sameVpc) {
    const hops = { topology, index, src, dst, srcRanges: source.ranges, dstRanges: destination.ranges, peering, gateways, backGateways, waiting };
    const there = routeHopChecks(hops, 'source-route');
    checks.push(...there);
    checks.push(...routeHopChecks(hops, 'return-route'));
    transitGatewayIds = [...new Set(there.flatMap((c) => (c.traces ?? []).flatMap((t) => t.hops.flatMap((h) => (h.kind === 'tgw-table' ? [h.transitGatewayId] : [])))))];
  }

  const sourceGroupIds = opts.sourceSecurityGroupIds ?? src.securityGroupIds;
  const destinationGroupIds = opts.destinationSecurityGroupIds ?? dst.securityGroupIds;
  const sourceGroups = pickGroups(index, src.vpcId, sourceGroupIds);
  const destinationGroups = pickGroups(index, dst.vpcId, destinationGroupIds);
  const vague = [...(sourceGroupIds ? [] : [src]), ...(destinationGroupIds ? [] : [dst])];
  if (vague.length > 0) {
    notes.push(
      `${vague.map((e) => e.input.trim()).join(' and ')} ${vague.length === 1 ? 'is' : 'are'} not an instance or interface: any security group of ${vague.length === 1 ? 'its VPC' : 'their VPCs'} counts as the endpoint's; give an instance or interface id, or name the groups, to be exact.`,
    );
  }
  const lists = prefixListLookup(topology);
  const traffic: Traffic = { protocol, ...(opts.port !== undefined ? { port: opts.port } : {}) };
  checks.push(
    checkGroups(index, 'source-egress', src, sourceGroups, destination.ranges, destinationGroups, traffic, peering, lists),
    checkGroups(index, 'destination-ingress', dst, destinationGroups, source.ranges, sourceGroups, traffic, peering, lists),
    ...checkAcls(topology, index.rangeOf, src, source.ranges, dst, destination.ranges, traffic),
  );
  return finish(checks, src, dst, peering?.id ?? null, notes, transitGatewayIds);
}

/** The two endpoints read as `explainReachability` reads them. */
function resolvePair(topology: Topology, index: TopologyIndex, from: string, to: string, familyHint: IpFamily) {
  let source = resolveEndpoint(topology, index, from, 'source', familyHint);
  let destination = resolveEndpoint(topology, index, to, 'destination', familyHint);
  // An address in overlapping VPCs is read as the one the other endpoint can talk to, if only one can.
  if (!source.ok && source.ambiguous && destination.ok) source = resolveEndpoint(topology, index, from, 'source', familyHint, reachableFrom(index, destination.endpoint.vpcId));
  if (!destination.ok && destination.ambiguous && source.ok) destination = resolveEndpoint(topology, index, to, 'destination', familyHint, reachableFrom(index, source.endpoint.vpcId));
  return { source, destination };
}

/** What the route hops of a question depend on: the endpoints, the active peering and the gateways joining them each way. */
interface RouteHopInputs {
  readonly topology: Topology;
  readonly index: TopologyIndex;
  readonly src: ResolvedEndpoint;
  readonly dst: ResolvedEndpoint;
  readonly srcRanges: readonly CidrRange[];
  readonly dstRanges: readonly CidrRange[];
  readonly peering: Peering | null;
  readonly gateways: readonly TransitGatewayId[];
  readonly backGateways: readonly TransitGatewayId[];
  readonly waiting: readonly TransitGatewayAttachment[];
}

/** The source's route hop towards the destination, or the destination's back. */
function routeHopChecks(h: RouteHopInputs, kind: 'source-route' | 'return-route'): ReachabilityCheck[] {
  const blocks = collectVpcBlocks(h.topology).byVpc;
  const waiting = h.waiting.length > 0;
  return kind === 'source-route'
    ? checkRoutes(h.topology, h.index, kind, h.src, h.dstRanges, blocks.get(h.dst.vpcId) ?? [], h.peering, h.gateways.length > 0 || waiting ? h.dst.vpcId : undefined)
    : checkRoutes(h.topology, h.index, kind, h.dst, h.srcRanges, blocks.get(h.src.vpcId) ?? [], h.peering, h.backGateways.length > 0 || waiting ? h.src.vpcId : undefined);
}

/**
 * The fix of the first failing route hop of `explainReachability(topology, from, to)` (the
 * source's route, then the return route), worked out without the other hops: the connection
 * check's search for a path, security groups and network ACLs. Undefined when no route hop
 * fails, or the first that fails has no fix.
 */
export function firstRouteHopFix(topology: Topology, from: string, to: string): string | undefined {
  const index = indexTopology(topology);
  const { source, destination } = resolvePair(topology, index, from, to, pickFamily(from, to, undefined));
  if (!source.ok || !destination.ok) return undefined;
  const src = source.endpoint;
  const dst = destination.endpoint;
  if (src.vpcId === dst.vpcId) return undefined;
  const gateways = gatewaysJoining(topology, src.vpcId, dst.vpcId);
  const backGateways = gatewaysJoining(topology, dst.vpcId, src.vpcId);
  const waiting = gateways.length > 0 ? [] : [...waitingAttachments(topology, src.vpcId, dst.vpcId), ...waitingAttachments(topology, dst.vpcId, src.vpcId)];
  const hops = { topology, index, src, dst, srcRanges: source.ranges, dstRanges: destination.ranges, peering: activePeering(index, src.vpcId, dst.vpcId) ?? null, gateways, backGateways, waiting };
  for (const kind of ['source-route', 'return-route'] as const) {
    const failed = routeHopChecks(hops, kind).find((c) => c.status === 'fail');
    if (failed) return failed.fix;
  }
  return undefined;
}

function finish(
  checks: readonly ReachabilityCheck[],
  from: ResolvedEndpoint | null,
  to: ResolvedEndpoint | null,
  peeringId: PeeringId | null,
  notes: readonly string[],
  transitGatewayIds: readonly TransitGatewayId[] = [],
): ReachabilityExplanation {
  const verdict = checks.some((c) => c.status === 'fail')
    ? 'unreachable'
    : checks.every((c) => c.status === 'pass')
      ? 'reachable'
      : 'undetermined';
  return { verdict, from, to, peeringId, ...(transitGatewayIds.length > 0 ? { transitGatewayIds } : {}), checks, notes };
}

/** The connection hop when no active peering joins the VPCs but transit gateways do: the route hops say whether traffic takes them. */
function gatewayConnectionCheck(index: TopologyIndex, a: VpcId, b: VpcId, gateways: readonly TransitGatewayId[]): ReachabilityCheck {
  return {
    kind: 'peering',
    status: 'pass',
    resourceIds: [a, b, ...gateways],
    message: `No active peering joins ${labelVpc(index, a)} and ${labelVpc(index, b)}; ${gateways.length === 1 ? `transit gateway ${gateways[0]} joins them` : `transit gateways ${gateways.join(', ')} join them`} (both attached, to one gateway or to peered gateways): the route hops follow it.`,
  };
}

/**
 * The connection hop when no active peering joins the VPCs and transit gateways would, but an
 * attachment on the way is not available yet: it fails naming the attachment, and its fix is the
 * gateway's (accepting a pending attachment as the owner), not a new peering.
 */
function waitingAttachmentCheck(topology: Topology, index: TopologyIndex, a: VpcId, b: VpcId, waiting: readonly TransitGatewayAttachment[]): ReachabilityCheck {
  const first = waiting[0]!;
  const gateway = tgwLookupOf(topology).gatewayById.get(first.transitGatewayId);
  const vpcId = (first.vpc?.vpcId ?? first.resourceId) as VpcId;
  const failure: GatewayFailure = {
    reason: 'attachment-not-available',
    transitGatewayId: first.transitGatewayId,
    region: gateway?.region ?? '',
    ownerAccountId: gateway?.accountId ?? '',
    vpcRouteTableId: '' as RouteTableId,
    vpcId,
    block: '',
    attachmentId: first.id,
    attachmentState: first.state,
  };
  const fix = gatewayFixWords({ ...failure, places: fixPlaces(index, topology, failure) });
  const listed = waiting.map((w) => `${labelVpc(index, (w.vpc?.vpcId ?? w.resourceId) as VpcId)}'s attachment ${w.id} to ${w.transitGatewayId} is ${w.state}`);
  return {
    kind: 'peering',
    status: 'fail',
    resourceIds: [a, b, ...new Set(waiting.flatMap((w) => [w.transitGatewayId, w.id]))],
    message: `No active peering joins ${labelVpc(index, a)} and ${labelVpc(index, b)}, and transit gateways would, but ${listed.join(', and ')}: no traffic flows through it until it is available.`,
    ...(fix ? { fix } : {}),
    blockedBy: {
      kind: 'transit-gateway',
      reason: 'attachment-not-available',
      transitGatewayId: first.transitGatewayId,
      routeTableId: first.association?.routeTableId ?? gateway?.options.associationDefaultRouteTableId ?? '',
      attachmentId: first.id,
      destination: '',
    },
  };
}

/**
 * One note per account × region of the endpoints whose scan could not read some kinds: what of
 * them the snapshot holds there is not all there is, so it was not checked there.
 */
function unreadNotes(index: TopologyIndex, coverage: readonly RegionCoverage[], vpcIds: readonly VpcId[]): string[] {
  const places = new Map<string, { accountId: string; region: string }>();
  for (const id of vpcIds) {
    const v = index.vpcById.get(id);
    if (v) places.set(`${v.accountId}/${v.region}`, { accountId: v.accountId, region: v.region });
  }
  return [...places.values()].flatMap(({ accountId, region }) => {
    const unread = unreadKindsAt(coverage, accountId, region);
    if (unread.length === 0) return [];
    const codes = [...new Set(unread.map((u) => u.errorCode))].join(', ');
    return [`The scan could not read ${kindList(unread.map((u) => u.kind))} in account ${accountId} · ${region} (${codes}): they were not checked there.`];
  });
}

function pickFamily(from: string, to: string, requested: IpFamily | undefined): IpFamily {
  for (const text of [from, to]) {
    const ip = parseIpAddress(text);
    if (ip.ok) return ip.value.family;
  }
  return requested ?? 'ipv4';
}

function reachableFrom(index: TopologyIndex, vpcId: VpcId): PreferVpc {
  const peers = new Set<VpcId>([vpcId]);
  for (const p of index.peeringsByVpc.get(vpcId) ?? []) {
    if (p.status === 'active') peers.add(p.requester.vpcId === vpcId ? p.accepter.vpcId : p.requester.vpcId);
  }
  return (id) => peers.has(id);
}

/** The active peering joining two VPCs, if any. */
function activePeering(index: TopologyIndex, a: VpcId, b: VpcId): Peering | undefined {
  return (index.peeringsByVpc.get(a) ?? []).find((p) => p.status === 'active' && ((p.requester.vpcId === a && p.accepter.vpcId === b) || (p.requester.vpcId === b && p.accepter.vpcId === a)));
}

function checkPeering(topology: Topology, index: TopologyIndex, a: VpcId, b: VpcId): { peering: Peering | null; check: ReachabilityCheck } {
  const active = activePeering(index, a, b);
  if (active) {
    return {
      peering: active,
      check: {
        kind: 'peering',
        status: 'pass',
        resourceIds: [active.id, a, b],
        message: `${labelPeering(index, active.id)} joins ${labelVpc(index, a)} and ${labelVpc(index, b)} and is active.`,
      },
    };
  }
  const why = explainNoDirectPath(topology, a, b);
  switch (why.status) {
    case 'direct':
      // Unreachable in practice: `active` above would have matched.
      return { peering: null, check: { kind: 'peering', status: 'pass', resourceIds: [why.peeringId], message: why.message } };
    case 'not-yet-active':
      return {
        peering: null,
        check: {
          kind: 'peering',
          status: 'fail',
          resourceIds: [why.peeringId, a, b],
          message: `${labelVpc(index, a)} and ${labelVpc(index, b)} have a direct peering, ${labelPeering(index, why.peeringId)}, but it is ${why.peeringStatus}: no traffic flows until it is active.`,
          fix: why.fix,
          blockedBy: { kind: 'peering', vpcIds: [a, b], peeringId: why.peeringId, status: why.peeringStatus },
        },
      };
    case 'indirect':
    case 'unconnected': {
      const verdict = why.proposal.verdict;
      return {
        peering: null,
        check: {
          kind: 'peering',
          status: 'fail',
          resourceIds: [a, b, ...why.peeringIds],
          message:
            why.status === 'indirect'
              ? `${labelVpc(index, a)} reaches ${labelVpc(index, b)} only through ${why.path
                  .slice(1, -1)
                  .map((id) => labelVpc(index, id))
                  .join(', ')}; VPC peering is not transitive, so traffic cannot pass through ${why.path.length > 3 ? 'those VPCs' : labelVpc(index, why.path[1]!)}. A direct peering is needed.`
              : `No active peering joins ${labelVpc(index, a)} and ${labelVpc(index, b)}.`,
          fix: verdict.ok
            ? `Create a peering from ${a} to ${b}. ${verdict.summary}`
            : `A direct peering is not possible: ${verdict.reasons.map((r) => r.message).join(' ')} ${verdict.reasons[0]?.fix ?? ''}`.trim(),
          blockedBy: { kind: 'peering', vpcIds: [a, b] },
        },
      };
    }
    default:
      return assertNever(why);
  }
}
