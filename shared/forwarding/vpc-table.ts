/** The VPC route table as a table kind of the engine: how its routes read, rank and where they go.
 *
 * A route's priority class: *propagated* when its origin is `EnableVgwRoutePropagation`, a
 * *prefix-list* route when its destination is a `pl-…` id, else *static* (`CreateRoute`, the local
 * route's `CreateRouteTable`, and a missing origin). Targets are told apart by their id's prefix
 * (the snapshot keeps one id per route: `local`, `pcx-…`, or any other).
 */
import type { CidrRange } from '../cidr/parse-cidr';
import type { Route, RouteTable, RouteTarget } from '../model/topology';
import type { CompiledTable } from './compiled-table';
import { compileTable } from './compiled-table';
import type { CidrReader, RoutePriority, RouteReader } from './route-reader';
import type { RouteSelection } from './route-selection';
import { selectRoutes } from './route-selection';
import type { ForwardTarget } from './targets';
import { targetKindOfId } from './targets';

/** True for a route whose destination is a managed prefix list (`pl-…`) rather than a CIDR block. */
export function isPrefixListRoute(route: Route): boolean {
  return route.destination.startsWith('pl-');
}

/** The priority class of a route: propagated by its origin, prefix-list by its destination, else static. */
export function routePriority(route: Route): RoutePriority {
  if (isPrefixListRoute(route)) return 'prefix-list';
  return route.origin === 'EnableVgwRoutePropagation' ? 'propagated' : 'static';
}

/** Where a VPC route target leads, by kind. */
export function forwardTargetOf(target: RouteTarget): ForwardTarget {
  switch (target.kind) {
    case 'local':
      return LOCAL;
    case 'peering':
      return { kind: 'peering', id: target.peeringId };
    default: {
      // The snapshot says which routes go to a peering or stay local; an id that merely looks like one is not trusted.
      const kind = targetKindOfId(target.id);
      return { kind: kind === 'peering' || kind === 'local' ? 'unknown' : kind, id: target.id };
    }
  }
}

const LOCAL: ForwardTarget = { kind: 'local', id: 'local' };

/** The reader of VPC routes (`Route` of the model). */
export const vpcRoutes: RouteReader<Route> = {
  tableKind: 'vpc-route-table',
  destination: (route) => route.destination,
  priority: routePriority,
  target: (route) => forwardTargetOf(route.target),
  isBlackhole: (route) => route.state === 'blackhole',
};

/** A VPC route table compiled, remembered per table (for callers that look up tables one at a time). */
export function compileVpcTable(cidrs: CidrReader, table: RouteTable): CompiledTable<Route> {
  return compileTable(vpcRoutes, cidrs, table.routes);
}

/** Which routes of a VPC route table decide for `block`. */
export function selectVpcRoutes(cidrs: CidrReader, table: RouteTable, block: CidrRange): RouteSelection<Route> {
  return selectRoutes(vpcRoutes, cidrs, table.routes, block);
}
