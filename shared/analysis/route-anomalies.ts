/** Routes into peerings that cannot work: stale, not yet active, aimed past the peer, or foreign.
 *
 * Route completeness asks "does each peer block have its route?"; this asks the converse, "does
 * each route into a peering make sense?". Sources: "VPC peering connection lifecycle" (routes to
 * a peering that is not active are blackholes), and "VPC peering limitations" (no transitive
 * peering and no edge-to-edge routing: only addresses inside the peer VPC are reachable, never a
 * third VPC or the internet through the peer's gateways).
 */
import { hasOverlap, isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import { forward } from '../forwarding/forward';
import { forwardTargetOf, vpcRoutes } from '../forwarding/vpc-table';
import type { PeeringId, RouteTableId, VpcId } from '../model/ids';
import type { Cidr } from '../cidr/parse-cidr';
import type { PeeringStatus, Route, RouteTable, Topology } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';
import { anomalyWords } from './anomaly-words';
import { indexTopology } from './topology-index';

export { describeAnomalyKind } from './anomaly-words';

interface AnomalyBase {
  readonly routeTableId: RouteTableId;
  readonly vpcId: VpcId;
  /** The route as it is in the table. */
  readonly route: Route;
  readonly peeringId: PeeringId;
  /** True when the table serves subnets (explicitly, or as the main table); else the route is dormant. */
  readonly isServing: boolean;
  readonly message: string;
  readonly fix: string;
}

/** What is wrong with a route into a peering: the verdict, before any words. */
export type AnomalyFinding =
  /** The peering ended (deleted, rejected, failed, expired) or is unknown: a blackhole left behind. */
  | { readonly kind: 'stale-peering'; readonly peeringStatus: PeeringStatus | 'unknown' }
  /** The peering is pending or provisioning: a blackhole until it becomes active. */
  | { readonly kind: 'not-yet-active'; readonly peeringStatus: PeeringStatus }
  /**
   * The destination reaches past the peer VPC's blocks: a default route (internet or NAT through
   * the peer), or a third VPC's range (transit). Those addresses are dropped at the peer.
   */
  | {
      readonly kind: 'beyond-peer';
      readonly peerVpcId: VpcId;
      readonly peerBlocks: readonly Cidr[];
      /**
       * Other VPCs whose blocks the destination overlaps, where this route decides for some of
       * their addresses (the forwarding engine): where the traffic was meant to go.
       */
      readonly intendedVpcIds: readonly VpcId[];
      readonly isDefaultRoute: boolean;
    }
  /** The table's VPC is on neither side of the peering. */
  | { readonly kind: 'foreign-peering' };

/** A route into a peering that cannot carry traffic as intended. */
export type RouteAnomaly = AnomalyBase & AnomalyFinding;

/** Every `RouteAnomaly` kind. */
export type RouteAnomalyKind = RouteAnomaly['kind'];

/** Find every route into a peering that cannot work, table by table, in topology order. */
export function findRouteAnomalies(topology: Topology): readonly RouteAnomaly[] {
  const index = indexTopology(topology);
  const blocks = collectVpcBlocks(topology);
  const servingTableIds = new Set<RouteTableId>();
  const hasSubnets = new Set<VpcId>(topology.subnets.map((s) => s.vpcId));
  for (const t of topology.routeTables) {
    // The main table serves subnets unless every subnet of its VPC has an explicit association;
    // counting it as serving whenever the VPC has subnets keeps this pass linear.
    if (t.subnetIds.length > 0 || (t.main && hasSubnets.has(t.vpcId))) servingTableIds.add(t.id);
  }
  const found: RouteAnomaly[] = [];
  for (const table of topology.routeTables) {
    for (const route of table.routes) {
      const target = forwardTargetOf(route.target);
      if (target.kind !== 'peering') continue;
      const anomaly = judgeRoute(index, blocks.byVpc, blocks.sorted, table, route, target.id as PeeringId, servingTableIds.has(table.id));
      if (anomaly) found.push(anomaly);
    }
  }
  return found;
}

function judgeRoute(
  index: ReturnType<typeof indexTopology>,
  blocksByVpc: ReadonlyMap<VpcId, readonly CidrRange[]>,
  allBlocks: readonly (CidrRange & { readonly vpcId: VpcId })[],
  table: RouteTable,
  route: Route,
  peeringId: PeeringId,
  isServing: boolean,
): RouteAnomaly | null {
  const base = { routeTableId: table.id, vpcId: table.vpcId, route, peeringId, isServing };
  const peering = index.peeringById.get(peeringId);
  if (!peering || !isLivePeeringStatus(peering.status)) {
    const finding: AnomalyFinding = { kind: 'stale-peering', peeringStatus: peering?.status ?? 'unknown' };
    return { ...base, ...finding, ...anomalyWords(index, table, route, peeringId, peering, finding) };
  }
  const isRequester = peering.requester.vpcId === table.vpcId;
  if (!isRequester && peering.accepter.vpcId !== table.vpcId) {
    const finding: AnomalyFinding = { kind: 'foreign-peering' };
    return { ...base, ...finding, ...anomalyWords(index, table, route, peeringId, peering, finding) };
  }
  if (peering.status !== 'active') {
    const finding: AnomalyFinding = { kind: 'not-yet-active', peeringStatus: peering.status };
    return { ...base, ...finding, ...anomalyWords(index, table, route, peeringId, peering, finding) };
  }
  const destination = index.rangeOf(route.destination);
  const peerVpcId = isRequester ? peering.accepter.vpcId : peering.requester.vpcId;
  const peerBlocks = blocksByVpc.get(peerVpcId) ?? [];
  if (!destination || peerBlocks.length === 0) return null;
  if (peerBlocks.some((b) => isWithin(destination, b))) return null;
  const isDefaultRoute = destination.prefixLength === 0;
  const intended = new Set<VpcId>();
  if (!isDefaultRoute) {
    for (const b of allBlocks) {
      if (b.start > destination.end && b.family === destination.family) break;
      if (b.vpcId === peerVpcId || b.vpcId === table.vpcId || intended.has(b.vpcId) || !hasOverlap(b, destination)) continue;
      // Only where this route decides: a more specific route (to that VPC's own peering, say) takes the rest.
      const shared = isWithin(b, destination) ? b : destination;
      if (forward(vpcRoutes, index, table.routes, shared).parts.some((p) => p.route === route)) intended.add(b.vpcId);
    }
  }
  const finding: AnomalyFinding = { kind: 'beyond-peer', peerVpcId, peerBlocks: peerBlocks.map((b) => b.cidr), intendedVpcIds: [...intended].sort(), isDefaultRoute };
  return { ...base, ...finding, ...anomalyWords(index, table, route, peeringId, peering, finding) };
}
