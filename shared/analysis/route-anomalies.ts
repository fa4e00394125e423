/** Routes into peerings that cannot work: stale, not yet active, aimed past the peer, or foreign.
 *
 * Route completeness asks "does each peer block have its route?"; this asks the converse, "does
 * each route into a peering make sense?". Sources: "VPC peering connection lifecycle" (routes to
 * a peering that is not active are blackholes), and "VPC peering limitations" (no transitive
 * peering and no edge-to-edge routing: only addresses inside the peer VPC are reachable, never a
 * third VPC or the internet through the peer's gateways).
 */
import { assertNever } from '../api/result';
import { hasOverlap, isWithin } from '../cidr/overlap';
import type { Cidr, CidrRange } from '../cidr/parse-cidr';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { PeeringId, RouteTableId, VpcId } from '../model/ids';
import type { PeeringStatus, Route, RouteTable, Topology } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';
import { selectVpcRoutes } from '../forwarding/vpc-table';
import { awsCommandText, ec2Command, routeDestination } from '../words/aws-cli';
import { indexTopology, labelVpc } from './topology-index';

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

/** A route into a peering that cannot carry traffic as intended. */
export type RouteAnomaly =
  /** The peering ended (deleted, rejected, failed, expired) or is unknown: a blackhole left behind. */
  | (AnomalyBase & { readonly kind: 'stale-peering'; readonly peeringStatus: PeeringStatus | 'unknown' })
  /** The peering is pending or provisioning: a blackhole until it becomes active. */
  | (AnomalyBase & { readonly kind: 'not-yet-active'; readonly peeringStatus: PeeringStatus })
  /**
   * The destination reaches past the peer VPC's blocks: a default route (internet or NAT through
   * the peer), or a third VPC's range (transit). Those addresses are dropped at the peer.
   */
  | (AnomalyBase & {
      readonly kind: 'beyond-peer';
      readonly peerVpcId: VpcId;
      readonly peerBlocks: readonly Cidr[];
      /**
       * Other VPCs whose blocks the destination overlaps, where this route decides for some of
       * their addresses (route selection): where the traffic was meant to go.
       */
      readonly intendedVpcIds: readonly VpcId[];
      readonly isDefaultRoute: boolean;
    })
  /** The table's VPC is on neither side of the peering. */
  | (AnomalyBase & { readonly kind: 'foreign-peering' });

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
      if (route.target.kind !== 'peering') continue;
      const anomaly = judgeRoute(index, blocks.byVpc, blocks.sorted, table, route, route.target.peeringId, servingTableIds.has(table.id));
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
  const where = `${table.id} (${labelVpc(index, table.vpcId)})`;
  const deleteFix = `Delete the route: ${awsCommandText(ec2Command('DeleteRoute', { RouteTableId: table.id, ...routeDestination(route.destination) }))}`;
  const peering = index.peeringById.get(peeringId);
  if (!peering || !isLivePeeringStatus(peering.status)) {
    const status = peering?.status ?? 'unknown';
    return {
      ...base,
      kind: 'stale-peering',
      peeringStatus: status,
      message: `${where} routes ${route.destination} to ${peeringId}, which is ${peering ? status : 'not in the snapshot (gone, or in an unscanned account)'}: a blackhole left behind.`,
      fix: deleteFix,
    };
  }
  const isRequester = peering.requester.vpcId === table.vpcId;
  if (!isRequester && peering.accepter.vpcId !== table.vpcId) {
    return {
      ...base,
      kind: 'foreign-peering',
      message: `${where} routes ${route.destination} to ${peeringId}, which joins ${peering.requester.vpcId} and ${peering.accepter.vpcId}, not this VPC.`,
      fix: deleteFix,
    };
  }
  if (peering.status !== 'active') {
    return {
      ...base,
      kind: 'not-yet-active',
      peeringStatus: peering.status,
      message: `${where} routes ${route.destination} to ${peeringId}, which is ${peering.status}: a blackhole until the peering is active.`,
      fix:
        peering.status === 'pending-acceptance'
          ? `Accept ${peeringId} as account ${peering.accepter.accountId} in ${peering.accepter.region}; the route then works.`
          : `Wait for ${peeringId} to become active and rescan.`,
    };
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
      if (selectVpcRoutes(index, table, shared).deciders.some((d) => d.route === route)) intended.add(b.vpcId);
    }
  }
  const intendedVpcIds = [...intended].sort();
  const peerText = peerBlocks.map((b) => b.cidr).join(', ');
  const why = isDefaultRoute
    ? `a default route into a peering: traffic cannot leave through ${labelVpc(index, peerVpcId)}'s internet or NAT gateway (no edge-to-edge routing)`
    : intendedVpcIds.length > 0
      ? `it covers ${intendedVpcIds
          .slice(0, 3)
          .map((id) => labelVpc(index, id))
          .join(', ')}${intendedVpcIds.length > 3 ? ` and ${intendedVpcIds.length - 3} more VPCs` : ''}, which ${peerVpcId} cannot pass traffic to (peering is not transitive)`
      : `addresses outside ${peerVpcId}'s blocks (${peerText}) are dropped there`;
  return {
    ...base,
    kind: 'beyond-peer',
    peerVpcId,
    peerBlocks: peerBlocks.map((b) => b.cidr),
    intendedVpcIds,
    isDefaultRoute,
    message: `${where} sends ${route.destination} into ${peeringId}, whose peer ${labelVpc(index, peerVpcId)} holds only ${peerText}: ${why}.`,
    fix: isDefaultRoute
      ? `Send ${route.destination} to this VPC's own internet or NAT gateway (or a transit gateway); peer ${peerVpcId} only for ${peerText}.`
      : intendedVpcIds.length > 0
        ? `Peer directly with ${intendedVpcIds.length > 3 ? `the VPCs it covers (${intendedVpcIds.slice(0, 3).join(', ')}, …)` : intendedVpcIds.join(', ')} (or use a transit gateway), and narrow this route to ${peerText}.`
        : `Narrow the route to ${peerText}.`,
  };
}

/** A short label for an anomaly kind, for tables. */
export function describeAnomalyKind(kind: RouteAnomalyKind): string {
  switch (kind) {
    case 'stale-peering':
      return 'stale';
    case 'not-yet-active':
      return 'not active yet';
    case 'beyond-peer':
      return 'beyond peer';
    case 'foreign-peering':
      return 'foreign peering';
    default:
      return assertNever(kind);
  }
}
