/** The walks behind `vpc-reach.ts`: one block of a VPC from one group of another's subnets,
 * through its table and, for a route to a transit gateway, through the gateway tables
 * (remembered per associated table and block), with the deciding route at each hop. */
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
import type { DirectionReach } from './vpc-reach';
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

/** One walk's answer: delivered to the destination or not, with its hops. */
export interface Walk {
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
export interface Group {
  readonly table: RouteTable;
  readonly zone: string;
  readonly compiled: CompiledTable<Route>;
  /** Where each route of the table leads, read once when first asked. */
  readonly targets: RouteTargets;
  /** The group's VPC's attachment to each gateway its routes name (`null`: none), looked up once. */
  readonly attachments: Map<TransitGatewayId, TransitGatewayAttachment | null>;
}

/** Where a table's routes lead: each route's target read on first use and remembered. */
export class RouteTargets {
  private known: Map<Route, ForwardTarget> | undefined;

  get(route: Route): ForwardTarget {
    let target = this.known?.get(route);
    if (!target) (this.known ??= new Map()).set(route, (target = forwardTargetOf(route.target)));
    return target;
  }
}

/** What a VPC attachment lets in: the zones it serves, and the walks from the table associated with it. */
export interface Ingress {
  readonly zones: readonly (string | undefined)[] | null;
  readonly walks: Map<string, GatewayWalk>;
}

export type GatewayWalk = Walk & { readonly deliveredTo?: VpcId };

export const NO_WAYS: readonly ReachWay[] = [];
export const BY_PEERING: readonly ReachWay[] = ['peering'];
export const BY_GATEWAY: readonly ReachWay[] = ['transit-gateway'];

/** The per-topology state: indexes, groups, connections and remembered gateway walks. */
export interface ReachContext {
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

export function contextOf(topology: Topology): ReachContext {
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
export function groupsOf(ctx: ReachContext, vpcId: VpcId): readonly Group[] | null {
  const known = ctx.groups.get(vpcId);
  if (known !== undefined) return known;
  // Few subnets per VPC: a group is found again by a look along the list.
  const found: Group[] = [];
  const subnets = ctx.index.subnetsByVpc.get(vpcId) ?? [];
  for (const s of subnets) {
    const table = findSubnetRouteTable(ctx.index, s);
    if (table && !found.some((g) => g.table.id === table.id && g.zone === s.availabilityZone)) {
      found.push({ table, zone: s.availabilityZone, compiled: compileVpcTable(ctx.index, table), targets: new RouteTargets(), attachments: new Map() });
    }
  }
  const groups = subnets.length > 0 && found.length === 0 ? null : found;
  ctx.groups.set(vpcId, groups);
  return groups;
}

const NO_HOPS: readonly ReachHop[] = [];
const NO_ROUTE: Walk = { delivered: false, unknown: false, ways: NO_WAYS, hops: NO_HOPS, failure: { kind: 'dropped', reason: 'no-route' } };

/** The hops of a walk, put together. */
export function pathOf(w: Walk): readonly ReachHop[] {
  return w.lead ? [w.lead, ...w.hops] : w.hops;
}

/** Walk one block of `to` from one group of `from`: each route deciding a part of it, all of which must deliver. */
export function walkOne(ctx: ReachContext, from: VpcId, group: Group, to: VpcId, block: CidrRange): Walk {
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
  const target = group.targets.get(route);
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
  const attachment = attachmentOf(ctx, group, gatewayId, from);
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
export function ingressOf(ctx: ReachContext, gatewayId: TransitGatewayId, attachment: TransitGatewayAttachment): Ingress {
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
export function gatewayWalk(ctx: ReachContext, ingress: Ingress, gatewayId: TransitGatewayId, attachmentId: TransitGatewayAttachmentId, block: CidrRange): GatewayWalk {
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


/** A VPC's IPv4 blocks, read once. */
export function blocksOf(ctx: ReachContext, vpcId: VpcId): readonly CidrRange[] {
  let blocks = ctx.blocks.get(vpcId);
  if (!blocks) ctx.blocks.set(vpcId, (blocks = (collectVpcBlocks(ctx.topology).byVpc.get(vpcId) ?? []).filter((b) => b.family === 'ipv4')));
  return blocks;
}

/** The attachment of a group's VPC to a gateway, remembered on the group. */
export function attachmentOf(ctx: ReachContext, group: Group, gatewayId: TransitGatewayId, vpcId: VpcId): TransitGatewayAttachment | undefined {
  let known = group.attachments.get(gatewayId);
  if (known === undefined) group.attachments.set(gatewayId, (known = ctx.tgw.vpcAttachment(gatewayId, vpcId) ?? null));
  return known ?? undefined;
}
