/** Overlapping CIDR blocks across a whole topology, and the routing ambiguity they cause at a hub.
 *
 * Sources: "VPC peering limitations" (no peering between VPCs with matching or overlapping IPv4
 * or IPv6 blocks) and "Peering configurations with specific routes" (a VPC peered with two VPCs
 * whose blocks overlap must route each range to one of them; AWS uses the longest prefix match).
 */
import { assertNever } from '../api/result';
import { compareRanges, findOverlappingPairs, relateRanges } from '../cidr/overlap';
import type { CidrRelation } from '../cidr/overlap';
import type { Cidr, IpFamily } from '../cidr/parse-cidr';
import type { InvalidVpcBlock, VpcBlockKind, VpcBlockRange } from '../cidr/vpc-blocks';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { PeeringId, VpcId } from '../model/ids';
import type { PeeringStatus, Topology } from '../model/topology';
import { isLivePeeringStatus } from '../model/topology';
import { indexTopology, labelVpc } from './topology-index';

/** Two overlapping blocks of two VPCs. */
export interface BlockOverlap {
  readonly family: IpFamily;
  /** Block of `vpcA` of the enclosing conflict. */
  readonly blockA: Cidr;
  readonly kindA: VpcBlockKind;
  /** Block of `vpcB`. */
  readonly blockB: Cidr;
  readonly kindB: VpcBlockKind;
  /** How `blockA` relates to `blockB`. */
  readonly relation: CidrRelation;
  /** The addresses both hold (the smaller block). */
  readonly shared: Cidr;
}

/** Two VPCs with at least one overlapping block: they can never be peered. */
export interface CidrConflict {
  /** The lower VPC id of the pair. */
  readonly vpcA: VpcId;
  readonly vpcB: VpcId;
  readonly overlaps: readonly BlockOverlap[];
  readonly sameAccount: boolean;
  readonly sameRegion: boolean;
  /** Live peerings between the two (AWS would have failed them; seen only in odd or imported data). */
  readonly peeringIds: readonly PeeringId[];
  /** One sentence naming both VPCs and the blocks. */
  readonly message: string;
}

/** A VPC peered with two VPCs whose blocks overlap: it cannot route the shared range to both. */
export interface RoutingAmbiguity {
  readonly hubVpcId: VpcId;
  readonly peers: readonly [AmbiguousPeer, AmbiguousPeer];
  /** The addresses both peers claim. */
  readonly shared: Cidr;
  readonly message: string;
  readonly fix: string;
}

/** One side of a routing ambiguity. */
export interface AmbiguousPeer {
  readonly vpcId: VpcId;
  readonly peeringId: PeeringId;
  readonly peeringStatus: PeeringStatus;
  readonly block: Cidr;
}

/** Blocks that nest in one another, from a top-level block down: everyone using some of its addresses. */
export interface OverlapCluster {
  readonly family: IpFamily;
  /** The outermost block of the cluster. */
  readonly rootBlock: Cidr;
  /** Every VPC with a block in the cluster, sorted. */
  readonly vpcIds: readonly VpcId[];
  readonly blockCount: number;
}

/** Everything `findCidrConflicts` found. */
export interface CidrConflictReport {
  /** Conflicting VPC pairs, sorted by `vpcA`, then `vpcB`. */
  readonly conflicts: readonly CidrConflict[];
  readonly ambiguities: readonly RoutingAmbiguity[];
  /** Groups of VPCs sharing address space, largest first: the scale view when pairs are many. */
  readonly clusters: readonly OverlapCluster[];
  /** Overlapping block pairs of different VPCs in the whole topology (counted even past the limit). */
  readonly totalBlockOverlaps: number;
  /** True when `conflicts` stopped at `maxBlockOverlaps`. */
  readonly truncated: boolean;
  /** Blocks that could not be parsed and were left out. */
  readonly invalidBlocks: readonly InvalidVpcBlock[];
}

/** Options for `findCidrConflicts`. */
export interface FindCidrConflictsOptions {
  /**
   * Stop listing block overlaps after this many (default 10,000). Ten thousand VPCs all on
   * 10.0.0.0/16 make fifty million pairs; the clusters and the total still describe them.
   */
  readonly maxBlockOverlaps?: number;
}

/**
 * Every pair of VPCs whose blocks overlap (primary, secondary and IPv6 associations), with the
 * exact blocks, plus the routing ambiguities of VPCs peered with two overlapping VPCs.
 *
 * One sort and one sweep: blocks sorted by start (larger first on ties) nest like brackets, so
 * the blocks still open at any point form a stack whose entries all contain the current block.
 * O(n log n + reported pairs).
 */
export function findCidrConflicts(topology: Topology, opts: FindCidrConflictsOptions = {}): CidrConflictReport {
  const maxBlockOverlaps = opts.maxBlockOverlaps ?? 10_000;
  const index = indexTopology(topology);
  const blocks = collectVpcBlocks(topology);
  const stack: VpcBlockRange[] = [];
  // How many blocks of each VPC are on the stack, so a block's overlap count is O(1).
  const openPerVpc = new Map<VpcId, number>();
  const byPair = new Map<string, { a: VpcId; b: VpcId; overlaps: BlockOverlap[] }>();
  const clusters: { family: IpFamily; rootBlock: Cidr; vpcIds: Set<VpcId>; blockCount: number }[] = [];
  let totalBlockOverlaps = 0;
  let listed = 0;
  let current: (typeof clusters)[number] | undefined;

  for (const block of blocks.sorted) {
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.family === block.family && top.end >= block.start) break;
      stack.pop();
      openPerVpc.set(top.vpcId, (openPerVpc.get(top.vpcId) ?? 1) - 1);
    }
    if (stack.length === 0) {
      current = { family: block.family, rootBlock: block.cidr, vpcIds: new Set(), blockCount: 0 };
      clusters.push(current);
    }
    current!.vpcIds.add(block.vpcId);
    current!.blockCount++;
    const others = stack.length - (openPerVpc.get(block.vpcId) ?? 0);
    totalBlockOverlaps += others;
    if (others > 0 && listed < maxBlockOverlaps) {
      for (const open of stack) {
        if (open.vpcId === block.vpcId) continue;
        if (listed >= maxBlockOverlaps) break;
        addOverlap(byPair, open, block);
        listed++;
      }
    }
    stack.push(block);
    openPerVpc.set(block.vpcId, (openPerVpc.get(block.vpcId) ?? 0) + 1);
  }

  const livePeeringsByPair = new Map<string, PeeringId[]>();
  for (const p of topology.peerings) {
    if (!isLivePeeringStatus(p.status)) continue;
    const key = pairKey(p.requester.vpcId, p.accepter.vpcId);
    const list = livePeeringsByPair.get(key);
    if (list) list.push(p.id);
    else livePeeringsByPair.set(key, [p.id]);
  }

  const conflicts: CidrConflict[] = [];
  for (const [key, { a, b, overlaps }] of byPair) {
    const va = index.vpcById.get(a);
    const vb = index.vpcById.get(b);
    conflicts.push({
      vpcA: a,
      vpcB: b,
      overlaps,
      sameAccount: va !== undefined && vb !== undefined && va.accountId === vb.accountId,
      sameRegion: va !== undefined && vb !== undefined && va.region === vb.region,
      peeringIds: livePeeringsByPair.get(key) ?? [],
      message: `${labelVpc(index, a)} and ${labelVpc(index, b)} overlap: ${overlaps
        .map((o) => `${o.blockA} ${relationWords(o.relation)} ${o.blockB}`)
        .join('; ')}. They cannot be peered.`,
    });
  }
  conflicts.sort((x, y) => cmp(x.vpcA, y.vpcA) || cmp(x.vpcB, y.vpcB));

  return {
    conflicts,
    ambiguities: findRoutingAmbiguities(topology),
    clusters: clusters
      .filter((c) => c.vpcIds.size > 1)
      .map((c) => ({ family: c.family, rootBlock: c.rootBlock, vpcIds: [...c.vpcIds].sort(cmp), blockCount: c.blockCount }))
      .sort((x, y) => y.vpcIds.length - x.vpcIds.length || cmp(x.rootBlock, y.rootBlock)),
    totalBlockOverlaps,
    truncated: listed < totalBlockOverlaps,
    invalidBlocks: blocks.invalid,
  };
}

function addOverlap(
  byPair: Map<string, { a: VpcId; b: VpcId; overlaps: BlockOverlap[] }>,
  x: VpcBlockRange,
  y: VpcBlockRange,
): void {
  const [first, second] = x.vpcId < y.vpcId ? [x, y] : [y, x];
  const key = pairKey(first.vpcId, second.vpcId);
  let entry = byPair.get(key);
  if (!entry) byPair.set(key, (entry = { a: first.vpcId, b: second.vpcId, overlaps: [] }));
  entry.overlaps.push({
    family: first.family,
    blockA: first.cidr,
    kindA: first.kind,
    blockB: second.cidr,
    kindB: second.kind,
    relation: relateRanges(first, second) ?? 'equal',
    shared: first.prefixLength >= second.prefixLength ? first.cidr : second.cidr,
  });
}

/**
 * For each VPC, the peers reached through live peerings whose blocks overlap one another.
 *
 * Per hub, one sweep over its peers' blocks: O(Σ degree · blocks · log) over the topology.
 */
export function findRoutingAmbiguities(topology: Topology): readonly RoutingAmbiguity[] {
  const index = indexTopology(topology);
  const blocks = collectVpcBlocks(topology);
  const found: RoutingAmbiguity[] = [];
  const hubs = [...index.peeringsByVpc.keys()].sort(cmp);
  for (const hub of hubs) {
    const live = (index.peeringsByVpc.get(hub) ?? []).filter((p) => isLivePeeringStatus(p.status));
    if (live.length < 2) continue;
    type PeerBlock = VpcBlockRange & { readonly peeringId: PeeringId; readonly peeringStatus: PeeringStatus };
    const peerBlocks: PeerBlock[] = [];
    for (const p of live) {
      const peer = p.requester.vpcId === hub ? p.accepter.vpcId : p.requester.vpcId;
      if (peer === hub) continue;
      for (const b of blocks.byVpc.get(peer) ?? []) peerBlocks.push({ ...b, peeringId: p.id, peeringStatus: p.status });
    }
    peerBlocks.sort(compareRanges);
    // Reuse the two-list merge by splitting nothing: compare the list with itself and keep i<j pairs.
    const seen = new Set<string>();
    for (const [x, y] of findOverlappingPairs(peerBlocks, peerBlocks)) {
      if (x === y || x.vpcId === y.vpcId || x.peeringId === y.peeringId) continue;
      const [first, second] = x.vpcId < y.vpcId ? [x, y] : [y, x];
      const key = `${first.cidr}|${first.vpcId}|${second.cidr}|${second.vpcId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const shared = first.prefixLength >= second.prefixLength ? first.cidr : second.cidr;
      const peers: [AmbiguousPeer, AmbiguousPeer] = [
        { vpcId: first.vpcId, peeringId: first.peeringId, peeringStatus: first.peeringStatus, block: first.cidr },
        { vpcId: second.vpcId, peeringId: second.peeringId, peeringStatus: second.peeringStatus, block: second.cidr },
      ];
      found.push({
        hubVpcId: hub,
        peers,
        shared,
        message:
          `${labelVpc(index, hub)} is peered with ${labelVpc(index, first.vpcId)} (${first.cidr} via ${first.peeringId}) ` +
          `and ${labelVpc(index, second.vpcId)} (${second.cidr} via ${second.peeringId}), which overlap: ` +
          `traffic from ${hub} to ${shared} can go to only one of them (AWS picks the longest matching route).`,
        fix:
          `Route only the ranges actually used in each peer (more specific routes, e.g. per subnet), ` +
          `or re-address one of the two VPCs so ${first.cidr} and ${second.cidr} no longer overlap.`,
      });
    }
  }
  return found;
}

function relationWords(relation: CidrRelation): string {
  switch (relation) {
    case 'equal':
      return 'is the same block as';
    case 'contains':
      return 'contains';
    case 'within':
      return 'lies within';
    default:
      return assertNever(relation);
  }
}

function pairKey(a: VpcId, b: VpcId): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
