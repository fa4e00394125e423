/** How one route table treats one block of a peer VPC, judged for one peering.
 *
 * The routes that decide come from route selection (`route-selection.ts`); this file says what
 * their choice means for the peering: all of the block goes to it (`ok`), to a blackhole, to
 * something else, nowhere, only partly, or to a prefix list that may or may not hold the block.
 * Route completeness judges thousands of blocks through `classifyBlock`, which returns a number
 * and builds nothing for the common case; the rest go through `judgeSelection`.
 */
import { assertNever } from '../api/result';
import type { Cidr, CidrRange } from '../cidr/parse-cidr';
import type { PeeringId, RouteTableId } from '../model/ids';
import type { Route, RouteTable, RouteTarget } from '../model/topology';
import type { CompiledTable, RouteSelection } from './route-selection';
import { compileTable, prefixOfRank, routePriority, scanBlock, scannedInner, scannedRank, scannedRoute, selectCompiled } from './route-selection';
import type { TopologyIndex } from './topology-index';

/** How one route table treats one peer block. */
export type RouteCheck =
  /** The routes deciding for the block all go to this peering and are active. */
  | { readonly state: 'ok'; readonly routeTableId: RouteTableId; readonly peerCidr: Cidr; readonly route: Route }
  /** The route to this peering exists but is a blackhole (peering not active, or gone). */
  | { readonly state: 'blackhole'; readonly routeTableId: RouteTableId; readonly peerCidr: Cidr; readonly route: Route }
  /** No route for the block; traffic falls to the default route, if any (`fallback`), and is lost. */
  | { readonly state: 'missing'; readonly routeTableId: RouteTableId; readonly peerCidr: Cidr; readonly fallback?: Route }
  /** The block is routed to something else (another peering, a transit gateway, local …): a conflict. */
  | { readonly state: 'elsewhere'; readonly routeTableId: RouteTableId; readonly peerCidr: Cidr; readonly route: Route }
  /** Part of the block goes to this peering, part does not. */
  | {
      readonly state: 'partial';
      readonly routeTableId: RouteTableId;
      readonly peerCidr: Cidr;
      readonly toPeering: readonly Route[];
      readonly notToPeering: readonly Route[];
    }
  /**
   * A prefix-list route to this peering (`route`) carries the block if its list holds it: the
   * entries are not in the snapshot. `otherwise`: the route deciding when the list does not.
   */
  | { readonly state: 'unknown'; readonly routeTableId: RouteTableId; readonly peerCidr: Cidr; readonly route: Route; readonly otherwise?: Route };

/** Every state a `RouteCheck` can have. */
export type RouteCheckState = RouteCheck['state'];

function isToPeering(route: Route, peeringId: PeeringId): boolean {
  return route.target.kind === 'peering' && route.target.peeringId === peeringId;
}

function isActiveToPeering(route: Route, peeringId: PeeringId): boolean {
  return route.state === 'active' && isToPeering(route, peeringId);
}

/**
 * What the routes `selection` found mean for `peeringId`. Without prefix lists: `ok` when every
 * deciding route goes to the peering, actively, and no address is left unrouted; `partial` when
 * only some do; else `blackhole` when one of them is a blackhole to it, `elsewhere` when one
 * sends a part elsewhere (a default route, `/0`, does not count), `missing` otherwise. An active
 * prefix-list route to the peering that may decide makes an otherwise failing block `unknown`
 * when every part it cannot take goes to the peering.
 */
export function judgeSelection(routeTableId: RouteTableId, selection: RouteSelection, peeringId: PeeringId): RouteCheck {
  const peerCidr = selection.block.cidr;
  const { covering, deciders } = selection;
  const to = deciders.filter((d) => isActiveToPeering(d.route, peeringId)).map((d) => d.route);
  const notTo = deciders.filter((d) => !isActiveToPeering(d.route, peeringId)).map((d) => d.route);
  if (to.length > 0 && notTo.length === 0 && !selection.unrouted) return { state: 'ok', routeTableId, peerCidr, route: to[0]! };
  const list = selection.listRoutes.find((r) => isActiveToPeering(r, peeringId));
  if (list) {
    // The list can take only what the covering route decides (or what nothing routes).
    const coveringDecides = covering !== undefined && deciders[0]?.route === covering.route;
    const rest = coveringDecides ? deciders.slice(1) : deciders;
    if (rest.every((d) => isActiveToPeering(d.route, peeringId))) {
      return { state: 'unknown', routeTableId, peerCidr, route: list, ...(coveringDecides ? { otherwise: covering.route } : {}) };
    }
  }
  if (to.length > 0) return { state: 'partial', routeTableId, peerCidr, toPeering: to, notToPeering: notTo };
  const blackholed = deciders.find((d) => isToPeering(d.route, peeringId));
  if (blackholed) return { state: 'blackhole', routeTableId, peerCidr, route: blackholed.route };
  const elsewhere = deciders.find((d) => d.range.prefixLength > 0);
  if (elsewhere) return { state: 'elsewhere', routeTableId, peerCidr, route: elsewhere.route };
  return covering ? { state: 'missing', routeTableId, peerCidr, fallback: covering.route } : { state: 'missing', routeTableId, peerCidr };
}

/**
 * How `table` routes the block `peer`, judged for peering `peeringId`: the routes route selection
 * finds deciding for it (longest prefix, then static over prefix-list over propagated), judged by
 * `judgeSelection`.
 */
export function checkTableRoute(index: TopologyIndex, table: RouteTable, peer: CidrRange, peeringId: PeeringId): RouteCheck {
  const ipv4 = peer.family === 'ipv4';
  const compiled = compileTable(index, table);
  const low = ipv4 ? Number(peer.start) : NaN;
  const high = ipv4 ? Number(peer.end) : NaN;
  return checkOfCode(index, table.id, compiled, peer, peeringId, classifyBlock(compiled, ipv4 ? null : peer, low, high, peeringId));
}

/*
 * A check without its object: `(index of the covering route in table.routes + 1) * 8 + code`,
 * 0 standing for "no route" in the upper bits.
 */
/** The check's state is `ok`. */
export const CODE_OK = 0;
const CODE_BLACKHOLE = 1;
const CODE_MISSING = 2;
/** Missing, falling to a default route (the covering route). */
const CODE_FALLBACK = 3;
const CODE_ELSEWHERE = 4;
/** Routes inside the block carve it, or a prefix list to the peering may decide: judged by `judgeSelection`, which needs objects. */
export const CODE_SELECTED = 5;

function hasListTo(compiled: CompiledTable, peeringId: PeeringId): boolean {
  for (const k of compiled.lists) if (isToPeering(compiled.routes[k]!, peeringId)) return true;
  return false;
}

/**
 * How a compiled table routes a peer block for `peeringId`, as a code (see above), allocating
 * nothing: an IPv4 block by its bounds `low` and `high`, an IPv6 one by its range `v6`. Only the
 * block's covering route decides when nothing lies inside the block and no prefix list goes to
 * the peering: nearly always.
 */
export function classifyBlock(compiled: CompiledTable, v6: CidrRange | null, low: number, high: number, peeringId: PeeringId): number {
  const scan = scanBlock(compiled, v6, low, high);
  const bestIndex = scannedRoute(scan);
  const decided = (bestIndex + 1) * 8;
  if (scannedInner(scan) || (compiled.lists.length > 0 && hasListTo(compiled, peeringId))) return decided + CODE_SELECTED;
  if (bestIndex === -1) return CODE_MISSING;
  // The covering route is read only now, while its table's routes are still in the cache.
  const best = compiled.routes[bestIndex]!;
  if (isToPeering(best, peeringId)) return decided + (best.state === 'blackhole' ? CODE_BLACKHOLE : CODE_OK);
  return decided + (prefixOfRank(scannedRank(scan)) === 0 ? CODE_FALLBACK : CODE_ELSEWHERE);
}

/** The check object of a code that is not `CODE_SELECTED`. */
export function decodeCheck(routeTableId: RouteTableId, routes: readonly Route[], peerCidr: Cidr, encoded: number): RouteCheck {
  const route = routes[(encoded >> 3) - 1]!;
  switch (encoded & 7) {
    case CODE_OK:
      return { state: 'ok', routeTableId, peerCidr, route };
    case CODE_BLACKHOLE:
      return { state: 'blackhole', routeTableId, peerCidr, route };
    case CODE_FALLBACK:
      return { state: 'missing', routeTableId, peerCidr, fallback: route };
    case CODE_ELSEWHERE:
      return { state: 'elsewhere', routeTableId, peerCidr, route };
    default:
      return { state: 'missing', routeTableId, peerCidr };
  }
}

/** The check object of `encoded` (from `classifyBlock` on the same table and block), selecting the routes again when the code cannot say. */
export function checkOfCode(index: TopologyIndex, routeTableId: RouteTableId, compiled: CompiledTable, peer: CidrRange, peeringId: PeeringId, encoded: number): RouteCheck {
  if ((encoded & 7) !== CODE_SELECTED) return decodeCheck(routeTableId, compiled.routes, peer.cidr, encoded);
  return judgeSelection(routeTableId, selectCompiled(index, compiled, peer), peeringId);
}

/** Words for a route target (`pcx-1`, `local`, `tgw-…`). */
export function describeTarget(target: RouteTarget): string {
  switch (target.kind) {
    case 'local':
      return 'local';
    case 'peering':
      return target.peeringId;
    case 'other':
      return target.id;
    default:
      return assertNever(target);
  }
}

/** One sentence for a check, e.g. "10.1.0.0/16 has no route to pcx-1 (falls to 0.0.0.0/0 → igw-1)". */
export function describeRouteCheck(check: RouteCheck, peeringId: PeeringId): string {
  switch (check.state) {
    case 'ok':
      return `${check.peerCidr} → ${peeringId} (route ${check.route.destination})`;
    case 'blackhole':
      return `${check.peerCidr}: route ${check.route.destination} → ${peeringId} is a blackhole`;
    case 'missing':
      return `${check.peerCidr} has no route to ${peeringId}${check.fallback ? ` (falls to ${check.fallback.destination} → ${describeTarget(check.fallback.target)})` : ''}`;
    case 'elsewhere':
      return `${check.peerCidr} goes to ${describeTarget(check.route.target)} (route ${check.route.destination}${check.route.state === 'blackhole' ? ', blackhole' : ''}${
        routePriority(check.route) === 'propagated' ? ', propagated' : ''
      }), not ${peeringId}`;
    case 'partial':
      return `${check.peerCidr} only partly → ${peeringId} (${check.toPeering.map((r) => r.destination).join(', ')}); ${check.notToPeering
        .map((r) => `${r.destination} → ${describeTarget(r.target)}`)
        .join(', ')}`;
    case 'unknown':
      return `${check.peerCidr} → ${peeringId} only if prefix list ${check.route.destination} holds it (its entries are not in the snapshot); otherwise ${
        check.otherwise ? `it goes to ${describeTarget(check.otherwise.target)} (route ${check.otherwise.destination})` : 'it has no route'
      }`;
    default:
      return assertNever(check);
  }
}

/** The fix for a check that is not ok: the route to create or replace. */
export function suggestRouteFix(check: RouteCheck, routeTableId: RouteTableId, peeringId: PeeringId): string | null {
  const ipv6 = check.peerCidr.includes(':');
  const create = `aws ec2 create-route --route-table-id ${routeTableId} --${ipv6 ? 'destination-ipv6-cidr-block' : 'destination-cidr-block'} ${check.peerCidr} --vpc-peering-connection-id ${peeringId}`;
  switch (check.state) {
    case 'ok':
      return null;
    case 'missing':
      return create;
    case 'blackhole':
      return `Check that ${peeringId} is active; if it is, replace the route: ${create.replace('create-route', 'replace-route')}`;
    case 'elsewhere':
      // A static route of the same block can only be replaced; a propagated one is outranked by a new static route.
      return check.route.destination === check.peerCidr && routePriority(check.route) !== 'propagated'
        ? `If ${check.peerCidr} should go through the peering: ${create.replace('create-route', 'replace-route')}`
        : `If ${check.peerCidr} should go through the peering: ${create}`;
    case 'partial':
      return `Route the whole block if all of it should go through the peering: ${create}`;
    case 'unknown':
      return `Check that prefix list ${check.route.destination} holds ${check.peerCidr}, or route the block itself (a route for the block outranks the prefix list): ${create}`;
    default:
      return assertNever(check);
  }
}
