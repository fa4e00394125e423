/** Findings about transit gateway paths that need forwarding: a VPC route into a gateway whose
 * table drops or blackholes what it sends, and pairs reached one way through a gateway but not
 * back. (Findings about the gateway model alone, such as unassociated attachments, live beside
 * these in their own files.)
 *
 * A route into a gateway is walked from the table associated with the route's VPC's attachment
 * (`traceFromGateway`), for the route's own destination: it is reported when the walk is dropped
 * there (no route, a blackhole, no association, an unavailable attachment or gateway peering, a
 * loop) or when a blackhole route of the gateway table takes part of it. A gateway whose routing
 * was not read is never reported: its forwarding is unknown. Asymmetric pairs come from
 * the reachability matrix (`reach-matrix.ts`, equal to `directionReach` for every pair): one
 * direction reaches (through a gateway) and the other does not.
 */
import type { CidrRange } from '../cidr/parse-cidr';
import type { DropReason } from '../forwarding/trace';
import { traceFromGateway } from '../forwarding/trace';
import { tgwRouteDestination } from '../forwarding/tgw-table';
import { forwardTargetOf } from '../forwarding/vpc-table';
import type { RouteTableId, VpcId } from '../model/ids';
import type { Topology, TransitGatewayAttachmentId, TransitGatewayId, TransitGatewayRouteTableId } from '../model/topology';
import { tgwLookupOf } from './tgw-lookup';
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
}

const DROPS: ReadonlySet<DropReason> = new Set(['no-route', 'blackhole', 'no-association', 'attachment-not-available', 'tgw-peering-not-available', 'tgw-loop']);

/** Every active VPC route into a gateway (read, in the snapshot) whose gateway table drops or blackholes what it sends. */
export function findGatewayRouteDrops(topology: Topology): GatewayRouteDrop[] {
  if (topology.transitGateways.length === 0) return [];
  const index = indexTopology(topology);
  const tgw = tgwLookupOf(topology);
  const world = traceWorldOf(topology);
  const found: GatewayRouteDrop[] = [];
  const walks = new Map<string, ReturnType<typeof traceFromGateway>>();
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
      const decision = walk.hops.find((h) => h.kind === 'tgw-decision');
      const blackholed = decision?.kind === 'tgw-decision' ? decision.forwarding.parts.find((p) => p.blackhole) : undefined;
      const end = walk.end;
      const dropped = end.kind === 'dropped' && DROPS.has(end.reason);
      if (!dropped && !blackholed) continue;
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
        ...(blackholed ? { gatewayRoute: tgwRouteDestination(blackholed.route) } : {}),
        isServing: table.main || table.subnetIds.length > 0,
      });
    }
  }
  return found;
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
