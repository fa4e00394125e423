/** The reach view's pairs that transit gateways join: checked as `explain` checks two VPC endpoints.
 *
 * A pair is joined through gateways when one of them has an available attachment to a gateway the
 * other is attached to (the same one, or one joined by available gateway peerings:
 * `gatewaysJoining`), or would be once an attachment waiting for acceptance is accepted
 * (`waitingAttachments`). Its route hops are the explainer's (`checkRoutes` following the gateway,
 * and the peering when one is active too: the routes choose); then the network ACL hops and the
 * security groups, in the order of `PAIR_STAGES`. A failing gateway hop names the first blocking
 * component: the VPC not attached, the attachment not available (pending acceptance), not
 * associated, no route in the gateway table, a blackhole, the return path missing; a gateway
 * whose routing was not read makes the pair undetermined.
 */
import type { VpcId } from '../model/ids';
import type { ReachEntry, ReachTraffic } from './estate-reach';
import { reachableThroughWords, reachableWords } from './estate-reach-words';
import type { Peering, TransitGatewayAttachmentId, TransitGatewayId } from '../model/topology';
import type { EstateIndex, ReachVpc } from './estate-reach-index';
import type { ReachReason, ReachStage } from './estate-reach-stages';
import { PAIR_STAGES } from './estate-reach-stages';
import { explainReachability } from './explain-reachability';
import { checkGroups } from './reachability-groups';
import type { Traffic } from './reachability-groups';
import { checkRoutes } from './reachability-routes';
import { waitingAttachments } from './reachability-tgw';
import type { ReachabilityCheck } from './reachability-types';
import { prefixListLookup } from './prefix-lists';
import { tgwLookupOf } from './tgw-lookup';
import { directionReach, gatewaysJoining } from './vpc-reach';

/** The first transit gateway component that blocks a pair, in a few words' worth of data. */
export type GatewayComponent =
  | 'not-attached'
  | 'attachment-not-available'
  | 'not-associated'
  | 'no-gateway-route'
  | 'blackhole'
  | 'not-routed-to-gateway'
  | 'return-path-missing'
  | 'routing-unknown'
  | 'other';

/** What a gateway entry adds to a row's entry. */
export interface GatewayBlock {
  readonly component: GatewayComponent;
  /** Which way it stops: to the destination (`there`) or on the way back (`back`). */
  readonly direction: 'there' | 'back';
  readonly transitGatewayId: TransitGatewayId;
  readonly attachmentId?: TransitGatewayAttachmentId;
  /** The gateway table that decided, else the VPC table walked from. */
  readonly routeTableId?: string;
}

/** A pair's verdict through gateways, with the explainer's check that decided. */
export interface GatewayPairVerdict {
  readonly verdict: 'reachable' | 'blocked' | 'undetermined';
  readonly reason?: ReachReason;
  readonly stage?: ReachStage | 'peering';
  readonly check?: ReachabilityCheck;
  /** The gateways the source's routes cross, in order (as explain's `transitGatewayIds`). */
  readonly transitGatewayIds: readonly TransitGatewayId[];
  readonly gateway?: GatewayBlock;
}

/** True when transit gateways join the two VPCs (either way), or would once a waiting attachment is accepted. */
export function gatewayJoined(estate: EstateIndex, a: VpcId, b: VpcId): { readonly there: boolean; readonly back: boolean; readonly waiting: boolean } {
  const t = estate.topology;
  if (t.transitGateways.length === 0) return { there: false, back: false, waiting: false };
  const there = gatewaysJoining(t, a, b).length > 0;
  const back = gatewaysJoining(t, b, a).length > 0;
  const waiting = !there && !back && (waitingAttachments(t, a, b).length > 0 || waitingAttachments(t, b, a).length > 0);
  return { there, back, waiting };
}

/** The VPCs transit gateways join `vpcId` to (attached in one of its sets of peered gateways, available or waiting), sorted. */
export function gatewayNeighbours(estate: EstateIndex, vpcId: VpcId): VpcId[] {
  const t = estate.topology;
  if (t.transitGateways.length === 0) return [];
  const tgw = tgwLookupOf(t);
  const clusters = new Set<number>(tgw.vpcClusters.get(vpcId) ?? []);
  // Its own waiting attachments join it to the VPCs attached where they lead.
  for (const a of tgw.vpcAttachmentsByVpc.get(vpcId) ?? []) if (a.state !== 'available') clusters.add(tgw.cluster.get(a.transitGatewayId) ?? -1);
  const out = new Set<VpcId>();
  for (const c of clusters) for (const v of tgw.clusterVpcs.get(c) ?? []) out.add(v);
  // Others' waiting attachments into its sets of gateways.
  for (const a of t.transitGatewayAttachments) {
    if (a.resourceType !== 'vpc' || a.state === 'available') continue;
    const c = tgw.cluster.get(a.transitGatewayId);
    if (c !== undefined && clusters.has(c)) out.add((a.vpc?.vpcId ?? a.resourceId) as VpcId);
  }
  out.delete(vpcId);
  return [...out].filter((v) => estate.nodeOf.has(v) && gatewayJoinedAny(estate, vpcId, v)).sort();
}

function gatewayJoinedAny(estate: EstateIndex, a: VpcId, b: VpcId): boolean {
  const j = gatewayJoined(estate, a, b);
  return j.there || j.back || j.waiting;
}

const COMPONENTS: Readonly<Record<string, GatewayComponent>> = {
  'no-attachment': 'not-attached',
  'attachment-not-available': 'attachment-not-available',
  'tgw-peering-not-available': 'attachment-not-available',
  'no-association': 'not-associated',
  'no-route': 'no-gateway-route',
  'beyond-attachment': 'no-gateway-route',
  'wrong-vpc': 'no-gateway-route',
  blackhole: 'blackhole',
  'not-to-gateway': 'not-routed-to-gateway',
  'routing-unknown': 'routing-unknown',
  'not-in-snapshot': 'routing-unknown',
};

function reasonOfRoute(check: ReachabilityCheck): ReachReason {
  const b = check.blockedBy;
  if (b?.kind === 'transit-gateway') return 'transit-gateway';
  if (b?.kind === 'route') return b.blackhole ? 'blackhole' : b.target === null ? 'no-route' : 'wrong-target';
  return 'no-route';
}

function gatewayBlockOf(check: ReachabilityCheck, kind: 'source-route' | 'return-route' | 'peering'): GatewayBlock | undefined {
  const b = check.blockedBy;
  if (b?.kind !== 'transit-gateway') {
    // An undecided gateway hop carries no blockedBy: the walk that could not go on names its gateway.
    const end = check.status === 'unknown' ? (check.traces ?? []).map((tr) => tr.end).find((e) => e.kind === 'unknown' && 'transitGatewayId' in e) : undefined;
    const tgw = end && 'transitGatewayId' in end ? end.transitGatewayId : undefined;
    return tgw ? { component: 'routing-unknown', direction: kind === 'return-route' ? 'back' : 'there', transitGatewayId: tgw as TransitGatewayId } : undefined;
  }
  const specific = COMPONENTS[b.reason] ?? 'other';
  // On the way back, a gateway table or VPC table without the route is the missing return path.
  const component = kind === 'return-route' && (specific === 'no-gateway-route' || specific === 'not-routed-to-gateway') ? 'return-path-missing' : specific;
  return {
    component,
    direction: kind === 'return-route' ? 'back' : 'there',
    transitGatewayId: b.transitGatewayId,
    ...(b.attachmentId ? { attachmentId: b.attachmentId } : {}),
    ...(b.routeTableId ? { routeTableId: b.routeTableId } : {}),
  };
}

/**
 * The pair `from` → `to` checked as `explain` checks the two VPCs: the connection (a waiting
 * attachment fails it), routes both ways following the gateways (and `peering`, when an active
 * one joins them too), network ACLs, security groups; the first failing check decides, else the
 * first undecided one.
 */
export function judgeGatewayPair(estate: EstateIndex, from: ReachVpc, to: ReachVpc, peering: Peering | null, traffic: Traffic, opts: { readonly quick?: boolean } = {}): GatewayPairVerdict {
  const t = estate.topology;
  const joined = gatewayJoined(estate, from.vpcId, to.vpcId);
  const checks: { stage: ReachStage | 'peering'; check: ReachabilityCheck }[] = [];
  let crossed: TransitGatewayId[] = [];
  const decide = (): GatewayPairVerdict | undefined => {
    const failing = checks.find((c) => c.check.status === 'fail');
    if (!failing) return undefined;
    return verdictOf('blocked', failing.stage, failing.check, crossed);
  };
  if (!peering && joined.waiting) {
    const waiting = [...waitingAttachments(t, from.vpcId, to.vpcId), ...waitingAttachments(t, to.vpcId, from.vpcId)];
    const first = waiting[0]!;
    // The explainer's connection hop, which names the waiting attachment and the owner's accept command.
    const x = explainReachability(t, from.vpcId, to.vpcId, traffic.port !== undefined ? { protocol: traffic.protocol, port: traffic.port } : { protocol: traffic.protocol });
    const check = x.checks.find((c) => c.kind === 'peering')!;
    return {
      verdict: 'blocked',
      reason: 'transit-gateway',
      stage: 'peering',
      check,
      transitGatewayIds: [],
      gateway: { component: 'attachment-not-available', direction: first.resourceId === from.vpcId || first.vpc?.vpcId === from.vpcId ? 'there' : 'back', transitGatewayId: first.transitGatewayId, attachmentId: first.id },
    };
  }
  // For the roll-up, without a peering: the route hops from the reach walks (remembered per
  // gateway table and block), not the explainer's worded checks; a row words them.
  if (opts.quick === true && !peering) {
    const ways = [directionReach(t, from.vpcId, to.vpcId).status, directionReach(t, to.vpcId, from.vpcId).status];
    if (ways.some((w) => w === 'no' || w === 'some')) return { verdict: 'blocked', reason: 'transit-gateway', transitGatewayIds: [] };
    if (ways.some((w) => w === 'unknown')) checks.push({ stage: 'source-route', check: { kind: 'source-route', status: 'unknown', resourceIds: [], message: '' } });
  }
  const routesPass = opts.quick === true && !peering;
  const gatewayTo = joined.there || joined.waiting ? to.vpcId : undefined;
  const gatewayBack = joined.back || joined.waiting ? from.vpcId : undefined;
  if (!routesPass) {
    const there = checkRoutes(t, estate.index, 'source-route', from.endpoint, to.ranges, to.ranges, peering, gatewayTo);
    crossed = [...new Set(there.flatMap((c) => (c.traces ?? []).flatMap((tr) => tr.hops.flatMap((h) => (h.kind === 'tgw-table' ? [h.transitGatewayId] : [])))))];
    for (const c of there) checks.push({ stage: 'source-route', check: c });
    for (const c of checkRoutes(t, estate.index, 'return-route', to.endpoint, from.ranges, from.ranges, peering, gatewayBack)) checks.push({ stage: 'return-route', check: c });
  }
  const routes = decide();
  if (routes) return routes;
  // The ACL stage reads no peering: the pair's subnets and blocks only.
  const aclStage = PAIR_STAGES.find((s) => s.stage === 'source-acl-outbound')!;
  const aclPair = { estate, from, to, peering: peering as Peering, traffic };
  if (aclStage.judge(aclPair).status !== 'pass') {
    const acl = aclStage.explain(aclPair);
    checks.push({ stage: acl.kind as ReachStage, check: acl });
  }
  const lists = prefixListLookup(t);
  checks.push({ stage: 'source-egress', check: checkGroups(estate.index, 'source-egress', from.endpoint, from.groups, to.ranges, to.groups, traffic, peering, lists) });
  checks.push({ stage: 'destination-ingress', check: checkGroups(estate.index, 'destination-ingress', to.endpoint, to.groups, from.ranges, from.groups, traffic, peering, lists) });
  const blocked = decide();
  if (blocked) return blocked;
  const unsure = checks.find((c) => c.check.status !== 'pass' && c.check.status !== 'skipped');
  if (unsure && routesPass && unsure.stage === 'source-route') return { verdict: 'undetermined', transitGatewayIds: [] };
  if (unsure) return verdictOf('undetermined', unsure.stage, unsure.check, crossed);
  return { verdict: 'reachable', transitGatewayIds: crossed };
}

function verdictOf(verdict: 'blocked' | 'undetermined', stage: ReachStage | 'peering', check: ReachabilityCheck, crossed: readonly TransitGatewayId[]): GatewayPairVerdict {
  const isRoute = stage === 'source-route' || stage === 'return-route';
  const gateway = isRoute ? gatewayBlockOf(check, stage) : undefined;
  const reason: ReachReason | undefined =
    verdict === 'undetermined' ? undefined : isRoute ? reasonOfRoute(check) : stage === 'source-egress' || stage === 'destination-ingress' ? 'security-group' : 'network-acl';
  return { verdict, stage, check, transitGatewayIds: crossed, ...(reason ? { reason } : {}), ...(gateway ? { gateway } : {}) };
}

/** True when transit gateways join nodes `a` and `b` (either way, or once a waiting attachment is accepted). */
export function gatewayJoinedNodes(estate: EstateIndex, a: number, b: number): boolean {
  const j = gatewayJoined(estate, estate.ids[a]!, estate.ids[b]!);
  return j.there || j.back || j.waiting;
}


/** The active peering joining nodes `a` and `b`, if any. */
export function activePeeringBetween(estate: EstateIndex, a: number, b: number): Peering | null {
  for (let k = estate.offsets[a]!, end = estate.offsets[a + 1]!; k < end; k++) {
    if (estate.neighbours[k] === b) return estate.edgePeering[k]!.status === 'active' ? estate.edgePeering[k]! : null;
  }
  return null;
}

/** The entry of a pair transit gateways join (a peering may join them too: the routes choose), checked as `explain` checks it. */
export function gatewayEntry(estate: EstateIndex, from: number, to: number, traffic: ReachTraffic, trafficOf: Traffic): ReachEntry {
  const fromId = estate.ids[from]!;
  const toId = estate.ids[to]!;
  const peering = activePeeringBetween(estate, from, to);
  const v = judgeGatewayPair(estate, estate.vpc(from), estate.vpc(to), peering, trafficOf);
  const base = {
    from: fromId,
    to: toId,
    toAccountId: estate.accounts[estate.accountOf[to]!]!,
    ...(peering ? { peeringId: peering.id } : {}),
    ...(v.transitGatewayIds.length > 0 ? { transitGatewayIds: v.transitGatewayIds } : {}),
  };
  if (v.verdict === 'reachable') {
    const names = v.transitGatewayIds.map((id) => tgwLookupOf(estate.topology).gatewayById.get(id)?.name ?? id);
    return {
      ...base,
      verdict: 'reachable',
      message: names.length > 0 || !peering ? reachableThroughWords(estate.index, toId, names.length > 0 ? names : ['transit gateways'], traffic) : reachableWords(estate.index, toId, peering, traffic),
    };
  }
  const check = v.check!;
  return {
    ...base,
    verdict: v.verdict,
    ...(v.reason ? { reason: v.reason } : {}),
    ...(v.stage && v.stage !== 'peering' ? { stage: v.stage } : {}),
    ...(v.gateway ? { gateway: v.gateway } : {}),
    message: check.message,
    ...(check.fix ? { fix: check.fix } : {}),
  };
}

