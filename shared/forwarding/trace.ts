/** A trace: one destination walked from a subnet through route tables, hop by hop, as data.
 *
 * Subnet → the table serving it (and why that one) → the routes deciding for the destination
 * there (with the evidence: priority, outranked routes, prefix lists that may decide) → where
 * they send it → across a peering, the peer VPC's table, and whether the peer holds the
 * destination; into a transit gateway, the source VPC's attachment, the gateway route table
 * associated with it, its decision, the egress attachment and, over gateway peerings, the next
 * gateway's table, until a VPC attachment delivers it or it leaves through a VPN, Direct Connect
 * or Connect attachment. Words for a trace are elsewhere (`shared/words/trace-words.ts`);
 * verdicts read its hops. A peering is not transitive and carries no edge-to-edge traffic, so
 * traffic that entered a VPC over a peering is delivered there or dropped ("VPC peering
 * limitations").
 */
import { isWithin } from '../cidr/overlap';
import type { Cidr, CidrRange } from '../cidr/parse-cidr';
import type { PeeringId, RouteTableId, SubnetId, VpcId } from '../model/ids';
import type {
  Peering,
  PeeringStatus,
  Route,
  RouteTable,
  Subnet,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayAttachmentId,
  TransitGatewayId,
  TransitGatewayPeering,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  TransitGatewayRouteTableId,
  TransitGatewayRoutingUnknown,
} from '../model/topology';
import type { ForwardedPart, Forwarding } from './forward';
import { forward, singleFate } from './forward';
import type { CidrReader } from './route-reader';
import type { ForwardTarget } from './targets';
import { forwardTgw, tgwTargets } from './tgw-table';
import { vpcRoutes } from './vpc-table';

/** What a trace reads of the network besides the routes themselves (built from a topology by the caller). */
export interface TraceWorld {
  readonly cidrs: CidrReader;
  subnet(subnetId: SubnetId): Subnet | undefined;
  /** The table serving a subnet: its explicit association, else its VPC's main table. */
  servingTable(subnet: Subnet): { readonly table: RouteTable; readonly via: 'explicit' | 'main' } | undefined;
  /** A VPC's main table. */
  mainTable(vpcId: VpcId): RouteTable | undefined;
  peering(peeringId: PeeringId): Peering | undefined;
  /** A VPC's blocks: its own when scanned, else those its peerings name. */
  vpcBlocks(vpcId: VpcId): readonly CidrRange[];
  /** The subnets of a VPC. */
  subnetsOf(vpcId: VpcId): readonly Subnet[];
  transitGateway(id: TransitGatewayId): TransitGateway | undefined;
  /** An attachment as one gateway sees it (a peering attachment has one view per gateway). */
  tgwAttachment(gatewayId: TransitGatewayId, attachmentId: TransitGatewayAttachmentId): TransitGatewayAttachment | undefined;
  /** The attachment of a VPC to a gateway (AWS allows one per VPC and gateway). */
  vpcAttachment(gatewayId: TransitGatewayId, vpcId: VpcId): TransitGatewayAttachment | undefined;
  /**
   * The route table associated with an attachment on a gateway (the table its incoming traffic is
   * routed by): its id, and the table when the snapshot holds it; `undefined` when none is.
   */
  associatedTable(gatewayId: TransitGatewayId, attachmentId: TransitGatewayAttachmentId): { readonly routeTableId: TransitGatewayRouteTableId; readonly table?: TransitGatewayRouteTable } | undefined;
  tgwPeering(attachmentId: TransitGatewayAttachmentId): TransitGatewayPeering | undefined;
}

/** Why a table is the one consulted: the subnet's own, its VPC's main one, or the destination VPC's after a peering or a transit gateway. */
export type TableVia = 'explicit' | 'main' | 'peering' | 'transit-gateway';

/** One hop of a trace. */
export type TraceHop =
  /** Where the traffic starts. */
  | { readonly kind: 'subnet'; readonly subnetId: SubnetId; readonly vpcId: VpcId }
  /** The table consulted: the subnet's explicit association, its VPC's main table, or the table of the subnet the traffic entered a VPC for. */
  | { readonly kind: 'table'; readonly tableKind: string; readonly routeTableId: RouteTableId; readonly vpcId: VpcId; readonly via: TableVia }
  /** What that table decides for the destination, with the evidence. */
  | { readonly kind: 'decision'; readonly routeTableId: RouteTableId; readonly forwarding: Forwarding<Route> }
  /** Across a peering, to its other side (when the route's VPC is on one). */
  | { readonly kind: 'peering'; readonly peeringId: PeeringId; readonly status: PeeringStatus | 'unknown'; readonly toVpcId?: VpcId }
  /**
   * A transit gateway attachment the traffic enters the gateway by (`ingress`: the source VPC's,
   * or a gateway peering's on the next gateway) or leaves it by (`egress`), with its state as the
   * gateway sees it (`unknown` when the snapshot does not hold it).
   */
  | {
      readonly kind: 'tgw-attachment';
      readonly role: 'ingress' | 'egress';
      readonly transitGatewayId: TransitGatewayId;
      readonly attachmentId: TransitGatewayAttachmentId;
      readonly resourceType: string;
      readonly resourceId: string;
      readonly state: string;
    }
  /** The gateway route table associated with the ingress attachment: the one that routes its traffic. */
  | { readonly kind: 'tgw-table'; readonly transitGatewayId: TransitGatewayId; readonly routeTableId: TransitGatewayRouteTableId; readonly attachmentId: TransitGatewayAttachmentId }
  /** What that gateway table decides for the destination, with the evidence. */
  | { readonly kind: 'tgw-decision'; readonly transitGatewayId: TransitGatewayId; readonly routeTableId: TransitGatewayRouteTableId; readonly forwarding: Forwarding<TransitGatewayRoute> }
  /** Across a gateway peering, to the other gateway. */
  | {
      readonly kind: 'tgw-peering';
      readonly attachmentId: TransitGatewayAttachmentId;
      readonly state: string;
      readonly fromTransitGatewayId: TransitGatewayId;
      readonly toTransitGatewayId: TransitGatewayId;
    };

/** How a trace ends. */
export type TraceEnd =
  /** The destination is in this VPC: its local route delivers it. */
  | { readonly kind: 'delivered'; readonly vpcId: VpcId; readonly subnetId?: SubnetId }
  /** Handed to a gateway, an interface or a transit gateway, beyond what the snapshot models. */
  | { readonly kind: 'exits'; readonly target: ForwardTarget }
  /** Dropped, and why. */
  | { readonly kind: 'dropped'; readonly reason: DropReason }
  /** Parts of the destination go different ways (the last decision lists them). */
  | { readonly kind: 'split' }
  /** The walk cannot go on: the subnet or its table is not in the snapshot. */
  | { readonly kind: 'unknown'; readonly missing: 'subnet' | 'table' }
  /**
   * The walk cannot go on at a transit gateway: its routing was not read (`tgw-routing`, with
   * the gateway's reason; never taken as "no route"), the table associated with the attachment is
   * not in the snapshot (`tgw-table`), or a peered gateway is not (`transit-gateway`).
   */
  | {
      readonly kind: 'unknown';
      readonly missing: 'tgw-routing' | 'tgw-table' | 'transit-gateway';
      readonly transitGatewayId: TransitGatewayId;
      readonly reason?: TransitGatewayRoutingUnknown;
      readonly routeTableId?: TransitGatewayRouteTableId;
    };

/** Why traffic is dropped. */
export type DropReason =
  /** No route matches (some of) it. */
  | 'no-route'
  /** The deciding route is a blackhole. */
  | 'blackhole'
  /** The peering is not in the snapshot, or not active. */
  | 'peering-not-active'
  /** The table's VPC is on neither side of the peering. */
  | 'not-a-side'
  /** It crossed a peering to a VPC that does not hold it: a peering is not transitive, and carries no edge-to-edge traffic. */
  | 'beyond-peer'
  /** The VPC routes it to a transit gateway it has no attachment to. */
  | 'no-attachment'
  /** The transit gateway attachment it would take is not `available` (pending acceptance, deleted …) or not in the snapshot. */
  | 'attachment-not-available'
  /** The source subnet's Availability Zone has no subnet of the VPC's attachment: traffic from there never reaches the gateway. */
  | 'no-attachment-subnet-in-az'
  /** The attachment it enters the gateway by is associated with no route table. */
  | 'no-association'
  /** The gateway peering it would cross is not `available`. */
  | 'tgw-peering-not-available'
  /** A VPC attachment delivered it to a VPC that does not hold it (forwarding on from the attachment's subnets is not followed). */
  | 'beyond-attachment'
  /** The gateway tables send it round in a loop (or further than eight gateway tables). */
  | 'tgw-loop';

/** A whole trace. */
export interface Trace {
  readonly destination: Cidr;
  readonly hops: readonly TraceHop[];
  readonly end: TraceEnd;
  /** A prefix list whose entries are not in the snapshot may decide at some table instead. */
  readonly uncertain: boolean;
}

/** Walk `destination` from `subnetId`, hop by hop. */
export function traceFromSubnet(world: TraceWorld, subnetId: SubnetId, destination: CidrRange): Trace {
  const hops: TraceHop[] = [];
  let uncertain = false;
  const done = (end: TraceEnd): Trace => ({ destination: destination.cidr, hops, end, uncertain });
  const subnet = world.subnet(subnetId);
  if (!subnet) return done({ kind: 'unknown', missing: 'subnet' });
  hops.push({ kind: 'subnet', subnetId, vpcId: subnet.vpcId });
  const serving = world.servingTable(subnet);
  if (!serving) return done({ kind: 'unknown', missing: 'table' });

  const decide = (table: RouteTable, via: TableVia): Forwarding<Route> => {
    hops.push({ kind: 'table', tableKind: vpcRoutes.tableKind, routeTableId: table.id, vpcId: table.vpcId, via });
    const forwarding = forward(vpcRoutes, world.cidrs, table.routes, destination);
    hops.push({ kind: 'decision', routeTableId: table.id, forwarding });
    uncertain ||= forwarding.mayDecide.length > 0;
    return forwarding;
  };

  const table = serving.table;
  const first = decide(table, serving.via);
  const fate = singleFate(first);
  if (!fate) return done(first.parts.length === 0 ? { kind: 'dropped', reason: 'no-route' } : { kind: 'split' });
  if (fate.blackhole) return done({ kind: 'dropped', reason: 'blackhole' });
  if (fate.target.kind === 'local') return done(deliveredIn(world, table.vpcId, destination));
  if (fate.target.kind === 'transit-gateway') {
    const gateway = world.transitGateway(fate.target.id as TransitGatewayId);
    // A gateway the snapshot does not hold (an older snapshot, gateways not read) is beyond it, as before.
    if (!gateway) return done({ kind: 'exits', target: fate.target });
    const walk: TgwWalk = { world, destination, hops: [], uncertain: false };
    const end = enterGateway(walk, gateway, subnet, table.vpcId);
    hops.push(...walk.hops);
    uncertain ||= walk.uncertain;
    return done(end);
  }
  if (fate.target.kind !== 'peering') return done({ kind: 'exits', target: fate.target });

  const peeringId = fate.target.id as PeeringId;
  const peering = world.peering(peeringId);
  const toVpcId = peering ? otherSide(peering, table.vpcId) : undefined;
  hops.push({ kind: 'peering', peeringId, status: peering?.status ?? 'unknown', ...(toVpcId ? { toVpcId } : {}) });
  if (!peering || peering.status !== 'active') return done({ kind: 'dropped', reason: 'peering-not-active' });
  if (!toVpcId) return done({ kind: 'dropped', reason: 'not-a-side' });
  const holds = world.vpcBlocks(toVpcId).some((b) => isWithin(destination, b));
  const target = holds ? subnetHolding(world, toVpcId, destination) : undefined;
  const next = target ? world.servingTable(target)?.table : world.mainTable(toVpcId);
  // The peer's table is evidence: where it would send what it received, which it delivers when
  // the peer holds it and never passes on otherwise.
  if (next) decide(next, 'peering');
  return done(holds ? deliveredIn(world, toVpcId, destination) : { kind: 'dropped', reason: 'beyond-peer' });
}

/** The walk through transit gateways alone: what entered `gatewayId` by `attachmentId`, from the table associated with it to where it ends. */
export function traceFromGateway(
  world: TraceWorld,
  gatewayId: TransitGatewayId,
  attachmentId: TransitGatewayAttachmentId,
  destination: CidrRange,
): { readonly hops: readonly TraceHop[]; readonly end: TraceEnd; readonly uncertain: boolean } {
  const walk: TgwWalk = { world, destination, hops: [], uncertain: false };
  const gateway = world.transitGateway(gatewayId);
  const end: TraceEnd = gateway ? throughGateway(walk, gateway, attachmentId, new Set()) : { kind: 'unknown', missing: 'transit-gateway', transitGatewayId: gatewayId };
  return { hops: walk.hops, end, uncertain: walk.uncertain };
}

/** What a walk through transit gateways carries along. */
interface TgwWalk {
  readonly world: TraceWorld;
  readonly destination: CidrRange;
  hops: TraceHop[];
  uncertain: boolean;
}

/** Gateway tables a walk may consult before it is called a loop. */
const MAX_GATEWAY_TABLES = 8;

/** Enter `gateway` from `subnet`'s VPC: its attachment must be available and serve the subnet's zone. */
function enterGateway(walk: TgwWalk, gateway: TransitGateway, subnet: Subnet, vpcId: VpcId): TraceEnd {
  const attachment = walk.world.vpcAttachment(gateway.id, vpcId);
  if (!attachment) return { kind: 'dropped', reason: 'no-attachment' };
  walk.hops.push(attachmentHop('ingress', gateway.id, attachment.id, attachment));
  if (attachment.state !== 'available') return { kind: 'dropped', reason: 'attachment-not-available' };
  const zones = (attachment.vpc?.subnets ?? []).map((s) => s.availabilityZone ?? walk.world.subnet(s.subnetId)?.availabilityZone);
  // Only a list of zones that is all known can say the subnet's zone is missing.
  if (attachment.vpc && zones.every((z) => z !== undefined) && !zones.includes(subnet.availabilityZone)) return { kind: 'dropped', reason: 'no-attachment-subnet-in-az' };
  return throughGateway(walk, gateway, attachment.id, new Set());
}

function attachmentHop(
  role: 'ingress' | 'egress',
  gatewayId: TransitGatewayId,
  attachmentId: TransitGatewayAttachmentId,
  attachment: TransitGatewayAttachment | undefined,
  ref?: { readonly resourceType?: string; readonly resourceId?: string },
): TraceHop {
  return {
    kind: 'tgw-attachment',
    role,
    transitGatewayId: gatewayId,
    attachmentId,
    resourceType: attachment?.resourceType ?? ref?.resourceType ?? 'unknown',
    resourceId: attachment?.resourceId ?? ref?.resourceId ?? 'unknown',
    state: attachment?.state ?? 'unknown',
  };
}

/** The one fate of a gateway decision: one route (or routes to the same attachments) for all of it; else `undefined`. */
function singleTgwFate(f: Forwarding<TransitGatewayRoute>): ForwardedPart<TransitGatewayRoute> | undefined {
  const first = f.parts[0];
  if (!first || f.unrouted) return undefined;
  const key = (p: ForwardedPart<TransitGatewayRoute>) => `${p.blackhole}|${tgwTargets(p.route).join(',')}`;
  return f.parts.every((p) => key(p) === key(first)) ? first : undefined;
}

/** Route what entered `gateway` by `ingressId` with the table associated with that attachment. */
function throughGateway(walk: TgwWalk, gateway: TransitGateway, ingressId: TransitGatewayAttachmentId, seen: Set<string>): TraceEnd {
  const { world, destination, hops } = walk;
  if (gateway.routing.state === 'unread') return { kind: 'unknown', missing: 'tgw-routing', transitGatewayId: gateway.id, reason: gateway.routing.reason };
  const association = world.associatedTable(gateway.id, ingressId);
  if (!association) return { kind: 'dropped', reason: 'no-association' };
  const { routeTableId, table } = association;
  if (!table) return { kind: 'unknown', missing: 'tgw-table', transitGatewayId: gateway.id, routeTableId };
  const key = `${gateway.id}|${routeTableId}`;
  if (seen.has(key) || seen.size >= MAX_GATEWAY_TABLES) return { kind: 'dropped', reason: 'tgw-loop' };
  seen.add(key);
  hops.push({ kind: 'tgw-table', transitGatewayId: gateway.id, routeTableId, attachmentId: ingressId });
  const forwarding = forwardTgw(world.cidrs, table, destination);
  hops.push({ kind: 'tgw-decision', transitGatewayId: gateway.id, routeTableId, forwarding });
  // A table AWS cut short may hold a route that decides instead.
  walk.uncertain ||= forwarding.mayDecide.length > 0 || !table.routesComplete;
  const fate = singleTgwFate(forwarding);
  if (!fate) return forwarding.parts.length === 0 ? { kind: 'dropped', reason: 'no-route' } : { kind: 'split' };
  if (fate.blackhole) return { kind: 'dropped', reason: 'blackhole' };
  const targets = tgwTargets(fate.route);
  if (targets.length === 1) return leaveGateway(walk, gateway, fate.route, targets[0]!, seen);
  // Equal-cost multipath: each flow takes one of them; one way when they all end alike, else split.
  const before = walk.hops;
  const ways = targets.map((id) => {
    walk.hops = [];
    const end = leaveGateway(walk, gateway, fate.route, id, new Set(seen));
    return { hops: walk.hops, end };
  });
  walk.hops = before;
  // Flows leaving by different VPN or Direct Connect attachments all leave: one way.
  const endKey = (end: TraceEnd) => (end.kind === 'exits' ? 'exits' : JSON.stringify(end));
  const same = ways.every((w) => endKey(w.end) === endKey(ways[0]!.end));
  if (!same) return { kind: 'split' };
  before.push(...ways[0]!.hops);
  return ways[0]!.end;
}

/** Leave `gateway` by the attachment a route names: into a VPC, over a gateway peering, or out of the snapshot. */
function leaveGateway(walk: TgwWalk, gateway: TransitGateway, route: TransitGatewayRoute, attachmentId: TransitGatewayAttachmentId, seen: Set<string>): TraceEnd {
  const { world, destination } = walk;
  const out = world.tgwAttachment(gateway.id, attachmentId);
  walk.hops.push(attachmentHop('egress', gateway.id, attachmentId, out, route.targets.find((t) => t.attachmentId === attachmentId)));
  if (!out || out.state !== 'available') return { kind: 'dropped', reason: 'attachment-not-available' };
  if (out.resourceType === 'vpc') {
    const vpcId = out.vpc?.vpcId ?? (out.resourceId as VpcId);
    const holds = world.vpcBlocks(vpcId).some((b) => isWithin(destination, b));
    const target = holds ? subnetHolding(world, vpcId, destination) : undefined;
    const next = target ? world.servingTable(target)?.table : world.mainTable(vpcId);
    // The destination VPC's table is evidence, as after a peering: its local route delivers.
    if (next) {
      walk.hops.push({ kind: 'table', tableKind: vpcRoutes.tableKind, routeTableId: next.id, vpcId: next.vpcId, via: 'transit-gateway' });
      const forwarding = forward(vpcRoutes, world.cidrs, next.routes, destination);
      walk.hops.push({ kind: 'decision', routeTableId: next.id, forwarding });
      walk.uncertain ||= forwarding.mayDecide.length > 0;
    }
    return holds ? deliveredIn(world, vpcId, destination) : { kind: 'dropped', reason: 'beyond-attachment' };
  }
  if (out.resourceType === 'peering' || out.resourceType === 'tgw-peering') {
    const peering = world.tgwPeering(attachmentId);
    const otherId = out.resourceId as TransitGatewayId;
    walk.hops.push({ kind: 'tgw-peering', attachmentId, state: peering?.state ?? 'unknown', fromTransitGatewayId: gateway.id, toTransitGatewayId: otherId });
    if (!peering || peering.state !== 'available') return { kind: 'dropped', reason: 'tgw-peering-not-available' };
    const other = world.transitGateway(otherId);
    if (!other) return { kind: 'unknown', missing: 'transit-gateway', transitGatewayId: otherId };
    return throughGateway(walk, other, attachmentId, seen);
  }
  return { kind: 'exits', target: { kind: 'transit-gateway-attachment', id: attachmentId } };
}

function otherSide(peering: Peering, vpcId: VpcId): VpcId | undefined {
  if (peering.requester.vpcId === vpcId) return peering.accepter.vpcId;
  if (peering.accepter.vpcId === vpcId) return peering.requester.vpcId;
  return undefined;
}

function subnetHolding(world: TraceWorld, vpcId: VpcId, destination: CidrRange): Subnet | undefined {
  return world.subnetsOf(vpcId).find((s) => [s.cidr, ...s.ipv6Cidrs].some((c) => {
    const range = world.cidrs.rangeOf(c);
    return range !== null && isWithin(destination, range);
  }));
}

function deliveredIn(world: TraceWorld, vpcId: VpcId, destination: CidrRange): TraceEnd {
  const subnet = subnetHolding(world, vpcId, destination);
  return { kind: 'delivered', vpcId, ...(subnet ? { subnetId: subnet.id } : {}) };
}
