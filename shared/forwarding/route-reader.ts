/** What the engine reads of a route, whatever table holds it: the one interface a table kind implements.
 *
 * A VPC route table is one kind (`vpc-table.ts`); a transit gateway route table is one more file
 * of the same shape. The engine never reads a route's fields itself.
 */
import type { CidrRange } from '../cidr/parse-cidr';
import type { ForwardTarget } from './targets';

/** Which kind of route wins among routes with the identical destination: static first, propagated last. */
export type RoutePriority = 'static' | 'prefix-list' | 'propagated';

/** How the engine reads the routes of one kind of table. */
export interface RouteReader<R> {
  /** The kind of table, for traces (`vpc-route-table`; later `tgw-route-table`). */
  readonly tableKind: string;
  /** The destination: a CIDR block, or a prefix list id (`pl-…`), resolved through `CidrReader.prefixListEntries`. */
  destination(route: R): string;
  /** Decides among routes with the identical destination. Routes tied on destination and priority go to the one listed first. */
  priority(route: R): RoutePriority;
  /** Where the route sends what it decides for. */
  target(route: R): ForwardTarget;
  /** A blackhole route still decides: what it decides for is dropped, it does not fall to a wider route. */
  isBlackhole(route: R): boolean;
}

/** Parses CIDR text, remembering the answer (`TopologyIndex.rangeOf`); `null` for a prefix list id or bad text. */
export interface CidrReader {
  readonly rangeOf: (text: string) => CidrRange | null;
  /**
   * The entries of the prefix list `id` (`pl-…`), parsed, when the snapshot holds the list;
   * `undefined` when it does not (its routes then only *may* decide). Absent: no list is known.
   */
  readonly prefixListEntries?: (id: string) => readonly CidrRange[] | undefined;
}
