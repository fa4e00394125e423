/** The transit gateway route table as a table kind of the engine: how its routes read, rank and where they go.
 *
 * A route's priority class: *prefix-list* when its destination is a managed prefix list, else
 * *static* or *propagated* by its type. So for one destination a static route beats a
 * prefix-list route, which beats a propagated one, and the longest prefix decides before any of
 * them. Propagated routes of one destination from different kinds of attachment are preferred
 * VPC, then Direct Connect gateway, then Connect, then VPN, then peering; the engine gives a tie
 * to the route listed first, so the table's routes are read in that order (`orderedTgwRoutes`,
 * made once per routes array). A blackhole route (no targets) decides and drops. A route with
 * several targets is equal-cost multipath: its target is the first attachment by id, and
 * `tgwTargets` lists them all.
 */
import type { CidrRange } from '../cidr/parse-cidr';
import type { TransitGatewayAttachmentId, TransitGatewayRoute, TransitGatewayRouteTable } from '../model/topology';
import type { CompiledTable } from './compiled-table';
import { compileTable } from './compiled-table';
import type { Forwarding } from './forward';
import { forwardCompiled } from './forward';
import type { CidrReader, RoutePriority, RouteReader } from './route-reader';
import type { ForwardTarget } from './targets';

/** The destination of a transit gateway route as text: its CIDR, or its prefix list's id. */
export function tgwRouteDestination(route: TransitGatewayRoute): string {
  return route.destination.kind === 'cidr' ? route.destination.cidr : route.destination.prefixListId;
}

/** The priority class of a transit gateway route. */
export function tgwRoutePriority(route: TransitGatewayRoute): RoutePriority {
  if (route.destination.kind === 'prefix-list') return 'prefix-list';
  return route.type === 'propagated' ? 'propagated' : 'static';
}

/** Every attachment a route sends to, by id (several for equal-cost multipath; none for a blackhole). */
export function tgwTargets(route: TransitGatewayRoute): readonly TransitGatewayAttachmentId[] {
  return route.targets.length <= 1 ? route.targets.map((t) => t.attachmentId) : route.targets.map((t) => t.attachmentId).sort();
}

const BLACKHOLE: ForwardTarget = { kind: 'unknown', id: 'blackhole' };

/** The reader of transit gateway routes (`TransitGatewayRoute` of the model). */
export const tgwRoutes: RouteReader<TransitGatewayRoute> = {
  tableKind: 'tgw-route-table',
  destination: tgwRouteDestination,
  priority: tgwRoutePriority,
  target: (route) => {
    const first = tgwTargets(route)[0];
    return first ? { kind: 'transit-gateway-attachment', id: first } : BLACKHOLE;
  },
  isBlackhole: (route) => route.state === 'blackhole' || route.targets.length === 0,
};

/** The order AWS prefers propagated routes of one destination in, by the attachment's resource type. */
const PROPAGATED_ORDER: Readonly<Record<string, number>> = { vpc: 0, 'direct-connect-gateway': 1, connect: 2, vpn: 3, 'vpn-concentrator': 3, peering: 4, 'tgw-peering': 4 };

function propagatedRank(route: TransitGatewayRoute): number {
  if (route.type !== 'propagated') return -1;
  return PROPAGATED_ORDER[route.targets[0]?.resourceType ?? ''] ?? 5;
}

const ordered = new WeakMap<readonly TransitGatewayRoute[], readonly TransitGatewayRoute[]>();

/** A table's routes in the order the engine should read them: propagated routes by the kind of attachment AWS prefers (stable otherwise). */
export function orderedTgwRoutes(routes: readonly TransitGatewayRoute[]): readonly TransitGatewayRoute[] {
  const hit = ordered.get(routes);
  if (hit) return hit;
  const list = routes.some((r) => r.type === 'propagated')
    ? routes
        .map((route, k) => ({ route, k, rank: propagatedRank(route) }))
        .sort((x, y) => x.rank - y.rank || x.k - y.k)
        .map((x) => x.route)
    : routes;
  ordered.set(routes, list);
  return list;
}

/** A transit gateway route table compiled (once per routes array). */
export function compileTgwTable(cidrs: CidrReader, table: TransitGatewayRouteTable): CompiledTable<TransitGatewayRoute> {
  return compileTable(tgwRoutes, cidrs, orderedTgwRoutes(table.routes));
}

/** Where a transit gateway route table sends `destination`. */
export function forwardTgw(cidrs: CidrReader, table: TransitGatewayRouteTable, destination: CidrRange): Forwarding<TransitGatewayRoute> {
  return forwardCompiled(cidrs, compileTgwTable(cidrs, table), destination);
}
