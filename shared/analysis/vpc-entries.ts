/** The VPCs one route-completeness call reads: each with its tables, subnets and blocks, read once.
 *
 * Blocks are read straight into numbers (`readBlocks`), by the rule `collectVpcBlocks` follows:
 * a property test checks that the two agree.
 */
import { compareRanges } from '../cidr/overlap';
import type { Cidr, CidrRange } from '../cidr/parse-cidr';
import { tryParseCidrRange, writeCanonicalIpv4Bounds } from '../cidr/parse-cidr';
import { isHeldBlockState } from '../cidr/vpc-blocks';
import type { ChunkPool } from '../forwarding/chunk-pool';
import type { SubnetId, VpcId } from '../model/ids';
import type { Peering, PeeringSide, RouteTable, Subnet, Topology, Vpc } from '../model/topology';
import type { TopologyIndex } from './topology-index';
import { servingTablesOf } from './topology-index';

/** What one `computeRouteCompleteness` call shares between its checks. */
export interface SideContext {
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
export class VpcEntry {
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
export function gatherVpcs(topology: Topology): Map<VpcId, VpcEntry> {
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
export function neededEntry(entries: Map<VpcId, VpcEntry>, vpcId: VpcId): VpcEntry {
  let entry = entries.get(vpcId);
  if (!entry) entries.set(vpcId, (entry = new VpcEntry(vpcId, undefined)));
  entry.needed = true;
  return entry;
}
