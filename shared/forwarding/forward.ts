/** Where a table sends a destination: which routes decide it and where each one leads, for any target.
 *
 * The one question every verdict asks (route completeness: "is it this peering?", reachability:
 * "does it get there?", anomalies: "where was this route meant to go?"); each answers it on top
 * of this. A destination is a block (a VPC's block, a subnet) or one address (`/32`, `/128`).
 * The answer is plain data (no bigints), so it travels in traces, JSON and across the API.
 */
import type { Cidr, CidrRange, IpAddress } from '../cidr/parse-cidr';
import { addressToRange } from '../cidr/parse-cidr';
import type { CompiledTable } from './compiled-table';
import { compileTable } from './compiled-table';
import type { CidrReader, RoutePriority, RouteReader } from './route-reader';
import type { RouteSelection } from './route-selection';
import { selectCompiled } from './route-selection';
import type { ForwardTarget } from './targets';

/** One route deciding for some of a destination, and where it sends it. */
export interface ForwardedPart<R> {
  readonly route: R;
  /** The prefix length of the route's destination, or of the list entry deciding (`null` for a prefix-list route whose list is not in the snapshot). */
  readonly prefixLength: number | null;
  readonly priority: RoutePriority;
  readonly target: ForwardTarget;
  /** A blackhole route: what it decides for is dropped. */
  readonly blackhole: boolean;
}

/** Where one table sends one destination. */
export interface Forwarding<R> {
  readonly tableKind: string;
  readonly destination: Cidr;
  /**
   * The routes deciding for it: the covering route first (it takes every address no more
   * specific route takes), then the routes inside the destination that carve it, by address.
   * One part for a single address, and for nearly every block.
   */
  readonly parts: readonly ForwardedPart<R>[];
  /** The route containing the whole destination that outranks every other one containing it, if any. */
  readonly covering?: R;
  /** Some address matches no route: it is dropped. */
  readonly unrouted: boolean;
  /** Prefix-list routes that decide instead of the covering route (or of no route) if their list holds the destination. */
  readonly mayDecide: readonly ForwardedPart<R>[];
  /** The evidence of a priority decision: routes with the covering route's own destination that it outranks. */
  readonly outranked: readonly ForwardedPart<R>[];
}

function partOf<R>(reader: RouteReader<R>, route: R, range: CidrRange | null): ForwardedPart<R> {
  return { route, prefixLength: range ? range.prefixLength : null, priority: reader.priority(route), target: reader.target(route), blackhole: reader.isBlackhole(route) };
}

/** Where the routes `selection` found send its block. */
export function forwardingOf<R>(reader: RouteReader<R>, cidrs: CidrReader, selection: RouteSelection<R>): Forwarding<R> {
  return {
    tableKind: reader.tableKind,
    destination: selection.block.cidr,
    parts: selection.deciders.map((d) => partOf(reader, d.route, d.range)),
    ...(selection.covering ? { covering: selection.covering.route } : {}),
    unrouted: selection.unrouted,
    mayDecide: selection.listRoutes.map((route) => partOf(reader, route, null)),
    outranked: selection.outranked.map((route) => partOf(reader, route, cidrs.rangeOf(reader.destination(route)))),
  };
}

/** Where a compiled table sends `destination`. */
export function forwardCompiled<R>(cidrs: CidrReader, compiled: CompiledTable<R>, destination: CidrRange): Forwarding<R> {
  return forwardingOf(compiled.reader, cidrs, selectCompiled(cidrs, compiled, destination));
}

/** Where the table of `routes` (read by `reader`) sends `destination`. */
export function forward<R>(reader: RouteReader<R>, cidrs: CidrReader, routes: readonly R[], destination: CidrRange): Forwarding<R> {
  return forwardCompiled(cidrs, compileTable(reader, cidrs, routes), destination);
}

/** Where the table sends one address: its one deciding route (none when nothing matches), and the prefix lists that may take it instead. */
export function forwardAddress<R>(reader: RouteReader<R>, cidrs: CidrReader, routes: readonly R[], address: IpAddress): Forwarding<R> {
  return forward(reader, cidrs, routes, addressToRange(address));
}

/** The one part every address of `f` goes by, when they agree on target and state (else `undefined`: unrouted, or split). */
export function singleFate<R>(f: Forwarding<R>): ForwardedPart<R> | undefined {
  const first = f.parts[0];
  if (!first || f.unrouted) return undefined;
  for (const p of f.parts) if (p.target.kind !== first.target.kind || p.target.id !== first.target.id || p.blackhole !== first.blackhole) return undefined;
  return first;
}
