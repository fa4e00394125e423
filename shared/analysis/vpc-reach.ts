/** Which VPCs a VPC reaches, per direction, over peerings, transit gateways and gateway peerings,
 * and by which route at each hop.
 *
 * For a pair (from, to) each table serving the source's subnets, per Availability Zone, is asked
 * about each IPv4 block of the destination (the forwarding engine's compiled scan; the full
 * selection only where routes carve the block or a prefix list may decide). A route to a
 * peering delivers when the peering is active and joins the two; a route to a transit gateway
 * enters by the source's attachment (available, with a subnet in the zone) and is walked through
 * the gateway tables by the trace (`traceFromGateway`), remembered per gateway table and block,
 * so a matrix walks each gateway table once per destination block, not once per pair. The rules
 * are in docs/reachability.md ("Reach over peerings and transit gateways").
 */
import { isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { CompiledTable } from '../forwarding/compiled-table';
import { scanBlock, scannedInner, scannedRoute } from '../forwarding/compiled-table';
import { selectCompiled } from '../forwarding/route-selection';
import type { ForwardTarget } from '../forwarding/targets';
import type { TraceEnd, TraceHop } from '../forwarding/trace';
import { traceFromGateway } from '../forwarding/trace';
import { tgwRouteDestination, tgwTargets } from '../forwarding/tgw-table';
import { compileVpcTable, forwardTargetOf } from '../forwarding/vpc-table';
import type { PeeringId, RouteTableId, VpcId } from '../model/ids';
import type { Route, RouteTable, Topology, TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTableId } from '../model/topology';
import type { TgwLookup } from './tgw-lookup';
import { tgwLookupOf } from './tgw-lookup';
import type { TopologyIndex } from './topology-index';
import { findSubnetRouteTable, indexTopology } from './topology-index';
import { traceWorldOf } from './trace-world';

/** The deciding route at one hop of a path. */
export type ReachHop =
  /** A VPC route table's route. */
  | { readonly kind: 'vpc-route'; readonly vpcId: VpcId; readonly routeTableId: RouteTableId; readonly destination: string; readonly target: ForwardTarget }
  /** A transit gateway route table's route (several attachments: equal-cost multipath). */
  | {
      readonly kind: 'tgw-route';
      readonly transitGatewayId: TransitGatewayId;
      readonly routeTableId: TransitGatewayRouteTableId;
      readonly destination: string;
      readonly type: 'static' | 'propagated';
      readonly attachmentIds: readonly TransitGatewayAttachmentId[];
    }
  /** Across a gateway peering. */
  | { readonly kind: 'tgw-peering'; readonly attachmentId: TransitGatewayAttachmentId; readonly toTransitGatewayId: TransitGatewayId };

/** What carries traffic between two VPCs. */
export type ReachWay = 'peering' | 'transit-gateway';

/** Why one walk does not deliver. */
export type ReachFailure =
  | TraceEnd
  /** The source has no subnets: nothing in it sends. */
  | { readonly kind: 'no-subnets' }
  /** The local route keeps it in the source VPC (its blocks overlap). */
  | { readonly kind: 'local' };

/** One direction of a pair. */
export interface DirectionReach {
  /**
   * `yes`: every table serving the source (per zone) sends every block of the destination there;
   * `some`: some do; `no`: none does; `unknown`: none is known to, and some walk could not be
   * decided offline (a gateway whose routing was not read, a prefix list not in the snapshot).
   */
  readonly status: 'yes' | 'some' | 'no' | 'unknown';
  /** The ways the routes take where they deliver (a table may take the peering and another the gateway). */
  readonly ways: readonly ReachWay[];
  /** The deciding route at each hop of the first delivering walk, else of the first failing one. */
  readonly path: readonly ReachHop[];
  readonly peeringId?: PeeringId;
  /** The gateways the first delivering walk crosses, in order. */
  readonly transitGatewayIds?: readonly TransitGatewayId[];
  /** Why the first failing walk does not deliver (unset when all deliver). */
  readonly failure?: ReachFailure;
}

/** A VPC connected to the one asked about, both directions. */
export interface VpcReach {
  readonly vpcId: VpcId;
  /** From the VPC asked about to this one. */
  readonly there: DirectionReach;
  /** From this one back. */
  readonly back: DirectionReach;
  /** What joins them: an active peering, transit gateways both are attached to (the same, or peered). */
  readonly connections: readonly ReachWay[];
}

/** One walk's answer: delivered to the destination or not, with its hops. */
interface Walk {
  readonly delivered: boolean;
  readonly unknown: boolean;
  readonly ways: readonly ReachWay[];
  readonly hops: readonly ReachHop[];
  readonly peeringId?: PeeringId;
  readonly gateways?: readonly TransitGatewayId[];
  readonly failure?: ReachFailure;
}

/** A subnet group of a VPC: the table serving it and its zone. */
interface Group {
  readonly table: RouteTable;
  readonly zone: string;
}

/** The per-topology state: indexes, groups, connections and remembered gateway walks. */
interface ReachContext {
  readonly topology: Topology;
  readonly index: TopologyIndex;
  readonly tgw: TgwLookup;
  readonly groups: Map<VpcId, readonly Group[] | null>;
  readonly gatewayWalks: Map<string, Walk>;
  readonly directions: Map<string, DirectionReach>;
  /** Gateway → the id of its set of gateways joined by available peerings. */
  readonly cluster: ReadonlyMap<TransitGatewayId, number>;
  /** Cluster id → the VPCs with an available attachment to one of its gateways. */
  readonly clusterVpcs: ReadonlyMap<number, readonly VpcId[]>;
  /** VPC → the clusters it has an available attachment in. */
  readonly vpcClusters: ReadonlyMap<VpcId, ReadonlySet<number>>;
}

const contexts = new WeakMap<Topology, ReachContext>();

function contextOf(topology: Topology): ReachContext {
  const hit = contexts.get(topology);
  if (hit) return hit;
  const tgw = tgwLookupOf(topology);
  const ctx: ReachContext = {
    topology,
    index: indexTopology(topology),
    tgw,
    groups: new Map(),
    gatewayWalks: new Map(),
    directions: new Map(),
    cluster: tgw.cluster,
    clusterVpcs: tgw.clusterVpcs,
    vpcClusters: tgw.vpcClusters,
  };
  contexts.set(topology, ctx);
  return ctx;
}

/** The (table, zone) groups of a VPC's subnets; `null` when it has subnets but no table serving them is in the snapshot. */
function groupsOf(ctx: ReachContext, vpcId: VpcId): readonly Group[] | null {
  const known = ctx.groups.get(vpcId);
  if (known !== undefined) return known;
  const seen = new Map<string, Group>();
  const subnets = ctx.index.subnetsByVpc.get(vpcId) ?? [];
  for (const s of subnets) {
    const table = findSubnetRouteTable(ctx.index, s);
    if (table && !seen.has(`${table.id}|${s.availabilityZone}`)) seen.set(`${table.id}|${s.availabilityZone}`, { table, zone: s.availabilityZone });
  }
  const groups = subnets.length > 0 && seen.size === 0 ? null : [...seen.values()];
  ctx.groups.set(vpcId, groups);
  return groups;
}

/** The routes a VPC table decides a block by, each with the part of the block it takes; by the compiled scan when it settles it alone. */
function vpcDecision(ctx: ReachContext, compiled: CompiledTable<Route>, block: CidrRange): { parts: readonly { route: Route; range: CidrRange }[]; unrouted: boolean; uncertain: boolean } {
  if (block.family === 'ipv4' && compiled.lists.length === 0) {
    const scan = scanBlock(compiled, null, Number(block.start), Number(block.end));
    if (!scannedInner(scan)) {
      const k = scannedRoute(scan);
      return { parts: k < 0 ? [] : [{ route: compiled.routes[k]!, range: block }], unrouted: k < 0, uncertain: false };
    }
  }
  const selection = selectCompiled(ctx.index, compiled, block);
  // The covering route takes what is left of the block: walked as the block itself.
  const parts = selection.deciders.map((d) => ({ route: d.route, range: isWithin(block, d.range) ? block : d.range }));
  return { parts, unrouted: selection.unrouted, uncertain: selection.listRoutes.length > 0 };
}

const NO_HOPS: readonly ReachHop[] = [];

/** Walk one block of `to` from one group of `from`: each route deciding a part of it, all of which must deliver. */
function walkOne(ctx: ReachContext, from: VpcId, group: Group, to: VpcId, block: CidrRange): Walk {
  const decided = vpcDecision(ctx, compileVpcTable(ctx.index, group.table), block);
  if (decided.parts.length === 0) return { delivered: false, unknown: decided.uncertain, ways: [], hops: NO_HOPS, failure: { kind: 'dropped', reason: 'no-route' } };
  const walks = decided.parts.map((p) => walkRoute(ctx, from, group, to, p.route, p.range, decided.uncertain));
  if (walks.length === 1 && !decided.unrouted) return walks[0]!;
  const bad = walks.find((w) => !w.delivered);
  const ways = [...new Set(walks.flatMap((w) => w.ways))].sort();
  const peeringId = walks.find((w) => w.peeringId)?.peeringId;
  const gateways = walks.find((w) => w.gateways)?.gateways;
  return {
    delivered: !bad && !decided.unrouted,
    unknown: walks.some((w) => w.unknown),
    ways: bad || decided.unrouted ? [] : ways,
    hops: walks.flatMap((w) => w.hops),
    ...(peeringId ? { peeringId } : {}),
    ...(gateways ? { gateways } : {}),
    ...(bad?.failure ? { failure: bad.failure } : decided.unrouted ? { failure: { kind: 'dropped', reason: 'no-route' } } : {}),
  };
}

/** Walk the part `range` of a block that `route` of a group's table decides. */
function walkRoute(ctx: ReachContext, from: VpcId, group: Group, to: VpcId, route: Route, range: CidrRange, uncertain: boolean): Walk {
  const target = forwardTargetOf(route.target);
  const first: ReachHop = { kind: 'vpc-route', vpcId: from, routeTableId: group.table.id, destination: route.destination, target };
  const fail = (failure: ReachFailure, hops: readonly ReachHop[] = [first], unknown = uncertain): Walk => ({ delivered: false, unknown, ways: [], hops, failure });
  if (route.state === 'blackhole') return fail({ kind: 'dropped', reason: 'blackhole' });
  if (target.kind === 'local') return fail({ kind: 'local' });
  if (target.kind === 'peering') {
    const peering = ctx.index.peeringById.get(target.id as PeeringId);
    if (!peering || peering.status !== 'active') return fail({ kind: 'dropped', reason: 'peering-not-active' });
    const other = peering.requester.vpcId === from ? peering.accepter.vpcId : peering.accepter.vpcId === from ? peering.requester.vpcId : undefined;
    if (other === undefined) return fail({ kind: 'dropped', reason: 'not-a-side' });
    if (other !== to) return fail({ kind: 'dropped', reason: 'beyond-peer' });
    return { delivered: true, unknown: false, ways: ['peering'], hops: [first], peeringId: peering.id };
  }
  if (target.kind !== 'transit-gateway') return fail({ kind: 'exits', target });
  const gatewayId = target.id as TransitGatewayId;
  if (!ctx.tgw.gatewayById.has(gatewayId)) return fail({ kind: 'exits', target });
  const attachment = ctx.tgw.vpcAttachment(gatewayId, from);
  if (!attachment) return fail({ kind: 'dropped', reason: 'no-attachment' });
  if (attachment.state !== 'available') return fail({ kind: 'dropped', reason: 'attachment-not-available' });
  const zones = (attachment.vpc?.subnets ?? []).map((s) => s.availabilityZone ?? ctx.index.subnetById.get(s.subnetId)?.availabilityZone);
  if (attachment.vpc && zones.every((z) => z !== undefined) && !zones.includes(group.zone)) return fail({ kind: 'dropped', reason: 'no-attachment-subnet-in-az' });
  const through = gatewayWalk(ctx, gatewayId, attachment.id, range);
  const hops = [first, ...through.hops];
  if (through.delivered && through.deliveredTo === to) return { delivered: true, unknown: uncertain || through.unknown, ways: ['transit-gateway'], hops, ...(through.gateways ? { gateways: through.gateways } : {}) };
  const failure: ReachFailure = through.delivered ? { kind: 'dropped', reason: 'beyond-attachment' } : (through.failure ?? { kind: 'split' });
  return fail(failure, hops, uncertain || through.unknown);
}

/** The walk from a gateway table for a block, remembered per gateway, associated table and block. */
function gatewayWalk(
  ctx: ReachContext,
  gatewayId: TransitGatewayId,
  attachmentId: TransitGatewayAttachmentId,
  block: CidrRange,
): Walk & { readonly deliveredTo?: VpcId } {
  const association = ctx.tgw.associatedTable(gatewayId, attachmentId);
  const key = `${gatewayId}|${association?.routeTableId ?? attachmentId}|${block.cidr}`;
  const hit = ctx.gatewayWalks.get(key);
  if (hit) return hit;
  const walked = traceFromGateway(traceWorldOf(ctx.topology), gatewayId, attachmentId, block);
  const hops: ReachHop[] = [];
  const gateways: TransitGatewayId[] = [gatewayId];
  for (const hop of walked.hops) hops.push(...reachHopsOf(hop, gateways));
  const end = walked.end;
  const walk: Walk & { deliveredTo?: VpcId } =
    end.kind === 'delivered'
      ? { delivered: true, unknown: walked.uncertain, ways: ['transit-gateway'], hops, gateways, deliveredTo: end.vpcId }
      : { delivered: false, unknown: walked.uncertain || end.kind === 'unknown', ways: [], hops, gateways, failure: end };
  ctx.gatewayWalks.set(key, walk);
  return walk;
}

function reachHopsOf(hop: TraceHop, gateways: TransitGatewayId[]): ReachHop[] {
  if (hop.kind === 'tgw-decision') {
    const part = hop.forwarding.parts[0];
    if (!part) return [];
    return [
      {
        kind: 'tgw-route',
        transitGatewayId: hop.transitGatewayId,
        routeTableId: hop.routeTableId,
        destination: tgwRouteDestination(part.route),
        type: part.route.type,
        attachmentIds: tgwTargets(part.route),
      },
    ];
  }
  if (hop.kind === 'tgw-peering' && hop.state === 'available') {
    gateways.push(hop.toTransitGatewayId);
    return [{ kind: 'tgw-peering', attachmentId: hop.attachmentId, toTransitGatewayId: hop.toTransitGatewayId }];
  }
  return [];
}

/** One direction: from `from` to `to`, over every group of the source and every IPv4 block of the destination. */
export function directionReach(topology: Topology, from: VpcId, to: VpcId): DirectionReach {
  const ctx = contextOf(topology);
  const key = `${from}|${to}`;
  const hit = ctx.directions.get(key);
  if (hit) return hit;
  const result = computeDirection(ctx, from, to);
  ctx.directions.set(key, result);
  return result;
}

function computeDirection(ctx: ReachContext, from: VpcId, to: VpcId): DirectionReach {
  const groups = groupsOf(ctx, from);
  const blocks = (collectVpcBlocks(ctx.topology).byVpc.get(to) ?? []).filter((b) => b.family === 'ipv4');
  if (groups === null) return { status: 'unknown', ways: [], path: [], failure: { kind: 'unknown', missing: 'table' } };
  if (groups.length === 0) return { status: 'no', ways: [], path: [], failure: { kind: 'no-subnets' } };
  if (blocks.length === 0) return { status: 'unknown', ways: [], path: [] };
  let delivered = 0;
  let unknown = 0;
  let total = 0;
  let firstOk: Walk | undefined;
  let firstBad: Walk | undefined;
  const ways = new Set<ReachWay>();
  for (const group of groups) {
    for (const block of blocks) {
      const w = walkOne(ctx, from, group, to, block);
      total++;
      if (w.delivered) {
        delivered++;
        for (const way of w.ways) ways.add(way);
        firstOk ??= w;
      } else {
        if (w.unknown) unknown++;
        firstBad ??= w;
      }
    }
  }
  const status = delivered === total ? 'yes' : delivered > 0 ? 'some' : unknown > 0 ? 'unknown' : 'no';
  const shown = firstOk ?? firstBad!;
  return {
    status,
    ways: [...ways].sort(),
    path: shown.hops,
    ...(firstOk?.peeringId ? { peeringId: firstOk.peeringId } : {}),
    ...(firstOk?.gateways ? { transitGatewayIds: firstOk.gateways } : {}),
    ...(firstBad?.failure ? { failure: firstBad.failure } : {}),
  };
}

/** What joins two VPCs: an active peering, and transit gateways both have an available attachment to (one gateway, or gateways peered). */
export function connectionsBetween(topology: Topology, a: VpcId, b: VpcId): ReachWay[] {
  const ctx = contextOf(topology);
  const ways: ReachWay[] = [];
  const peered = (ctx.index.peeringsByVpc.get(a) ?? []).some(
    (p) => p.status === 'active' && ((p.requester.vpcId === a && p.accepter.vpcId === b) || (p.requester.vpcId === b && p.accepter.vpcId === a)),
  );
  if (peered) ways.push('peering');
  const mine = ctx.vpcClusters.get(a);
  const theirs = ctx.vpcClusters.get(b);
  if (mine && theirs && [...mine].some((c) => theirs.has(c))) ways.push('transit-gateway');
  return ways;
}

/**
 * Every VPC `vpcId` is connected to (by an active peering, or by transit gateways both are
 * attached to), with each direction's reach and the route deciding each hop; sorted by id.
 */
export function vpcReach(topology: Topology, vpcId: VpcId): VpcReach[] {
  const ctx = contextOf(topology);
  const others = new Set<VpcId>();
  for (const p of ctx.index.peeringsByVpc.get(vpcId) ?? []) {
    if (p.status === 'active') others.add(p.requester.vpcId === vpcId ? p.accepter.vpcId : p.requester.vpcId);
  }
  for (const c of ctx.vpcClusters.get(vpcId) ?? []) for (const v of ctx.clusterVpcs.get(c) ?? []) others.add(v);
  others.delete(vpcId);
  return [...others].sort().map((other) => ({
    vpcId: other,
    there: directionReach(topology, vpcId, other),
    back: directionReach(topology, other, vpcId),
    connections: connectionsBetween(topology, vpcId, other),
  }));
}

/** True when transit gateways carry traffic both ways between two VPCs (from some subnet at least, each way). */
export function transitGatewayCarries(topology: Topology, a: VpcId, b: VpcId): boolean {
  const ctx = contextOf(topology);
  const mine = ctx.vpcClusters.get(a);
  const theirs = ctx.vpcClusters.get(b);
  if (!mine || !theirs || ![...mine].some((c) => theirs.has(c))) return false;
  const carried = (d: DirectionReach) => (d.status === 'yes' || d.status === 'some') && d.ways.includes('transit-gateway');
  return carried(directionReach(topology, a, b)) && carried(directionReach(topology, b, a));
}

/** The gateways `a` has an available attachment to from which `b` is reachable by attachments and gateway peerings, sorted. */
export function gatewaysJoining(topology: Topology, a: VpcId, b: VpcId): TransitGatewayId[] {
  const ctx = contextOf(topology);
  const theirs = ctx.vpcClusters.get(b);
  if (!theirs) return [];
  const ids = (ctx.tgw.vpcAttachmentsByVpc.get(a) ?? [])
    .filter((x) => x.state === 'available' && theirs.has(ctx.cluster.get(x.transitGatewayId) ?? -1))
    .map((x) => x.transitGatewayId);
  return [...new Set(ids)].sort();
}
