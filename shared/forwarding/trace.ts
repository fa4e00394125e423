/** A trace: one destination walked from a subnet through route tables, hop by hop, as data.
 *
 * Subnet → the table serving it (and why that one) → the routes deciding for the destination
 * there (with the evidence: priority, outranked routes, prefix lists that may decide) → where
 * they send it → across a peering, the peer VPC's table, and whether the peer holds the
 * destination. Words for a trace are elsewhere (`shared/words/trace-words.ts`); verdicts read
 * its hops. A peering is not transitive and carries no edge-to-edge traffic, so traffic that
 * entered a VPC over a peering is delivered there or dropped ("VPC peering limitations").
 */
import { isWithin } from '../cidr/overlap';
import type { Cidr, CidrRange } from '../cidr/parse-cidr';
import type { PeeringId, RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { Peering, PeeringStatus, Route, RouteTable, Subnet } from '../model/topology';
import type { Forwarding } from './forward';
import { forward, singleFate } from './forward';
import type { CidrReader } from './route-reader';
import type { ForwardTarget } from './targets';
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
}

/** Why a table is the one consulted. */
export type TableVia = 'explicit' | 'main' | 'peering';

/** One hop of a trace. */
export type TraceHop =
  /** Where the traffic starts. */
  | { readonly kind: 'subnet'; readonly subnetId: SubnetId; readonly vpcId: VpcId }
  /** The table consulted: the subnet's explicit association, its VPC's main table, or the table of the subnet the traffic entered a VPC for. */
  | { readonly kind: 'table'; readonly tableKind: string; readonly routeTableId: RouteTableId; readonly vpcId: VpcId; readonly via: TableVia }
  /** What that table decides for the destination, with the evidence. */
  | { readonly kind: 'decision'; readonly routeTableId: RouteTableId; readonly forwarding: Forwarding<Route> }
  /** Across a peering, to its other side (when the route's VPC is on one). */
  | { readonly kind: 'peering'; readonly peeringId: PeeringId; readonly status: PeeringStatus | 'unknown'; readonly toVpcId?: VpcId };

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
  | { readonly kind: 'unknown'; readonly missing: 'subnet' | 'table' };

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
  | 'beyond-peer';

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
