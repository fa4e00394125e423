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
import type { Route, RouteTable, Topology, TransitGatewayAttachment, TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTableId } from '../model/topology';
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
  /** The VPC route that starts the walk (kept apart so the path is put together only when shown). */
  readonly lead?: ReachHop;
  /** The hops after `lead`. */
  readonly hops: readonly ReachHop[];
  readonly peeringId?: PeeringId;
  readonly gateways?: readonly TransitGatewayId[];
  readonly failure?: ReachFailure;
}

/** A subnet group of a VPC: the table serving it and its zone. */
interface Group {
  readonly table: RouteTable;
  readonly zone: string;
  readonly compiled: CompiledTable<Route>;
  /** Where each route of the table leads, read once. */
  readonly targets: ReadonlyMap<Route, ForwardTarget>;
}

/** What a VPC attachment lets in: the zones it serves, and the walks from the table associated with it. */
interface Ingress {
  readonly zones: readonly (string | undefined)[] | null;
  readonly walks: Map<string, GatewayWalk>;
}

type GatewayWalk = Walk & { readonly deliveredTo?: VpcId };

const NO_WAYS: readonly ReachWay[] = [];
const BY_PEERING: readonly ReachWay[] = ['peering'];
const BY_GATEWAY: readonly ReachWay[] = ['transit-gateway'];

/** The per-topology state: indexes, groups, connections and remembered gateway walks. */
interface ReachContext {
  readonly topology: Topology;
  readonly index: TopologyIndex;
  readonly tgw: TgwLookup;
  readonly groups: Map<VpcId, readonly Group[] | null>;
  /** Each VPC's IPv4 blocks. */
  readonly blocks: Map<VpcId, readonly CidrRange[]>;
  /** Per attachment; walks shared by the attachments of one associated table. */
  readonly ingress: Map<TransitGatewayAttachment, Ingress>;
  readonly tableWalks: Map<string, Map<string, GatewayWalk>>;
  readonly directions: Map<VpcId, Map<VpcId, DirectionReach>>;
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
    blocks: new Map(),
    ingress: new Map(),
    tableWalks: new Map(),
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
    if (table && !seen.has(`${table.id}|${s.availabilityZone}`)) {
      const targets = new Map(table.routes.map((r) => [r, forwardTargetOf(r.target)] as const));
      seen.set(`${table.id}|${s.availabilityZone}`, { table, zone: s.availabilityZone, compiled: compileVpcTable(ctx.index, table), targets });
    }
  }
  const groups = subnets.length > 0 && seen.size === 0 ? null : [...seen.values()];
  ctx.groups.set(vpcId, groups);
  return groups;
}

const NO_HOPS: readonly ReachHop[] = [];
const NO_ROUTE: Walk = { delivered: false, unknown: false, ways: NO_WAYS, hops: NO_HOPS, failure: { kind: 'dropped', reason: 'no-route' } };

/** The hops of a walk, put together. */
function pathOf(w: Walk): readonly ReachHop[] {
  return w.lead ? [w.lead, ...w.hops] : w.hops;
}

/** Walk one block of `to` from one group of `from`: each route deciding a part of it, all of which must deliver. */
function walkOne(ctx: ReachContext, from: VpcId, group: Group, to: VpcId, block: CidrRange): Walk {
  const compiled = group.compiled;
  // The compiled scan settles nearly every block alone: one route for all of it.
  if (block.family === 'ipv4' && compiled.lists.length === 0) {
    const scan = scanBlock(compiled, null, Number(block.start), Number(block.end));
    if (!scannedInner(scan)) {
      const k = scannedRoute(scan);
      return k < 0 ? NO_ROUTE : walkRoute(ctx, from, group, to, compiled.routes[k]!, block, false);
    }
  }
  const selection = selectCompiled(ctx.index, compiled, block);
  const uncertain = selection.listRoutes.length > 0;
  if (selection.deciders.length === 0) return uncertain ? { ...NO_ROUTE, unknown: true } : NO_ROUTE;
  // The covering route takes what is left of the block: walked as the block itself.
  const walks = selection.deciders.map((d) => walkRoute(ctx, from, group, to, d.route, isWithin(block, d.range) ? block : d.range, uncertain));
  if (walks.length === 1 && !selection.unrouted) return walks[0]!;
  const bad = walks.find((w) => !w.delivered);
  const ways = [...new Set(walks.flatMap((w) => w.ways))].sort();
  const peeringId = walks.find((w) => w.peeringId)?.peeringId;
  const gateways = walks.find((w) => w.gateways)?.gateways;
  return {
    delivered: !bad && !selection.unrouted,
    unknown: walks.some((w) => w.unknown),
    ways: bad || selection.unrouted ? NO_WAYS : ways,
    hops: walks.flatMap(pathOf),
    ...(peeringId ? { peeringId } : {}),
    ...(gateways ? { gateways } : {}),
    ...(bad?.failure ? { failure: bad.failure } : selection.unrouted ? { failure: { kind: 'dropped', reason: 'no-route' } } : {}),
  };
}

/** Walk the part `range` of a block that `route` of a group's table decides. */
function walkRoute(ctx: ReachContext, from: VpcId, group: Group, to: VpcId, route: Route, range: CidrRange, uncertain: boolean): Walk {
  const target = group.targets.get(route) ?? forwardTargetOf(route.target);
  const first: ReachHop = { kind: 'vpc-route', vpcId: from, routeTableId: group.table.id, destination: route.destination, target };
  const fail = (failure: ReachFailure, hops: readonly ReachHop[] = NO_HOPS, unknown = uncertain): Walk => ({ delivered: false, unknown, ways: NO_WAYS, lead: first, hops, failure });
  if (route.state === 'blackhole') return fail({ kind: 'dropped', reason: 'blackhole' });
  if (target.kind === 'local') return fail({ kind: 'local' });
  if (target.kind === 'peering') {
    const peering = ctx.index.peeringById.get(target.id as PeeringId);
    if (!peering || peering.status !== 'active') return fail({ kind: 'dropped', reason: 'peering-not-active' });
    const other = peering.requester.vpcId === from ? peering.accepter.vpcId : peering.accepter.vpcId === from ? peering.requester.vpcId : undefined;
    if (other === undefined) return fail({ kind: 'dropped', reason: 'not-a-side' });
    if (other !== to) return fail({ kind: 'dropped', reason: 'beyond-peer' });
    return { delivered: true, unknown: false, ways: BY_PEERING, lead: first, hops: NO_HOPS, peeringId: peering.id };
  }
  if (target.kind !== 'transit-gateway') return fail({ kind: 'exits', target });
  const gatewayId = target.id as TransitGatewayId;
  if (!ctx.tgw.gatewayById.has(gatewayId)) return fail({ kind: 'exits', target });
  const attachment = ctx.tgw.vpcAttachment(gatewayId, from);
  if (!attachment) return fail({ kind: 'dropped', reason: 'no-attachment' });
  if (attachment.state !== 'available') return fail({ kind: 'dropped', reason: 'attachment-not-available' });
  const ingress = ingressOf(ctx, gatewayId, attachment);
  const zones = ingress.zones;
  if (zones && zones.every((z) => z !== undefined) && !zones.includes(group.zone)) return fail({ kind: 'dropped', reason: 'no-attachment-subnet-in-az' });
  const through = gatewayWalk(ctx, ingress, gatewayId, attachment.id, range);
  if (through.delivered && through.deliveredTo === to) {
    return { delivered: true, unknown: uncertain || through.unknown, ways: BY_GATEWAY, lead: first, hops: through.hops, ...(through.gateways ? { gateways: through.gateways } : {}) };
  }
  const failure: ReachFailure = through.delivered ? { kind: 'dropped', reason: 'beyond-attachment' } : (through.failure ?? { kind: 'split' });
  return fail(failure, through.hops, uncertain || through.unknown);
}

/** What a VPC attachment lets in, read once per attachment. */
function ingressOf(ctx: ReachContext, gatewayId: TransitGatewayId, attachment: TransitGatewayAttachment): Ingress {
  const known = ctx.ingress.get(attachment);
  if (known) return known;
  const zones = attachment.vpc ? attachment.vpc.subnets.map((s) => s.availabilityZone ?? ctx.index.subnetById.get(s.subnetId)?.availabilityZone) : null;
  const association = ctx.tgw.associatedTable(gatewayId, attachment.id);
  const key = `${gatewayId}|${association?.routeTableId ?? attachment.id}`;
  let walks = ctx.tableWalks.get(key);
  if (!walks) ctx.tableWalks.set(key, (walks = new Map()));
  const ingress: Ingress = { zones, walks };
  ctx.ingress.set(attachment, ingress);
  return ingress;
}

/** The walk from a gateway table for a block, remembered per gateway, associated table and block. */
function gatewayWalk(ctx: ReachContext, ingress: Ingress, gatewayId: TransitGatewayId, attachmentId: TransitGatewayAttachmentId, block: CidrRange): GatewayWalk {
  const hit = ingress.walks.get(block.cidr);
  if (hit) return hit;
  const walked = traceFromGateway(traceWorldOf(ctx.topology), gatewayId, attachmentId, block);
  const hops: ReachHop[] = [];
  const gateways: TransitGatewayId[] = [gatewayId];
  for (const hop of walked.hops) hops.push(...reachHopsOf(hop, gateways));
  const end = walked.end;
  const walk: GatewayWalk =
    end.kind === 'delivered'
      ? { delivered: true, unknown: walked.uncertain, ways: BY_GATEWAY, hops, gateways, deliveredTo: end.vpcId }
      : { delivered: false, unknown: walked.uncertain || end.kind === 'unknown', ways: NO_WAYS, hops, gateways, failure: end };
  ingress.walks.set(block.cidr, walk);
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
  let row = ctx.directions.get(from);
  if (!row) ctx.directions.set(from, (row = new Map()));
  const hit = row.get(to);
  if (hit) return hit;
  const result = computeDirection(ctx, from, to);
  row.set(to, result);
  return result;
}

function computeDirection(ctx: ReachContext, from: VpcId, to: VpcId): DirectionReach {
  const groups = groupsOf(ctx, from);
  let blocks = ctx.blocks.get(to);
  if (!blocks) ctx.blocks.set(to, (blocks = (collectVpcBlocks(ctx.topology).byVpc.get(to) ?? []).filter((b) => b.family === 'ipv4')));
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
    path: pathOf(shown),
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
  if (mine && theirs && sharesOne(mine, theirs)) ways.push('transit-gateway');
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
  if (!mine || !theirs || !sharesOne(mine, theirs)) return false;
  const there = quickGatewayReach(topology, a, b);
  const back = quickGatewayReach(topology, b, a);
  if (there === 0 || back === 0) return false;
  if (there === 1 && back === 1) return true;
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

function sharesOne(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * Whether `from` reaches `to` through a transit gateway, when the compiled scan settles it alone
 * (one subnet group, one IPv4 block, no carving, no prefix list, a gateway route): 1 through a
 * gateway, 0 not at all, -1 when only the full walk (`directionReach`) can say. Allocates
 * nothing once the gateway walk is remembered: for scans over every pair of an estate.
 */
export function quickGatewayReach(topology: Topology, from: VpcId, to: VpcId): 1 | 0 | -1 {
  const ctx = contextOf(topology);
  const groups = groupsOf(ctx, from);
  let blocks = ctx.blocks.get(to);
  if (!blocks) ctx.blocks.set(to, (blocks = (collectVpcBlocks(ctx.topology).byVpc.get(to) ?? []).filter((b) => b.family === 'ipv4')));
  if (!groups || groups.length !== 1 || blocks.length !== 1) return -1;
  const group = groups[0]!;
  const block = blocks[0]!;
  const compiled = group.compiled;
  if (compiled.lists.length > 0) return -1;
  const scan = scanBlock(compiled, null, Number(block.start), Number(block.end));
  if (scannedInner(scan)) return -1;
  const k = scannedRoute(scan);
  if (k < 0) return 0;
  const route = compiled.routes[k]!;
  if (route.state === 'blackhole') return 0;
  const target = group.targets.get(route);
  if (!target || target.kind !== 'transit-gateway') return target?.kind === 'local' || target?.kind === 'peering' ? -1 : 0;
  const gatewayId = target.id as TransitGatewayId;
  if (!ctx.tgw.gatewayById.has(gatewayId)) return 0;
  const attachment = ctx.tgw.vpcAttachment(gatewayId, from);
  if (!attachment || attachment.state !== 'available') return 0;
  const ingress = ingressOf(ctx, gatewayId, attachment);
  const zones = ingress.zones;
  if (zones && zones.every((z) => z !== undefined) && !zones.includes(group.zone)) return 0;
  const walk = gatewayWalk(ctx, ingress, gatewayId, attachment.id, block);
  if (walk.unknown) return -1;
  return walk.delivered && walk.deliveredTo === to ? 1 : 0;
}
