/** Do both sides of each peering route the other side's blocks to it?
 *
 * A peering carries nothing until each side has routes to it ("Update your route tables for a
 * VPC peering connection", Amazon VPC Peering Guide). Only tables that serve subnets matter: the
 * ones with explicit associations, and the main table for subnets without one.
 */
import { assertNever } from '../api/result';
import { compareRanges, isWithin } from '../cidr/overlap';
import type { Cidr, CidrRange } from '../cidr/parse-cidr';
import { tryParseCidrRange, writeCanonicalIpv4Bounds, writeIpv4Bounds } from '../cidr/parse-cidr';
import { isHeldBlockState } from '../cidr/vpc-blocks';
import type { PeeringId, RouteTableId, SubnetId, VpcId } from '../model/ids';
import type { Peering, PeeringSide, PeeringStatus, Route, RouteTable, RouteTarget, Subnet, Topology, Vpc } from '../model/topology';
import { isBetterBlockSource } from '../model/topology';
import type { TopologyIndex } from './topology-index';
import { indexTopology, servingTablesOf } from './topology-index';

/** How one route table treats one peer block. */
export type RouteCheck =
  /** The most specific route covering the block goes to this peering and is active. */
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
    };

/** Every state a `RouteCheck` can have. */
export type RouteCheckState = RouteCheck['state'];

/** One route table that matters, with its checks. */
export interface TableRouteChecks {
  readonly routeTableId: RouteTableId;
  readonly main: boolean;
  /** The subnets this table serves (explicit, plus implicit ones for the main table). */
  readonly subnetIds: readonly SubnetId[];
  /** One check per peer block. */
  readonly checks: readonly RouteCheck[];
}

/** Overall state of one side. */
export type RouteSummary = 'complete' | 'partial' | 'none' | 'unknown';

/** One side of a peering. */
export interface SideRouteCompleteness {
  readonly role: 'requester' | 'accepter';
  readonly vpcId: VpcId;
  readonly peerVpcId: VpcId;
  /** `complete`: every table routes every peer block here; `none`: no table routes any of it; `unknown`: not scanned. */
  readonly summary: RouteSummary;
  readonly tables: readonly TableRouteChecks[];
  /** Why the summary is `unknown` or `none` for a reason other than missing routes. */
  readonly note?: string;
}

/** Route completeness of one peering. */
export interface PeeringRouteCompleteness {
  readonly peeringId: PeeringId;
  readonly status: PeeringStatus;
  readonly requester: SideRouteCompleteness;
  readonly accepter: SideRouteCompleteness;
}

/** Options of `computeRouteCompleteness`. */
export interface RouteCompletenessOptions {
  /** Peering statuses to examine (default: `active`, the only one that carries traffic). */
  readonly statuses?: readonly PeeringStatus[];
  /**
   * Only these peerings (still filtered by `statuses`): the checks are then proportional to
   * them, e.g. for one selected edge (the topology's VPCs, tables and subnets are still grouped
   * once, a map operation each).
   */
  readonly peeringIds?: readonly PeeringId[];
}

/** Numbers per compiled IPv4 route: first address, last address, prefix length, index in `table.routes`. */
const COLUMNS = 4;

/**
 * Rows of a typed array handed out from large chunks that never move: compiled routes and check
 * results live there, outside the JavaScript heap, so the garbage collector neither scans nor
 * copies them. At 176,000 routes and 110,000 checks, per-table arrays and per-check objects were
 * most of what each scavenge had to copy.
 */
class ChunkPool<T extends Float64Array | Int32Array> {
  /** The chunk and offset of the last reservation. */
  chunk: T;
  at = 0;
  #used = 0;

  constructor(
    private readonly make: (length: number) => T,
    private readonly chunkLength: number,
  ) {
    this.chunk = make(0);
  }

  /** Hand out the current chunk again from its start: for rows no longer read. */
  rewind(): void {
    this.#used = 0;
  }

  /** Make room for `length` numbers in one chunk; read `chunk` and `at` after. */
  reserve(length: number): void {
    if (this.#used + length > this.chunk.length) {
      this.chunk = this.make(Math.max(length, this.chunkLength));
      this.#used = 0;
    }
    this.at = this.#used;
    this.#used += length;
  }
}

// The chunk makers are made once: a new closure per call would change the call target that
// optimised code inlined into `reserve`, and V8 would throw that code away on every call.
const makeFloat64Chunk = (n: number): Float64Array => new Float64Array(n);
const makeInt32Chunk = (n: number): Int32Array => new Int32Array(n);

/** A pool of compiled routes: 16,384 routes per 512 KiB chunk. */
const routePool = (): ChunkPool<Float64Array> => new ChunkPool(makeFloat64Chunk, 16_384 * COLUMNS);

/** An IPv6 route of a table with its parsed range and its index in `table.routes`. */
interface RangedIndexedRoute {
  readonly range: CidrRange;
  readonly route: Route;
  readonly k: number;
}

/** A table's routes, parsed once: IPv4 bounds as plain numbers (exact below 2^53), IPv6 as ranges. */
interface CompiledTable {
  readonly routes: readonly Route[];
  /** Holds `v4Count` rows of `COLUMNS` numbers from `start` on. */
  readonly columns: Float64Array;
  readonly start: number;
  readonly v4Count: number;
  readonly v6: readonly RangedIndexedRoute[];
}

const compiledCache = new WeakMap<RouteTable, CompiledTable>();
const sharedRoutePool = routePool();
const NO_ROUTES: readonly RangedIndexedRoute[] = [];

/** `compileRoutes`, remembered per table object (for callers that check tables one at a time). */
function compileTable(index: TopologyIndex, table: RouteTable): CompiledTable {
  let compiled = compiledCache.get(table);
  if (!compiled) compiledCache.set(table, (compiled = compileRoutes(index, table, sharedRoutePool)));
  return compiled;
}

/** Parse a table's route destinations into `pool`; prefix-list destinations (`pl-…`) are left out. */
function compileRoutes(index: TopologyIndex, table: RouteTable, pool: ChunkPool<Float64Array>): CompiledTable {
  const routes = table.routes;
  pool.reserve(routes.length * COLUMNS);
  const columns = pool.chunk;
  const start = pool.at;
  let row = start;
  let v6 = NO_ROUTES as RangedIndexedRoute[];
  for (let k = 0; k < routes.length; k++) {
    const route = routes[k]!;
    if (writeIpv4Bounds(route.destination, columns, row)) {
      columns[row + 3] = k;
      row += COLUMNS;
      continue;
    }
    const range = index.rangeOf(route.destination);
    if (!range) continue;
    if (range.family === 'ipv4') {
      // A valid IPv4 block in a non-canonical spelling (host bits set, spaces): rare.
      columns[row] = Number(range.start);
      columns[row + 1] = Number(range.end);
      columns[row + 2] = range.prefixLength;
      columns[row + 3] = k;
      row += COLUMNS;
    } else {
      if (v6 === NO_ROUTES) v6 = [];
      v6.push({ range, route, k });
    }
  }
  return { routes, columns, start, v4Count: (row - start) / COLUMNS, v6 };
}

function isToPeering(route: Route, peeringId: PeeringId): boolean {
  return route.target.kind === 'peering' && route.target.peeringId === peeringId;
}

function isActiveToPeering(route: Route, peeringId: PeeringId): boolean {
  return route.state === 'active' && isToPeering(route, peeringId);
}

interface RangedRoute {
  readonly range: CidrRange;
  readonly route: Route;
}

/** Routes whose destination lies strictly inside `peer` (`low`, `high`: its bounds as numbers when IPv4). */
function collectInnerRoutes(index: TopologyIndex, compiled: CompiledTable, peer: CidrRange, low: number, high: number): RangedRoute[] {
  const out: RangedRoute[] = [];
  if (peer.family === 'ipv4') {
    const { columns, routes } = compiled;
    const end = compiled.start + compiled.v4Count * COLUMNS;
    for (let row = compiled.start; row < end; row += COLUMNS) {
      const rl = columns[row]!;
      const rh = columns[row + 1]!;
      if (low <= rl && rh <= high && !(rl <= low && high <= rh)) {
        const route = routes[columns[row + 3]! | 0]!;
        out.push({ range: index.rangeOf(route.destination)!, route });
      }
    }
  } else {
    for (const r of compiled.v6) if (isWithin(r.range, peer) && !isWithin(peer, r.range)) out.push(r);
  }
  return out;
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

/**
 * Classify a block whose table has routes inside it: find the routes that win for at least one
 * address (a route is beaten everywhere when more specific routes inside it cover it whole),
 * then judge by what those winners do. Rare in practice, so clarity beats speed here.
 */
function classifyCarvedBlock(routeTableId: RouteTableId, peer: CidrRange, best: RangedRoute | undefined, inner: readonly RangedRoute[], peeringId: PeeringId): RouteCheck {
  const peerCidr = peer.cidr;
  const winners: RangedRoute[] = [];
  const candidates = best ? [best, ...inner] : inner;
  for (const candidate of candidates) {
    const whole = candidate === best ? peer : candidate.range;
    const inside = inner.filter((r) => r !== candidate && isWithin(r.range, whole) && r.range.prefixLength > whole.prefixLength).map((r) => r.range);
    if (!isCoveredBy(whole, inside)) winners.push(candidate);
  }
  // Addresses with no route at all when nothing covers the block and the inner routes leave gaps.
  const hasUnrouted = !best && !isCoveredBy(peer, inner.map((r) => r.range));
  const to = winners.filter((w) => isActiveToPeering(w.route, peeringId)).map((w) => w.route);
  const notTo = winners.filter((w) => !isActiveToPeering(w.route, peeringId)).map((w) => w.route);
  if (to.length > 0) {
    return notTo.length === 0 && !hasUnrouted ? { state: 'ok', routeTableId, peerCidr, route: to[0]! } : { state: 'partial', routeTableId, peerCidr, toPeering: to, notToPeering: notTo };
  }
  const blackholed = winners.find((w) => isToPeering(w.route, peeringId));
  if (blackholed) return { state: 'blackhole', routeTableId, peerCidr, route: blackholed.route };
  const elsewhere = winners.find((w) => w.range.prefixLength > 0);
  if (elsewhere) return { state: 'elsewhere', routeTableId, peerCidr, route: elsewhere.route };
  return best ? { state: 'missing', routeTableId, peerCidr, fallback: best.route } : { state: 'missing', routeTableId, peerCidr };
}

/**
 * How `table` routes the block `peer`, judged for peering `peeringId`, by longest prefix match
 * ("Route priority", Amazon VPC User Guide): the most specific route covering the block decides,
 * and more specific routes inside the block carve parts out of it. A default route (`/0`) to an
 * internet or NAT gateway does not count as routing the peer elsewhere: the route is `missing`.
 */
export function checkTableRoute(index: TopologyIndex, table: RouteTable, peer: CidrRange, peeringId: PeeringId): RouteCheck {
  const ipv4 = peer.family === 'ipv4';
  const compiled = compileTable(index, table);
  const low = ipv4 ? Number(peer.start) : NaN;
  const high = ipv4 ? Number(peer.end) : NaN;
  return checkOfCode(index, table.id, compiled, peer, low, high, peeringId, classifyBlock(compiled, ipv4 ? null : peer, low, high, peeringId));
}

/*
 * A check without its object: `(index of the deciding route in table.routes + 1) * 8 + code`,
 * 0 standing for "no route" in the upper bits.
 */
const CODE_OK = 0;
const CODE_BLACKHOLE = 1;
const CODE_MISSING = 2;
/** Missing, falling to a default route (the deciding route). */
const CODE_FALLBACK = 3;
const CODE_ELSEWHERE = 4;
/** Routes inside the block carve it: judged by `classifyCarvedBlock`, which needs objects. */
const CODE_CARVED = 5;

/**
 * How a compiled table routes a peer block for `peeringId`, as a code (see above), allocating
 * nothing: an IPv4 block by its bounds `low` and `high`, an IPv6 one by its range `v6`.
 */
function classifyBlock(compiled: CompiledTable, v6: CidrRange | null, low: number, high: number, peeringId: PeeringId): number {
  let bestIndex = -1;
  let bestPrefix = -1;
  let innerCount = 0;
  if (v6 === null) {
    const { columns } = compiled;
    const end = compiled.start + compiled.v4Count * COLUMNS;
    for (let row = compiled.start; row < end; row += COLUMNS) {
      const rl = columns[row]!;
      const rh = columns[row + 1]!;
      if (rl <= low && high <= rh) {
        const prefix = columns[row + 2]!;
        if (prefix > bestPrefix) {
          bestPrefix = prefix;
          bestIndex = columns[row + 3]! | 0;
        }
      } else if (low <= rl && rh <= high) {
        innerCount++;
      }
    }
  } else {
    for (const { range, k } of compiled.v6) {
      if (isWithin(v6, range)) {
        if (range.prefixLength > bestPrefix) {
          bestPrefix = range.prefixLength;
          bestIndex = k;
        }
      } else if (isWithin(range, v6)) {
        innerCount++;
      }
    }
  }
  const decided = (bestIndex + 1) * 8;
  if (innerCount > 0) return decided + CODE_CARVED;
  // The common case: nothing more specific inside the block, so the best route decides alone.
  if (bestIndex === -1) return CODE_MISSING;
  // The deciding route is read only now, while its table's routes are still in the cache.
  const best = compiled.routes[bestIndex]!;
  if (isToPeering(best, peeringId)) return decided + (best.state === 'blackhole' ? CODE_BLACKHOLE : CODE_OK);
  return decided + (bestPrefix === 0 ? CODE_FALLBACK : CODE_ELSEWHERE);
}

/** The check object of a code that is not `CODE_CARVED`. */
function decodeCheck(routeTableId: RouteTableId, routes: readonly Route[], peerCidr: Cidr, encoded: number): RouteCheck {
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

/** The check object of `encoded` (from `classifyBlock` on the same arguments), judging a carved block whole. */
function checkOfCode(index: TopologyIndex, routeTableId: RouteTableId, compiled: CompiledTable, peer: CidrRange, low: number, high: number, peeringId: PeeringId, encoded: number): RouteCheck {
  if ((encoded & 7) !== CODE_CARVED) return decodeCheck(routeTableId, compiled.routes, peer.cidr, encoded);
  const best = encoded >> 3 === 0 ? undefined : compiled.routes[(encoded >> 3) - 1]!;
  const bestRange = best ? index.rangeOf(best.destination) : null;
  return classifyCarvedBlock(routeTableId, peer, best && bestRange ? { range: bestRange, route: best } : undefined, collectInnerRoutes(index, compiled, peer, low, high), peeringId);
}

interface SideContext {
  readonly index: TopologyIndex;
  readonly routes: ChunkPool<Float64Array>;
  readonly bounds: ChunkPool<Float64Array>;
  readonly checks: ChunkPool<Int32Array>;
}

const NONE: readonly never[] = [];

/**
 * A VPC as one call sees it: gathered with its tables and subnets, then, once a chosen peering
 * has it on a side, prepared with what the checks read of it.
 */
class VpcEntry {
  tables: RouteTable[] = NO_TABLES;
  subnets: Subnet[] = NO_SUBNETS;
  /** A chosen peering has this VPC on one side. */
  needed = false;
  /** Position among the needed entries, in the topology's order. */
  number = -1;
  /** For a VPC that was not scanned: its best peering side (`isBetterBlockSource`), whose blocks stand for its own, and that side's peering. */
  side: PeeringSide | undefined = undefined;
  sidePeering: Peering | undefined = undefined;
  /** The tables that serve subnets, and the subnets each serves (index-aligned). */
  servingTables: readonly RouteTable[] = NONE;
  servedSubnets: readonly (readonly SubnetId[])[] = NONE;
  /**
   * The held blocks, canonical, in `compareRanges` order: IPv4 ones first (`v4Count` of them),
   * so the IPv4 blocks are a prefix of all of them.
   */
  cidrs: readonly Cidr[] = NONE;
  v4Count = 0;
  /** The ranges of the IPv6 blocks, `cidrs[v4Count + i]` at `i`. */
  v6Ranges: readonly CidrRange[] = NONE;
  /** Two numbers per block of `cidrs` from `boundsAt` on: its first and last address when IPv4, NaN for IPv6. */
  bounds: Float64Array = EMPTY_BOUNDS;
  boundsAt = 0;

  constructor(
    readonly vpcId: VpcId,
    /** The VPC in the topology; `undefined` when only a peering side knows it (not scanned). */
    readonly vpc: Vpc | undefined,
  ) {}

  get isScanned(): boolean {
    return this.vpc !== undefined;
  }

  get hasIpv6(): boolean {
    return this.v4Count < this.cidrs.length;
  }

  /** Find the serving tables and read the blocks (compiling the tables is left to `compileServing`). */
  prepare(ctx: SideContext): void {
    readBlocks(ctx, this);
    const serving = servingTablesOf(this.tables, this.subnets);
    this.servingTables = serving.tables;
    this.servedSubnets = serving.subnetIds;
  }

  /** The range of block `b` of `cidrs` (parsed again for IPv4: only carved blocks need it). */
  rangeAt(index: TopologyIndex, b: number): CidrRange {
    return b < this.v4Count ? index.rangeOf(this.cidrs[b]!)! : this.v6Ranges[b - this.v4Count]!;
  }
}

/** Texts of the blocks being read, and the ones the IPv4 fast path left (reused by `readBlocks`). */
const blockTexts: string[] = [];
const slowTexts: string[] = [];
const boundsScratch = new Float64Array(3);
const NO_RANGES: CidrRange[] = [];

/**
 * Read the blocks of `entry` as `collectVpcBlocks` does (held associations of a scanned VPC, else
 * its best peering side's blocks; unreadable ones left out; sorted with `compareRanges`), but
 * straight into numbers: canonical IPv4 blocks, nearly all of them, need no bigint and no object.
 * Building `collectVpcBlocks`' two objects and two bigints per block was a fifth of a call.
 */
function readBlocks(ctx: SideContext, entry: VpcEntry): void {
  const texts = blockTexts;
  texts.length = 0;
  if (entry.vpc) {
    for (const b of entry.vpc.cidrBlocks) if (isHeldBlockState(b.state)) texts.push(b.cidr);
  } else if (entry.side) {
    for (const c of entry.side.cidrBlocks) texts.push(c);
    for (const c of entry.side.ipv6CidrBlocks) texts.push(c);
  }
  ctx.bounds.reserve(2 * texts.length);
  const bounds = ctx.bounds.chunk;
  const at = ctx.bounds.at;
  const cidrs = new Array<Cidr>(texts.length);
  let v4 = 0;
  slowTexts.length = 0;
  for (const text of texts) {
    if (writeCanonicalIpv4Bounds(text, boundsScratch, 0)) {
      bounds[at + 2 * v4] = boundsScratch[0]!;
      bounds[at + 2 * v4 + 1] = boundsScratch[1]!;
      cidrs[v4++] = text as Cidr;
    } else {
      slowTexts.push(text);
    }
  }
  let v6Ranges = NO_RANGES;
  for (const text of slowTexts) {
    const range = tryParseCidrRange(text);
    if (!range) continue;
    if (range.family === 'ipv6') {
      if (v6Ranges === NO_RANGES) v6Ranges = [];
      v6Ranges.push(range);
    } else {
      // A valid IPv4 block spelled with host bits set or spaces: rare.
      bounds[at + 2 * v4] = Number(range.start);
      bounds[at + 2 * v4 + 1] = Number(range.end);
      cidrs[v4++] = range.cidr;
    }
  }
  sortIpv4Blocks(cidrs, bounds, at, v4);
  if (v6Ranges.length > 1) v6Ranges.sort(compareRanges);
  for (let i = 0; i < v6Ranges.length; i++) {
    bounds[at + 2 * (v4 + i)] = NaN;
    bounds[at + 2 * (v4 + i) + 1] = NaN;
    cidrs[v4 + i] = v6Ranges[i]!.cidr;
  }
  // Shorter only when some block could not be read.
  cidrs.length = v4 + v6Ranges.length;
  entry.cidrs = cidrs;
  entry.v4Count = v4;
  entry.v6Ranges = v6Ranges;
  entry.bounds = bounds;
  entry.boundsAt = at;
}

/**
 * Sort the first `count` blocks (texts in `cidrs`, bounds in `bounds` from `at`) as
 * `compareRanges` does: by first address, the larger block first. An insertion sort: a VPC has
 * a handful of blocks at most.
 */
function sortIpv4Blocks(cidrs: Cidr[], bounds: Float64Array, at: number, count: number): void {
  for (let i = 1; i < count; i++) {
    const cidr = cidrs[i]!;
    const low = bounds[at + 2 * i]!;
    const high = bounds[at + 2 * i + 1]!;
    let j = i - 1;
    for (; j >= 0; j--) {
      const jl = bounds[at + 2 * j]!;
      if (jl < low || (jl === low && bounds[at + 2 * j + 1]! >= high)) break;
      cidrs[j + 1] = cidrs[j]!;
      bounds[at + 2 * (j + 1)] = jl;
      bounds[at + 2 * (j + 1) + 1] = bounds[at + 2 * j + 1]!;
    }
    cidrs[j + 1] = cidr;
    bounds[at + 2 * (j + 1)] = low;
    bounds[at + 2 * (j + 1) + 1] = high;
  }
}

const EMPTY_BOUNDS = new Float64Array(0);
const NO_TABLES: RouteTable[] = [];
const NO_SUBNETS: Subnet[] = [];

/**
 * `list` with `item` at its end: a new array of exactly one or two items, else `list` itself,
 * pushed. Most VPCs have one to three tables and subnets, and an array grown by `push` from
 * empty reserves 17 slots: at 10,000 VPCs that was megabytes for each collection to copy.
 */
function append<T>(list: T[], item: T): T[] {
  if (list.length === 0) return [item];
  if (list.length === 1) return [list[0]!, item];
  list.push(item);
  return list;
}

/**
 * Every VPC of the topology with its route tables and subnets, in one pass over each array: one
 * map operation per VPC, table and subnet. Reading ids through maps is most of what route
 * checks cost at scale (each lookup hashes and compares id strings scattered in memory), so
 * this replaces the index's three maps and the per-VPC lookups in them.
 */
function gatherVpcs(topology: Topology): Map<VpcId, VpcEntry> {
  const entries = new Map<VpcId, VpcEntry>();
  for (const vpc of topology.vpcs) entries.set(vpc.id, new VpcEntry(vpc.id, vpc));
  for (const t of topology.routeTables) {
    const entry = entries.get(t.vpcId);
    if (entry) entry.tables = append(entry.tables, t);
  }
  for (const s of topology.subnets) {
    const entry = entries.get(s.vpcId);
    if (entry) entry.subnets = append(entry.subnets, s);
  }
  return entries;
}

/** The entry of a VPC on a chosen peering's side, marked as needed (added when only the peering knows it). */
function neededEntry(entries: Map<VpcId, VpcEntry>, vpcId: VpcId): VpcEntry {
  let entry = entries.get(vpcId);
  if (!entry) entries.set(vpcId, (entry = new VpcEntry(vpcId, undefined)));
  entry.needed = true;
  return entry;
}

/**
 * Compile the routes of the tables serving a VPC into `ctx.routes` (not through the per-table
 * WeakMap: for 20,000 tables its upkeep cost more GC time than it saved). Valid until the pool
 * is rewound.
 */
function compileServing(ctx: SideContext, entry: VpcEntry): CompiledTable[] {
  const tables = entry.servingTables;
  const compiled = new Array<CompiledTable>(tables.length);
  for (let t = 0; t < tables.length; t++) compiled[t] = compileRoutes(ctx.index, tables[t]!, ctx.routes);
  return compiled;
}

/** A side that could not be checked, with the reason. */
function unchecked(vpcId: VpcId, peerVpcId: VpcId, role: 'requester' | 'accepter', summary: RouteSummary, note: string): SideRouteCompleteness {
  return { role, vpcId, peerVpcId, summary, tables: [], note };
}

/**
 * A checked side. Every table and block is judged when it is made, and the verdicts are kept as
 * codes (state and deciding route, see `classifyBlock`); the check objects in `tables` are built
 * from them when first read. The graph reads only `summary` of thousands of sides, the inspector
 * and the reports read `tables` of a few, or of all when they list every gap.
 */
class CheckedSide implements SideRouteCompleteness {
  #tables: readonly TableRouteChecks[] | undefined;

  constructor(
    readonly role: 'requester' | 'accepter',
    readonly vpcId: VpcId,
    readonly peerVpcId: VpcId,
    readonly summary: RouteSummary,
    private readonly servingTables: readonly RouteTable[],
    private readonly servedSubnets: readonly (readonly SubnetId[])[],
    /** The peer's first `peerCount` blocks are the ones checked. */
    private readonly peer: VpcEntry,
    private readonly peerCount: number,
    private readonly codes: Int32Array,
    private readonly at: number,
    /** The checks of carved blocks, which codes cannot hold, by their position in this side. */
    private readonly carved: ReadonlyMap<number, RouteCheck> | undefined,
  ) {}

  get tables(): readonly TableRouteChecks[] {
    if (this.#tables) return this.#tables;
    const tables = this.servingTables;
    const cidrs = this.peer.cidrs;
    const count = this.peerCount;
    const out = new Array<TableRouteChecks>(tables.length);
    for (let t = 0; t < tables.length; t++) {
      const table = tables[t]!;
      const checks = new Array<RouteCheck>(count);
      for (let b = 0; b < count; b++) {
        const position = t * count + b;
        checks[b] = this.carved?.get(position) ?? decodeCheck(table.id, table.routes, cidrs[b]!, this.codes[this.at + position]!);
      }
      out[t] = { routeTableId: table.id, main: table.main, subnetIds: this.servedSubnets[t]!, checks };
    }
    return (this.#tables = out);
  }

  /** As a plain object, with its tables (JSON would otherwise leave the getter out). */
  toJSON(): SideRouteCompleteness {
    return { role: this.role, vpcId: this.vpcId, peerVpcId: this.peerVpcId, summary: this.summary, tables: this.tables };
  }
}

/** `compiled`: `own`'s serving tables, compiled. */
function checkSide(
  ctx: SideContext,
  peering: Peering,
  role: 'requester' | 'accepter',
  own: VpcEntry,
  compiled: readonly CompiledTable[],
  peer: VpcEntry,
): SideRouteCompleteness {
  const vpcId = own.vpcId;
  const peerVpcId = peer.vpcId;
  const tables = own.servingTables;
  if (!own.isScanned) {
    const side = role === 'requester' ? peering.requester : peering.accepter;
    return unchecked(vpcId, peerVpcId, role, 'unknown', `${vpcId} (account ${side.accountId}, ${side.region}) was not scanned.`);
  }
  if (own.tables.length === 0) return unchecked(vpcId, peerVpcId, role, 'unknown', `No route tables of ${vpcId} are in the snapshot.`);
  if (tables.length === 0) return unchecked(vpcId, peerVpcId, role, 'none', `${vpcId} has no subnets, so no route table carries traffic.`);
  // IPv6 travels over the peering only when both VPCs have IPv6 blocks.
  const peerCount = own.hasIpv6 ? peer.cidrs.length : peer.v4Count;
  const { bounds, boundsAt, v4Count, v6Ranges } = peer;
  if (peerCount === 0) return unchecked(vpcId, peerVpcId, role, 'unknown', `The blocks of ${peerVpcId} are unknown.`);
  const total = tables.length * peerCount;
  ctx.checks.reserve(total);
  const codes = ctx.checks.chunk;
  const at = ctx.checks.at;
  let carved: Map<number, RouteCheck> | undefined;
  let okCount = 0;
  let someCount = 0;
  for (let t = 0; t < tables.length; t++) {
    const table = compiled[t]!;
    for (let b = 0; b < peerCount; b++) {
      const low = bounds[boundsAt + 2 * b]!;
      const high = bounds[boundsAt + 2 * b + 1]!;
      const encoded = classifyBlock(table, b < v4Count ? null : v6Ranges[b - v4Count]!, low, high, peering.id);
      const position = t * peerCount + b;
      codes[at + position] = encoded;
      let state: RouteCheckState = (encoded & 7) === CODE_OK ? 'ok' : 'missing';
      if ((encoded & 7) === CODE_CARVED) {
        const check = checkOfCode(ctx.index, tables[t]!.id, table, peer.rangeAt(ctx.index, b), low, high, peering.id, encoded);
        (carved ??= new Map()).set(position, check);
        state = check.state;
      }
      if (state === 'ok') okCount++;
      if (state === 'ok' || state === 'partial') someCount++;
    }
  }
  const summary: RouteSummary = okCount === total ? 'complete' : someCount === 0 ? 'none' : 'partial';
  return new CheckedSide(role, vpcId, peerVpcId, summary, tables, own.servedSubnets, peer, peerCount, codes, at, carved);
}

/**
 * For each peering (active ones by default) and each side, whether every route table that
 * matters routes every peer block (IPv4 primary and secondary, and IPv6) to it.
 */
export function computeRouteCompleteness(topology: Topology, opts: RouteCompletenessOptions = {}): readonly PeeringRouteCompleteness[] {
  const statuses: readonly PeeringStatus[] = opts.statuses ?? ['active'];
  const only = opts.peeringIds ? new Set(opts.peeringIds) : null;
  const chosen: Peering[] = [];
  for (const p of topology.peerings) if (statuses.includes(p.status) && (!only || only.has(p.id))) chosen.push(p);
  if (chosen.length === 0) return [];
  const entries = gatherVpcs(topology);
  // The two sides' entries of each chosen peering (requester at 2i, accepter at 2i + 1).
  const sides = new Array<VpcEntry>(2 * chosen.length);
  let unscanned = false;
  for (let i = 0; i < chosen.length; i++) {
    const requester = (sides[2 * i] = neededEntry(entries, chosen[i]!.requester.vpcId));
    const accepter = (sides[2 * i + 1] = neededEntry(entries, chosen[i]!.accepter.vpcId));
    unscanned ||= !requester.isScanned || !accepter.isScanned;
  }
  // A VPC that was not scanned has the blocks of its best peering side (of any status), as in `collectVpcBlocks`.
  if (unscanned) {
    for (const p of topology.peerings) {
      for (const side of [p.requester, p.accepter]) {
        const entry = entries.get(side.vpcId);
        if (!entry || entry.isScanned) continue;
        if (!entry.side || isBetterBlockSource(p, side, entry.sidePeering!, entry.side)) {
          entry.side = side;
          entry.sidePeering = p;
        }
      }
    }
  }
  const ctx: SideContext = {
    index: indexTopology(topology),
    // Scratch for the routes of one VPC's tables at a time, rewound for the next: compiled
    // routes of the whole topology (8 MiB of fresh memory per call) cost a page fault per 4 KiB.
    routes: new ChunkPool(makeFloat64Chunk, 1_024 * COLUMNS),
    bounds: new ChunkPool(makeFloat64Chunk, 8_192),
    // 65,536 checks per 256 KiB chunk.
    checks: new ChunkPool(makeInt32Chunk, 65_536),
  };
  // Each needed VPC prepared in the topology's order (its objects are read in the order they sit in memory).
  const needed: VpcEntry[] = [];
  for (const entry of entries.values()) {
    if (!entry.needed) continue;
    entry.number = needed.length;
    needed.push(entry);
    entry.prepare(ctx);
  }
  // The sides ordered by their own VPC (a counting sort), so that each VPC's tables are compiled
  // and then checked for all its peerings while they are in the processor's cache.
  const starts = new Int32Array(needed.length + 1);
  for (const entry of sides) starts[entry.number + 1] = starts[entry.number + 1]! + 1;
  for (let n = 0; n < needed.length; n++) starts[n + 1] = starts[n + 1]! + starts[n]!;
  const order = new Int32Array(sides.length);
  const next = starts.slice(0, needed.length);
  for (let s = 0; s < sides.length; s++) order[next[sides[s]!.number]!++] = s;
  const checked = new Array<SideRouteCompleteness>(sides.length);
  for (let n = 0; n < needed.length; n++) {
    const own = needed[n]!;
    ctx.routes.rewind();
    const compiled = compileServing(ctx, own);
    for (let o = starts[n]!; o < starts[n + 1]!; o++) {
      const s = order[o]!;
      checked[s] = checkSide(ctx, chosen[s >> 1]!, s & 1 ? 'accepter' : 'requester', own, compiled, sides[s ^ 1]!);
    }
  }
  const result = new Array<PeeringRouteCompleteness>(chosen.length);
  for (let i = 0; i < chosen.length; i++) {
    const p = chosen[i]!;
    result[i] = { peeringId: p.id, status: p.status, requester: checked[2 * i]!, accepter: checked[2 * i + 1]! };
  }
  return result;
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
      return `${check.peerCidr} goes to ${describeTarget(check.route.target)} (route ${check.route.destination}${check.route.state === 'blackhole' ? ', blackhole' : ''}), not ${peeringId}`;
    case 'partial':
      return `${check.peerCidr} only partly → ${peeringId} (${check.toPeering.map((r) => r.destination).join(', ')}); ${check.notToPeering
        .map((r) => `${r.destination} → ${describeTarget(r.target)}`)
        .join(', ')}`;
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
      return check.route.destination === check.peerCidr
        ? `If ${check.peerCidr} should go through the peering: ${create.replace('create-route', 'replace-route')}`
        : `If ${check.peerCidr} should go through the peering: ${create}`;
    case 'partial':
      return `Route the whole block if all of it should go through the peering: ${create}`;
    default:
      return assertNever(check);
  }
}
