/** Which VPCs a VPC reaches, per direction, over peerings, transit gateways and gateway peerings,
 * and by which route at each hop.
 *
 * For a pair (from, to) each table serving the source's subnets, per Availability Zone, is asked
 * about each IPv4 block of the destination (the forwarding engine's compiled scan; the full
 * selection only where routes carve the block or a prefix list may decide). A route to a
 * peering delivers when the peering is active and joins the two; a route to a transit gateway
 * enters by the source's attachment (available, with a subnet in the zone) and is walked through
 * the gateway tables by the trace (`traceFromGateway`), remembered per gateway table and block,
 * so a matrix walks each gateway table once per destination block, not once per pair.
 */
import { scanBlock, scannedInner, scannedRoute } from '../forwarding/compiled-table';
import type { PeeringId, VpcId } from '../model/ids';
import type { Topology, TransitGatewayId } from '../model/topology';
import type { ReachContext, ReachFailure, ReachHop, ReachWay, Walk } from './vpc-reach-walk';
import { attachmentOf, blocksOf, contextOf, gatewayWalk, groupsOf, ingressOf, pathOf, walkOne } from './vpc-reach-walk';

export type { ReachFailure, ReachHop, ReachWay } from './vpc-reach-walk';

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
  const blocks = blocksOf(ctx, to);
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
  const blocks = blocksOf(ctx, to);
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
  const attachment = attachmentOf(ctx, group, gatewayId, from);
  if (!attachment || attachment.state !== 'available') return 0;
  const ingress = ingressOf(ctx, gatewayId, attachment);
  const zones = ingress.zones;
  if (zones && zones.every((z) => z !== undefined) && !zones.includes(group.zone)) return 0;
  const walk = gatewayWalk(ctx, ingress, gatewayId, attachment.id, block);
  if (walk.unknown) return -1;
  return walk.delivered && walk.deliveredTo === to ? 1 : 0;
}
