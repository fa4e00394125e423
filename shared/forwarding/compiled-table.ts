/** Compiled route tables and the longest-prefix scan that runs on them without allocating.
 *
 * A table's IPv4 routes become rows of numbers (first and last address, rank, index in the
 * table's routes), where the rank `prefix × 4 + priority` makes the priority rule a tie-break
 * inside the one comparison the longest-prefix scan already makes; IPv6 routes keep their parsed
 * ranges; a prefix-list route whose list the snapshot holds is one row per entry. The rules
 * are in docs/route-selection.md. Routes are read only through a
 * `RouteReader`, so any kind of table compiles the same way.
 */
import { isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import { writeIpv4Bounds } from '../cidr/parse-cidr';
import { ChunkPool, makeFloat64Chunk } from './chunk-pool';
import type { CidrReader, RouteReader } from './route-reader';

const PRIORITY_RANK = { static: 2, 'prefix-list': 1, propagated: 0 } as const;

/** A route's rank: longest prefix first, then static (2) over prefix-list (1) over propagated (0). Higher wins. */
function rankOf<R>(prefixLength: number, reader: RouteReader<R>, route: R): number {
  return prefixLength * 4 + PRIORITY_RANK[reader.priority(route)];
}

/** The prefix length within a rank. */
export function prefixOfRank(rank: number): number {
  return rank >> 2;
}

/** Numbers per compiled IPv4 route: first address, last address, rank, index in `table.routes`. */
export const COLUMNS = 4;

/** An IPv6 route of a table with its parsed range, rank and index in `table.routes`. */
export interface RankedRoute<R> {
  readonly range: CidrRange;
  readonly route: R;
  readonly k: number;
  readonly rank: number;
}

/** A table's routes, parsed once: IPv4 bounds as plain numbers (exact below 2^53), IPv6 as ranges. */
export interface CompiledTable<R> {
  readonly reader: RouteReader<R>;
  readonly routes: readonly R[];
  /** Holds `v4Count` rows of `COLUMNS` numbers from `start` on. */
  readonly columns: Float64Array;
  readonly start: number;
  readonly v4Count: number;
  readonly v6: readonly RankedRoute<R>[];
  /** Indices in `routes` of the prefix-list routes whose list is not in the snapshot: no range to compile. */
  readonly lists: readonly number[];
  /**
   * The IPv4 rows of prefix-list entries, by their offset in `columns`, with the entry's range
   * (the route's own destination is the list's id). A resolved list is one row per entry, ranked
   * as a prefix-list route of the entry's prefix.
   */
  readonly entryRows: ReadonlyMap<number, CidrRange>;
  /** The CIDR reader the prefix lists were resolved with (the compiled form depends on it when the table has prefix-list routes). */
  readonly cidrs: CidrReader;
  readonly hasListRoutes: boolean;
}

// Keyed by a table's routes array: the compiled form depends on nothing else (topologies are immutable).
const compiledCache = new WeakMap<readonly unknown[], CompiledTable<unknown>>();
const sharedRoutePool = new ChunkPool(makeFloat64Chunk, 16_384 * COLUMNS);
const NO_ROUTES: RankedRoute<never>[] = [];
const NO_LISTS: readonly number[] = [];
const NO_ENTRY_ROWS: ReadonlyMap<number, CidrRange> = new Map();

/** `compileRoutes`, remembered per routes array (for callers that look up tables one at a time). */
export function compileTable<R>(reader: RouteReader<R>, cidrs: CidrReader, routes: readonly R[]): CompiledTable<R> {
  let compiled = compiledCache.get(routes) as CompiledTable<R> | undefined;
  if (!compiled || compiled.reader !== reader || (compiled.hasListRoutes && compiled.cidrs !== cidrs)) {
    compiledCache.set(routes, (compiled = compileRoutes(reader, cidrs, routes, sharedRoutePool)));
  }
  return compiled;
}

/**
 * Parse a table's route destinations into `pool`: a prefix-list route whose list `cidrs` knows
 * becomes one row per entry, one whose list it does not know is listed apart; unreadable
 * destinations are left out.
 */
export function compileRoutes<R>(reader: RouteReader<R>, cidrs: CidrReader, routes: readonly R[], pool: ChunkPool<Float64Array>): CompiledTable<R> {
  let entryRows = NO_ENTRY_ROWS as Map<number, CidrRange>;
  let hasListRoutes = false;
  let resolved: (readonly CidrRange[] | undefined)[] | undefined;
  let extraRows = 0;
  for (let k = 0; k < routes.length; k++) {
    const route = routes[k]!;
    if (reader.priority(route) !== 'prefix-list' || cidrs.rangeOf(reader.destination(route))) continue;
    hasListRoutes = true;
    const entries = cidrs.prefixListEntries?.(reader.destination(route));
    (resolved ??= [])[k] = entries;
    if (entries) extraRows += entries.length;
  }
  pool.reserve((routes.length + extraRows) * COLUMNS);
  const columns = pool.chunk;
  const start = pool.at;
  let row = start;
  let v6: RankedRoute<R>[] = NO_ROUTES;
  let lists = NO_LISTS as number[];
  for (let k = 0; k < routes.length; k++) {
    const route = routes[k]!;
    const destination = reader.destination(route);
    if (writeIpv4Bounds(destination, columns, row)) {
      columns[row + 2] = rankOf(columns[row + 2]!, reader, route);
      columns[row + 3] = k;
      row += COLUMNS;
      continue;
    }
    const entries = resolved?.[k];
    if (entries) {
      for (const entry of entries) {
        const rank = rankOf(entry.prefixLength, reader, route);
        if (entry.family === 'ipv4') {
          columns[row] = Number(entry.start);
          columns[row + 1] = Number(entry.end);
          columns[row + 2] = rank;
          columns[row + 3] = k;
          (entryRows === NO_ENTRY_ROWS ? (entryRows = new Map()) : entryRows).set(row, entry);
          row += COLUMNS;
        } else {
          if (v6 === (NO_ROUTES as RankedRoute<R>[])) v6 = [];
          v6.push({ range: entry, route, k, rank });
        }
      }
      continue;
    }
    const range = cidrs.rangeOf(destination);
    if (!range) {
      if (reader.priority(route) === 'prefix-list') (lists === NO_LISTS ? (lists = []) : lists).push(k);
      continue;
    }
    if (range.family === 'ipv4') {
      // A valid IPv4 block in a non-canonical spelling (host bits set, spaces): rare.
      columns[row] = Number(range.start);
      columns[row + 1] = Number(range.end);
      columns[row + 2] = rankOf(range.prefixLength, reader, route);
      columns[row + 3] = k;
      row += COLUMNS;
    } else {
      if (v6 === (NO_ROUTES as RankedRoute<R>[])) v6 = [];
      v6.push({ range, route, k, rank: rankOf(range.prefixLength, reader, route) });
    }
  }
  return { reader, routes, columns, start, v4Count: (row - start) / COLUMNS, v6, lists, entryRows, cidrs, hasListRoutes };
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
export function scanBlock<R>(compiled: CompiledTable<R>, v6: CidrRange | null, low: number, high: number): number {
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

