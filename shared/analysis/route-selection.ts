/** Route selection: for a destination block (or one address), which routes of a table decide, and why.
 *
 * The one implementation every analysis uses (route completeness, reachability, route anomalies,
 * and the checklist and plans built on them). The rules, with what AWS documents for each, are
 * in docs/route-selection.md:
 *
 * - the longest prefix decides; IPv4 and IPv6 are separate;
 * - among routes with the identical destination, a static route (`CreateRoute`, and the local
 *   route `CreateRouteTable`) beats a prefix-list route, which beats a propagated route
 *   (`EnableVgwRoutePropagation`); a blackhole route still decides (the traffic is dropped);
 * - the local route is a route like the others: a more specific route inside it decides there;
 * - a prefix-list route's entries are not in the snapshot, so it cannot be placed by prefix: it
 *   is reported as one that *may* decide wherever no CIDR route of equal or longer prefix than
 *   the block outranks it (its entries are taken to be no more specific than the block asked
 *   about).
 *
 * Lookups run on compiled tables: IPv4 routes as rows of numbers (first and last address, rank,
 * index in `table.routes`), where the rank `prefix × 4 + priority` makes the priority rule a
 * tie-break inside the one comparison the longest-prefix scan already makes.
 */
import { compareRanges, isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import { writeIpv4Bounds } from '../cidr/parse-cidr';
import type { Route, RouteTable } from '../model/topology';
import { ChunkPool, makeFloat64Chunk } from './chunk-pool';
import type { TopologyIndex } from './topology-index';

/** Which kind of route wins among routes with the identical destination: static first, propagated last. */
export type RoutePriority = 'static' | 'prefix-list' | 'propagated';

/** True for a route whose destination is a managed prefix list (`pl-…`) rather than a CIDR block. */
export function isPrefixListRoute(route: Route): boolean {
  return route.destination.startsWith('pl-');
}

/** The priority class of a route: propagated by its origin, prefix-list by its destination, else static. */
export function routePriority(route: Route): RoutePriority {
  if (isPrefixListRoute(route)) return 'prefix-list';
  return route.origin === 'EnableVgwRoutePropagation' ? 'propagated' : 'static';
}

/** A CIDR route's rank: longest prefix first, then static (2) over propagated (0). Higher wins. */
function rankOf(prefixLength: number, route: Route): number {
  return prefixLength * 4 + (route.origin === 'EnableVgwRoutePropagation' ? 0 : 2);
}

/** The prefix length within a rank. */
export function prefixOfRank(rank: number): number {
  return rank >> 2;
}

/** Numbers per compiled IPv4 route: first address, last address, rank, index in `table.routes`. */
export const COLUMNS = 4;

/** An IPv6 route of a table with its parsed range, rank and index in `table.routes`. */
interface RankedRoute {
  readonly range: CidrRange;
  readonly route: Route;
  readonly k: number;
  readonly rank: number;
}

/** A table's routes, parsed once: IPv4 bounds as plain numbers (exact below 2^53), IPv6 as ranges. */
export interface CompiledTable {
  readonly routes: readonly Route[];
  /** Holds `v4Count` rows of `COLUMNS` numbers from `start` on. */
  readonly columns: Float64Array;
  readonly start: number;
  readonly v4Count: number;
  readonly v6: readonly RankedRoute[];
  /** Indices in `routes` of the prefix-list routes, which have no range to compile. */
  readonly lists: readonly number[];
}

const compiledCache = new WeakMap<RouteTable, CompiledTable>();
const sharedRoutePool = new ChunkPool(makeFloat64Chunk, 16_384 * COLUMNS);
const NO_ROUTES: readonly RankedRoute[] = [];
const NO_LISTS: readonly number[] = [];

/** `compileRoutes`, remembered per table object (for callers that look up tables one at a time). */
export function compileTable(index: TopologyIndex, table: RouteTable): CompiledTable {
  let compiled = compiledCache.get(table);
  if (!compiled) compiledCache.set(table, (compiled = compileRoutes(index, table, sharedRoutePool)));
  return compiled;
}

/** Parse a table's route destinations into `pool`; prefix-list routes are listed apart, unreadable destinations left out. */
export function compileRoutes(index: TopologyIndex, table: RouteTable, pool: ChunkPool<Float64Array>): CompiledTable {
  const routes = table.routes;
  pool.reserve(routes.length * COLUMNS);
  const columns = pool.chunk;
  const start = pool.at;
  let row = start;
  let v6 = NO_ROUTES as RankedRoute[];
  let lists = NO_LISTS as number[];
  for (let k = 0; k < routes.length; k++) {
    const route = routes[k]!;
    if (writeIpv4Bounds(route.destination, columns, row)) {
      columns[row + 2] = rankOf(columns[row + 2]!, route);
      columns[row + 3] = k;
      row += COLUMNS;
      continue;
    }
    const range = index.rangeOf(route.destination);
    if (!range) {
      if (isPrefixListRoute(route)) (lists === NO_LISTS ? (lists = []) : lists).push(k);
      continue;
    }
    if (range.family === 'ipv4') {
      // A valid IPv4 block in a non-canonical spelling (host bits set, spaces): rare.
      columns[row] = Number(range.start);
      columns[row + 1] = Number(range.end);
      columns[row + 2] = rankOf(range.prefixLength, route);
      columns[row + 3] = k;
      row += COLUMNS;
    } else {
      if (v6 === NO_ROUTES) v6 = [];
      v6.push({ range, route, k, rank: rankOf(range.prefixLength, route) });
    }
  }
  return { routes, columns, start, v4Count: (row - start) / COLUMNS, v6, lists };
}

/*
 * The scan of one block, packed in one small integer so the hot path allocates nothing:
 * `(index of the deciding route + 1) << 11 | (its rank + 1) << 1 | (some route lies inside the block)`.
 */

/** Index in `routes` of the scan's covering route (the best route containing the whole block), or -1. */
export function scannedRoute(scan: number): number {
  return (scan >> 11) - 1;
}

/** Rank of the scan's covering route, or -1. */
export function scannedRank(scan: number): number {
  return ((scan >> 1) & 1023) - 1;
}

/** True when some CIDR route lies strictly inside the scanned block (it carves the block). */
export function scannedInner(scan: number): boolean {
  return (scan & 1) === 1;
}

/**
 * Scan a compiled table for a block, allocating nothing: an IPv4 block by its bounds `low` and
 * `high` (`v6` null), an IPv6 one by its range `v6`. Among routes containing the block the highest
 * rank wins, the first listed on a tie (AWS allows no two static routes for one destination).
 */
export function scanBlock(compiled: CompiledTable, v6: CidrRange | null, low: number, high: number): number {
  let bestIndex = -1;
  let bestRank = -1;
  let inner = 0;
  if (v6 === null) {
    const { columns } = compiled;
    const end = compiled.start + compiled.v4Count * COLUMNS;
    for (let row = compiled.start; row < end; row += COLUMNS) {
      const rl = columns[row]!;
      const rh = columns[row + 1]!;
      if (rl <= low && high <= rh) {
        const rank = columns[row + 2]!;
        if (rank > bestRank) {
          bestRank = rank;
          bestIndex = columns[row + 3]! | 0;
        }
      } else if (low <= rl && rh <= high) {
        inner = 1;
      }
    }
  } else {
    for (const { range, k, rank } of compiled.v6) {
      if (isWithin(v6, range)) {
        if (rank > bestRank) {
          bestRank = rank;
          bestIndex = k;
        }
      } else if (isWithin(range, v6)) {
        inner = 1;
      }
    }
  }
  return ((bestIndex + 1) << 11) | ((bestRank + 1) << 1) | inner;
}

/** A route that decides for some addresses of a block, with its destination. */
export interface RouteDecider {
  readonly route: Route;
  readonly range: CidrRange;
}

/** Which routes of a table decide for a block, and why. */
export interface RouteSelection {
  readonly block: CidrRange;
  /**
   * The route containing the whole block that outranks every other one containing it (longest
   * prefix, then priority): it decides for each address no more specific route takes.
   */
  readonly covering?: RouteDecider;
  /** Routes with the covering route's own destination that it outranks (e.g. a propagated one under a static one). */
  readonly outranked: readonly Route[];
  /**
   * Every route deciding for some address of the block: the covering route first (unless routes
   * inside the block take all of it), then the more specific routes inside it, by address.
   */
  readonly deciders: readonly RouteDecider[];
  /** True when some address of the block matches no CIDR route at all. */
  readonly unrouted: boolean;
  /**
   * Prefix-list routes that decide instead of the covering route (or where no route matches)
   * when their list holds the block: its entries are not in the snapshot, so they only may.
   * Empty when a CIDR route of the block's own prefix or longer outranks them, or when routes
   * inside the block take all of it.
   */
  readonly listRoutes: readonly Route[];
}

/** Which routes of `table` decide for `block` (a VPC's block, a subnet, or one address as /32 or /128). */
export function selectRoutes(index: TopologyIndex, table: RouteTable, block: CidrRange): RouteSelection {
  return selectCompiled(index, compileTable(index, table), block);
}

/** True when the union of `parts` (all inside `whole`) covers every address of `whole`. */
function isCoveredBy(whole: CidrRange, parts: readonly CidrRange[]): boolean {
  const sorted = [...parts].sort(compareRanges);
  let next = whole.start;
  for (const p of sorted) {
    if (p.start > next) return false;
    if (p.end + 1n > next) next = p.end + 1n;
    if (next > whole.end) return true;
  }
  return next > whole.end;
}

/** `o` beats `r` wherever both match (`o` lies within `r`): a longer prefix or higher priority, else the first listed. */
function beats(o: RankedRoute, r: RankedRoute): boolean {
  return o.rank > r.rank || (o.rank === r.rank && o.k < r.k);
}

/** `selectRoutes` on a compiled table. Builds objects: for the few blocks the scan cannot settle alone. */
export function selectCompiled(index: TopologyIndex, compiled: CompiledTable, block: CidrRange): RouteSelection {
  const containing: RankedRoute[] = [];
  const inner: RankedRoute[] = [];
  const consider = (candidate: RankedRoute): void => {
    if (isWithin(block, candidate.range)) containing.push(candidate);
    else if (isWithin(candidate.range, block)) inner.push(candidate);
  };
  if (block.family === 'ipv4') {
    const { columns, routes } = compiled;
    const end = compiled.start + compiled.v4Count * COLUMNS;
    for (let row = compiled.start; row < end; row += COLUMNS) {
      const k = columns[row + 3]! | 0;
      const range = index.rangeOf(routes[k]!.destination);
      if (range) consider({ range, route: routes[k]!, k, rank: columns[row + 2]! });
    }
  } else {
    for (const r of compiled.v6) consider(r);
  }
  let covering: RankedRoute | undefined;
  for (const c of containing) if (!covering || beats(c, covering)) covering = c;
  const outranked = covering ? containing.filter((c) => c !== covering && c.range.prefixLength === covering.range.prefixLength).map((c) => c.route) : [];
  const innerRanges = inner.map((r) => r.range);
  const blockTaken = isCoveredBy(block, innerRanges);
  const deciders: RouteDecider[] = covering && !blockTaken ? [{ route: covering.route, range: covering.range }] : [];
  const innerDeciders = inner.filter((r) => !isCoveredBy(r.range, inner.filter((o) => o !== r && isWithin(o.range, r.range) && beats(o, r)).map((o) => o.range)));
  innerDeciders.sort((x, y) => compareRanges(x.range, y.range) || x.k - y.k);
  for (const r of innerDeciders) deciders.push({ route: r.route, range: r.range });
  // A list entry no more specific than the block outranks the covering route when that route is
  // less specific than the block, or a propagated route of the block's own prefix.
  const listsMayDecide =
    compiled.lists.length > 0 &&
    !blockTaken &&
    (!covering || covering.range.prefixLength < block.prefixLength || routePriority(covering.route) === 'propagated');
  return {
    block,
    ...(covering ? { covering: { route: covering.route, range: covering.range } } : {}),
    outranked,
    deciders,
    unrouted: !covering && !blockTaken,
    listRoutes: listsMayDecide ? compiled.lists.map((k) => compiled.routes[k]!) : [],
  };
}
