/** Route selection: for a destination block (or one address), which routes of a table decide, and why.
 *
 * The one implementation every analysis uses (route completeness, reachability, route anomalies,
 * and the checklist and plans built on them). The rules, with what AWS documents for each, are
 * in docs/route-selection.md:
 *
 * - the longest prefix decides; IPv4 and IPv6 are separate;
 * - among routes with the identical destination, a static route beats a prefix-list route, which
 *   beats a propagated route; a blackhole route still decides (the traffic is dropped);
 * - the local route is a route like the others: a more specific route inside it decides there;
 * - a prefix-list route whose list the snapshot holds is a route per entry, each of the entry's
 *   prefix, with the prefix-list priority;
 * - a prefix-list route whose list is not in the snapshot cannot be placed by prefix: it is
 *   reported as one that *may* decide wherever no CIDR route of equal or longer prefix than the
 *   block outranks it (its entries are taken to be no more specific than the block asked
 *   about).
 *
 * Selection runs on compiled tables (`compiled-table.ts`); the common case never gets here (the
 * scan alone settles it), so this builds objects freely.
 */
import { compareRanges, isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import type { CompiledTable, RankedRoute } from './compiled-table';
import { COLUMNS, compileTable } from './compiled-table';
import type { CidrReader, RouteReader } from './route-reader';

/** A route that decides for some addresses of a block, with its destination. */
export interface RouteDecider<R> {
  readonly route: R;
  readonly range: CidrRange;
}

/** Which routes of a table decide for a block, and why. */
export interface RouteSelection<R> {
  readonly block: CidrRange;
  /**
   * The route containing the whole block that outranks every other one containing it (longest
   * prefix, then priority): it decides for each address no more specific route takes.
   */
  readonly covering?: RouteDecider<R>;
  /** Routes with the covering route's own destination that it outranks (e.g. a propagated one under a static one). */
  readonly outranked: readonly R[];
  /**
   * Every route deciding for some address of the block: the covering route first (unless routes
   * inside the block take all of it), then the more specific routes inside it, by address.
   */
  readonly deciders: readonly RouteDecider<R>[];
  /** True when some address of the block matches no CIDR route at all. */
  readonly unrouted: boolean;
  /**
   * Prefix-list routes that decide instead of the covering route (or where no route matches)
   * when their list holds the block: its entries are not in the snapshot, so they only may.
   * Empty when a CIDR route of the block's own prefix or longer outranks them, or when routes
   * inside the block take all of it.
   */
  readonly listRoutes: readonly R[];
}

/** Which routes of `routes` (read by `reader`) decide for `block` (a VPC's block, a subnet, or one address as /32 or /128). */
export function selectRoutes<R>(reader: RouteReader<R>, cidrs: CidrReader, routes: readonly R[], block: CidrRange): RouteSelection<R> {
  return selectCompiled(cidrs, compileTable(reader, cidrs, routes), block);
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
function beats<R>(o: RankedRoute<R>, r: RankedRoute<R>): boolean {
  return o.rank > r.rank || (o.rank === r.rank && o.k < r.k);
}

/** `selectRoutes` on a compiled table. Builds objects: for the few blocks the scan cannot settle alone. */
export function selectCompiled<R>(cidrs: CidrReader, compiled: CompiledTable<R>, block: CidrRange): RouteSelection<R> {
  const { reader } = compiled;
  const containing: RankedRoute<R>[] = [];
  const inner: RankedRoute<R>[] = [];
  const consider = (candidate: RankedRoute<R>): void => {
    if (isWithin(block, candidate.range)) containing.push(candidate);
    else if (isWithin(candidate.range, block)) inner.push(candidate);
  };
  if (block.family === 'ipv4') {
    const { columns, routes } = compiled;
    const end = compiled.start + compiled.v4Count * COLUMNS;
    for (let row = compiled.start; row < end; row += COLUMNS) {
      const k = columns[row + 3]! | 0;
      const range = compiled.entryRows.get(row) ?? cidrs.rangeOf(reader.destination(routes[k]!));
      if (range) consider({ range, route: routes[k]!, k, rank: columns[row + 2]! });
    }
  } else {
    for (const r of compiled.v6) consider(r);
  }
  let covering: RankedRoute<R> | undefined;
  for (const c of containing) if (!covering || beats(c, covering)) covering = c;
  const outranked = covering ? containing.filter((c) => c !== covering && c.range.prefixLength === covering.range.prefixLength).map((c) => c.route) : [];
  const innerRanges = inner.map((r) => r.range);
  const blockTaken = isCoveredBy(block, innerRanges);
  const deciders: RouteDecider<R>[] = covering && !blockTaken ? [{ route: covering.route, range: covering.range }] : [];
  const innerDeciders = inner.filter((r) => !isCoveredBy(r.range, inner.filter((o) => o !== r && isWithin(o.range, r.range) && beats(o, r)).map((o) => o.range)));
  innerDeciders.sort((x, y) => compareRanges(x.range, y.range) || x.k - y.k);
  for (const r of innerDeciders) deciders.push({ route: r.route, range: r.range });
  // A list entry no more specific than the block outranks the covering route when that route is
  // less specific than the block, or a propagated route of the block's own prefix.
  const listsMayDecide =
    compiled.lists.length > 0 &&
    !blockTaken &&
    (!covering || covering.range.prefixLength < block.prefixLength || reader.priority(covering.route) === 'propagated');
  return {
    block,
    ...(covering ? { covering: { route: covering.route, range: covering.range } } : {}),
    outranked,
    deciders,
    unrouted: !covering && !blockTaken,
    listRoutes: listsMayDecide ? compiled.lists.map((k) => compiled.routes[k]!) : [],
  };
}
