/** How one route table treats one block of a peer VPC, judged for one peering.
 *
 * Where the block goes comes from the forwarding engine (`shared/forwarding`); this file says
 * what that means for the peering: all of the block goes to it (`ok`), to a blackhole, to
 * something else, nowhere, only partly, or to a prefix list that may or may not hold the block.
 * Route completeness judges thousands of blocks through `classifyBlock`, which returns a number
 * and builds nothing for the common case; the rest go through `judgeForwarding`. The words for a
 * check are in `route-words.ts`.
 */
import type { Cidr, CidrRange } from '../cidr/parse-cidr';
import type { CompiledTable } from '../forwarding/compiled-table';
import { prefixOfRank, scanBlock, scannedInner, scannedRank, scannedRoute } from '../forwarding/compiled-table';
import type { Forwarding, ForwardedPart } from '../forwarding/forward';
import { forwardCompiled } from '../forwarding/forward';
import { compileVpcTable } from '../forwarding/vpc-table';
import type { PeeringId, RouteTableId } from '../model/ids';
import type { Route, RouteTable } from '../model/topology';
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

/** The part goes to this peering (a blackhole route to it included). */
function isToPeering(part: ForwardedPart<Route>, peeringId: PeeringId): boolean {
  return part.target.kind === 'peering' && part.target.id === peeringId;
}

function isActiveToPeering(part: ForwardedPart<Route>, peeringId: PeeringId): boolean {
  return !part.blackhole && isToPeering(part, peeringId);
}

/**
 * What the forwarding of a block means for `peeringId`. Without prefix lists: `ok` when every
 * deciding route goes to the peering, actively, and no address is left unrouted; `partial` when
 * only some do; else `blackhole` when one of them is a blackhole to it, `elsewhere` when one
 * sends a part elsewhere (a default route, `/0`, does not count), `missing` otherwise. An active
 * prefix-list route to the peering that may decide makes an otherwise failing block `unknown`
 * when every part it cannot take goes to the peering.
 */
export function judgeForwarding(routeTableId: RouteTableId, forwarding: Forwarding<Route>, peeringId: PeeringId): RouteCheck {
  const peerCidr = forwarding.destination;
  const { parts } = forwarding;
  const { covering } = forwarding;
  const to = parts.filter((d) => isActiveToPeering(d, peeringId)).map((d) => d.route);
  const notTo = parts.filter((d) => !isActiveToPeering(d, peeringId)).map((d) => d.route);
  if (to.length > 0 && notTo.length === 0 && !forwarding.unrouted) return { state: 'ok', routeTableId, peerCidr, route: to[0]! };
  const list = forwarding.mayDecide.find((p) => isActiveToPeering(p, peeringId));
  if (list) {
    // The list can take only what the covering route decides (or what nothing routes).
    const coveringDecides = covering !== undefined && parts[0]?.route === covering;
    const rest = coveringDecides ? parts.slice(1) : parts;
    if (rest.every((d) => isActiveToPeering(d, peeringId))) {
      return { state: 'unknown', routeTableId, peerCidr, route: list.route, ...(coveringDecides ? { otherwise: covering } : {}) };
    }
  }
  if (to.length > 0) return { state: 'partial', routeTableId, peerCidr, toPeering: to, notToPeering: notTo };
  const blackholed = parts.find((d) => isToPeering(d, peeringId));
  if (blackholed) return { state: 'blackhole', routeTableId, peerCidr, route: blackholed.route };
  const elsewhere = parts.find((d) => d.prefixLength !== null && d.prefixLength > 0);
  if (elsewhere) return { state: 'elsewhere', routeTableId, peerCidr, route: elsewhere.route };
  return covering ? { state: 'missing', routeTableId, peerCidr, fallback: covering } : { state: 'missing', routeTableId, peerCidr };
}

/**
 * How `table` routes the block `peer`, judged for peering `peeringId`: where the forwarding
 * engine sends it (longest prefix, then static over prefix-list over propagated), judged by
 * `judgeForwarding`.
 */
export function checkTableRoute(index: TopologyIndex, table: RouteTable, peer: CidrRange, peeringId: PeeringId): RouteCheck {
  const ipv4 = peer.family === 'ipv4';
  const compiled = compileVpcTable(index, table);
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
/** Routes inside the block carve it, or a prefix list to the peering may decide: judged by `judgeForwarding`, which needs objects. */
export const CODE_SELECTED = 5;

/** The route goes to this peering. Reads the route itself: the hot path below builds no target objects. */
function routeToPeering(route: Route, peeringId: PeeringId): boolean {
  return route.target.kind === 'peering' && route.target.peeringId === peeringId;
}

function hasListTo(compiled: CompiledTable<Route>, peeringId: PeeringId): boolean {
  for (const k of compiled.lists) if (routeToPeering(compiled.routes[k]!, peeringId)) return true;
  return false;
}

/**
 * How a compiled table routes a peer block for `peeringId`, as a code (see above), allocating
 * nothing: an IPv4 block by its bounds `low` and `high`, an IPv6 one by its range `v6`. Only the
 * block's covering route decides when nothing lies inside the block and no prefix list goes to
 * the peering: nearly always.
 */
export function classifyBlock(compiled: CompiledTable<Route>, v6: CidrRange | null, low: number, high: number, peeringId: PeeringId): number {
  const scan = scanBlock(compiled, v6, low, high);
  const bestIndex = scannedRoute(scan);
  const decided = (bestIndex + 1) * 8;
  if (scannedInner(scan) || (compiled.lists.length > 0 && hasListTo(compiled, peeringId))) return decided + CODE_SELECTED;
  if (bestIndex === -1) return CODE_MISSING;
  // The covering route is read only now, while its table's routes are still in the cache.
  const best = compiled.routes[bestIndex]!;
  if (routeToPeering(best, peeringId)) return decided + (best.state === 'blackhole' ? CODE_BLACKHOLE : CODE_OK);
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
export function checkOfCode(index: TopologyIndex, routeTableId: RouteTableId, compiled: CompiledTable<Route>, peer: CidrRange, peeringId: PeeringId, encoded: number): RouteCheck {
  if ((encoded & 7) !== CODE_SELECTED) return decodeCheck(routeTableId, compiled.routes, peer.cidr, encoded);
  return judgeForwarding(routeTableId, forwardCompiled(index, compiled, peer), peeringId);
}
