/** Findings about transit gateway paths that need forwarding: a VPC route into a gateway whose
 * table drops or blackholes traffic for a network behind the gateway, and pairs reached one way
 * through a gateway but not back. (Findings about the gateway model alone, such as unassociated
 * attachments, live beside these in their own files.)
 *
 * A route into a gateway is walked from the table associated with the route's VPC's attachment
 * (`traceFromGateway`), for the route's own destination: it is dropped there (no route, a
 * blackhole, no association, an unavailable attachment or gateway peering, a loop) or a blackhole
 * route of the gateway table takes part of it. Such a route is reported only when what is dropped
 * holds a network behind the gateway (`tgw-held-networks.ts`: another attached VPC's block, or a
 * VPN's routes) that the VPC's table sends by this route: traffic meant for somewhere reachable.
 * A summary or default route (10.0.0.0/8, 0.0.0.0/0) whose unused space the gateway drops, or a
 * route to a range nothing behind the gateway holds, loses nothing anyone could reach that way,
 * and is not reported. A gateway whose routing was not read is never reported: its forwarding is
 * unknown. Asymmetric pairs come from the reachability matrix (`reach-matrix.ts`, equal to
 * `directionReach` for every pair): one direction reaches (through a gateway) and the other does not.
 */
import type { CidrRange } from '../cidr/parse-cidr';
import type { DropReason } from '../forwarding/trace';
import { traceFromGateway } from '../forwarding/trace';
import { tgwRouteDestination } from '../forwarding/tgw-table';
import { forwardTargetOf } from '../forwarding/vpc-table';
import { intersectRanges } from '../cidr/overlap';
import type { RouteTableId, VpcId } from '../model/ids';
import type { Route, RouteTable, Topology, TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRoute, TransitGatewayRouteTableId } from '../model/topology';
import type { HeldNetwork } from './tgw-held-networks';
import { heldBehind, heldOverlapping } from './tgw-held-networks';
import { tgwRouteFor } from './tgw-checklist-lookups';
import { tgwLookupOf } from './tgw-lookup';
import type { TopologyIndex } from './topology-index';
import { indexTopology } from './topology-index';
import { traceWorldOf } from './trace-world';
import type { DirectionReach } from './vpc-reach';
import { CELL_BY_GATEWAY, CELL_NO, CELL_SOME, CELL_YES, reachMatrix } from './reach-matrix';
import { directionReach } from './vpc-reach';

/** A VPC route into a transit gateway whose table drops (some of) what the route sends. */
export interface GatewayRouteDrop {
  readonly routeTableId: RouteTableId;
  readonly vpcId: VpcId;
  /** The VPC route's destination. */
  readonly destination: string;
  readonly transitGatewayId: TransitGatewayId;
  readonly attachmentId?: TransitGatewayAttachmentId;
  /** The gateway table that decided (unset when the walk stopped before one). */
  readonly tgwRouteTableId?: TransitGatewayRouteTableId;
  /** Why it is dropped; `blackhole` with `partly` when a blackhole route takes only part of it. */
  readonly reason: DropReason;
  readonly partly: boolean;
  /** The gateway route that drops it (a blackhole's destination), when one does. */
  readonly gatewayRoute?: string;
  /** The table serves subnets (else the route is dormant). */
  readonly isServing: boolean;
  /** The first network behind the gateway whose traffic is dropped: a VPC's block, or a destination routed to a VPN (or similar) attachment. */
  readonly lost: { readonly cidr: string; readonly vpcId?: VpcId; readonly attachmentId?: TransitGatewayAttachmentId };
}

const DROPS: ReadonlySet<DropReason> = new Set(['no-route', 'blackhole', 'no-association', 'attachment-not-available', 'tgw-peering-not-available', 'tgw-loop']);

/** Every active VPC route into a gateway (read, in the snapshot) whose gateway table drops or blackholes traffic it sends for a network behind the gateway. */
export function findGatewayRouteDrops(topology: Topology): GatewayRouteDrop[] {
  if (topology.transitGateways.length === 0) return [];
  const index = indexTopology(topology);
  const tgw = tgwLookupOf(topology);
  const world = traceWorldOf(topology);
  const found: GatewayRouteDrop[] = [];
  const walks = new Map<string, ReturnType<typeof traceFromGateway>>();
  const lossesByWalk = new Map<string, readonly Loss[]>();
  for (const table of topology.routeTables) {
    for (const route of table.routes) {
      const target = forwardTargetOf(route.target);
      if (target.kind !== 'transit-gateway' || route.state === 'blackhole') continue;
      const gatewayId = target.id as TransitGatewayId;
      const gateway = tgw.gatewayById.get(gatewayId);
      const range: CidrRange | null = index.rangeOf(route.destination);
      if (!gateway || gateway.routing.state !== 'read' || !range) continue;
      const attachment = tgw.vpcAttachment(gatewayId, table.vpcId);
      // No attachment, or one not available: the model-only findings name those.
      if (!attachment || attachment.state !== 'available') continue;
      // Attachments associated with one table walk one destination alike: walked once.
      const key = `${gatewayId}|${tgw.associatedTable(gatewayId, attachment.id)?.routeTableId ?? attachment.id}|${route.destination}`;
      let walk = walks.get(key);
      if (!walk) walks.set(key, (walk = traceFromGateway(world, gatewayId, attachment.id, range)));
      let losses = lossesByWalk.get(key);
      if (!losses) lossesByWalk.set(key, (losses = lossesOf(topology, index, gatewayId, walk, range)));
      // The route's VPC's own blocks stay in it; a more specific route of its table takes its part elsewhere.
      const loss = losses.find((l) => l.held.vpcId !== table.vpcId && sentBy(index, table, route, l.block));
      if (!loss) continue;
      const end = walk.end;
      const dropped = end.kind === 'dropped' && DROPS.has(end.reason);
      const lost = loss.held;
      const lastDecision = [...walk.hops].reverse().find((h) => h.kind === 'tgw-decision');
      found.push({
        routeTableId: table.id,
        vpcId: table.vpcId,
        destination: route.destination,
        transitGatewayId: gatewayId,
        attachmentId: attachment.id,
        ...(lastDecision?.kind === 'tgw-decision' ? { tgwRouteTableId: lastDecision.routeTableId } : {}),
        reason: dropped ? end.reason : 'blackhole',
        partly: !dropped,
        ...(loss.gatewayRoute ? { gatewayRoute: tgwRouteDestination(loss.gatewayRoute) } : {}),
        isServing: table.main || table.subnetIds.length > 0,
        lost: { cidr: lost.range.cidr, ...(lost.vpcId ? { vpcId: lost.vpcId } : {}), ...(lost.attachmentId ? { attachmentId: lost.attachmentId } : {}) },
      });
    }
  }
  return found;
}

/** Traffic for a network behind the gateway that a walk drops: the block of it dropped, and the blackhole route that drops it, if one does. */
interface Loss {
  readonly held: HeldNetwork;
  readonly block: CidrRange;
  readonly gatewayRoute?: TransitGatewayRoute;
}

/**
 * What a walk into a gateway for `range` drops of the networks behind the gateway: all of them
 * in the range when the walk is dropped, else those a blackhole part takes (the gateway table's
 * route for them is that blackhole).
 */
function lossesOf(topology: Topology, index: TopologyIndex, gatewayId: TransitGatewayId, walk: ReturnType<typeof traceFromGateway>, range: CidrRange): readonly Loss[] {
  const decision = walk.hops.find((h) => h.kind === 'tgw-decision');
  const parts = decision?.kind === 'tgw-decision' ? decision.forwarding.parts.filter((p) => p.blackhole) : [];
  const dropped = walk.end.kind === 'dropped' && DROPS.has(walk.end.reason);
  if (!dropped && parts.length === 0) return [];
  const held = heldBehind(topology, gatewayId);
  const losses: Loss[] = [];
  if (dropped) {
    const gatewayRoute = parts[0]?.route;
    for (const h of heldOverlapping(held, range)) {
      const block = intersectRanges(h.range, range);
      if (block) losses.push({ held: h, block, ...(gatewayRoute ? { gatewayRoute } : {}) });
    }
    return losses;
  }
  const gatewayTable = decision?.kind === 'tgw-decision' ? tgwLookupOf(topology).tableById.get(decision.routeTableId) : undefined;
  for (const part of parts) {
    for (const b of rangesOf(index, part.route)) {
      const dropping = intersectRanges(b, range);
      if (!dropping) continue;
      for (const h of heldOverlapping(held, dropping)) {
        const block = intersectRanges(h.range, dropping);
        if (block && (!gatewayTable || tgwRouteFor(index, gatewayTable, block)?.state === 'blackhole')) losses.push({ held: h, block, gatewayRoute: part.route });
      }
    }
  }
  return losses;
}

/** A gateway route's destination ranges (a prefix list's entries). */
function rangesOf(index: TopologyIndex, route: TransitGatewayRoute): readonly CidrRange[] {
  if (route.destination.kind === 'prefix-list') return index.prefixListEntries(route.destination.prefixListId) ?? [];
  const range = index.rangeOf(route.destination.cidr);
  return range ? [range] : [];
}

/** Does the VPC table send `block` by `route`: is it the longest prefix covering the block (the first listed of equals)? */
function sentBy(index: TopologyIndex, table: RouteTable, route: Route, block: CidrRange | null): boolean {
  if (!block) return false;
  let best: Route | undefined;
  let length = -1;
  for (const r of table.routes) {
    const ranges = r.destination.startsWith('pl-') ? (index.prefixListEntries(r.destination) ?? []) : [index.rangeOf(r.destination)];
    for (const range of ranges) {
      if (range && range.family === block.family && range.prefixLength > length && range.start <= block.start && block.end <= range.end) {
        best = r;
        length = range.prefixLength;
      }
    }
  }
  return best === route;
}

/** Two VPCs reached one way through a transit gateway but not back. */
export interface AsymmetricPath {
  /** The VPC that reaches the other. */
  readonly from: VpcId;
  readonly to: VpcId;
  readonly there: DirectionReach;
  readonly back: DirectionReach;
}

/** Pairs where one direction reaches through a transit gateway (`yes` or `some`) and the other does not (`no`), each pair once, sorted. */
export function findAsymmetricPaths(topology: Topology): AsymmetricPath[] {
  if (topology.transitGateways.length === 0) return [];
  // The matrix holds every connected pair both ways; a pair reached through a gateway shares one.
  const m = reachMatrix(topology);
  const n = m.vpcIds.length;
  // Each pair as from * n + to: sorted as numbers, that is by ids (the matrix's VPCs are sorted).
  let codes = new Float64Array(1024);
  let count = 0;
  const throughGateway = (cell: number) => (cell & CELL_BY_GATEWAY) !== 0 && ((cell & 3) === CELL_YES || (cell & 3) === CELL_SOME);
  const { offsets, targets, cells } = m;
  // Per row j, where the search for the next (larger) i goes on: rows ascend, so the entry of i
  // in row j is found by stepping on from the last one found there, not searched afresh.
  const cursor = offsets.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let k = offsets[i]!, end = offsets[i + 1]!; k < end; k++) {
      const j = targets[k]!;
      if (j <= i) continue;
      const there = cells[k]!;
      let c = cursor[j]!;
      const rowEnd = offsets[j + 1]!;
      while (c < rowEnd && targets[c]! < i) c++;
      cursor[j] = c;
      // Connections go both ways, so row j holds i; were it missing, the way back would count as no.
      const back = c < rowEnd && targets[c] === i ? cells[c]! : CELL_NO;
      const code = throughGateway(there) && (back & 3) === CELL_NO ? i * n + j : throughGateway(back) && (there & 3) === CELL_NO ? j * n + i : -1;
      if (code < 0) continue;
      if (count === codes.length) {
        const bigger = new Float64Array(codes.length * 2);
        bigger.set(codes);
        codes = bigger;
      }
      codes[count++] = code;
    }
  }
  const sorted = codes.subarray(0, count).sort();
  const found: AsymmetricPath[] = [];
  for (const code of sorted) {
    const a = m.vpcIds[Math.floor(code / n)]!;
    const b = m.vpcIds[code % n]!;
    found.push(new OneWayPair(topology, a, b));
  }
  return found;
}

/** A one-way pair: each direction's full answer (its path and failure) is walked only when read. */
class OneWayPair implements AsymmetricPath {
  readonly #topology: Topology;
  readonly from: VpcId;
  readonly to: VpcId;

  constructor(topology: Topology, from: VpcId, to: VpcId) {
    this.#topology = topology;
    this.from = from;
    this.to = to;
  }

  get there(): DirectionReach {
    return directionReach(this.#topology, this.from, this.to);
  }

  get back(): DirectionReach {
    return directionReach(this.#topology, this.to, this.from);
  }
}
