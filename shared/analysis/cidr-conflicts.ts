/** Overlapping CIDR blocks across a whole topology, and the routing ambiguity they cause at a hub.
 *
 * Sources: "VPC peering limitations" (no peering between VPCs with matching or overlapping IPv4
 * or IPv6 blocks) and "Peering configurations with specific routes" (a VPC peered with two VPCs
 * whose blocks overlap must route each range to one of them; AWS uses the longest prefix match).
 */
import { assertNever } from '../core/result';
import { compareRanges, relateRanges } from '../cidr/overlap';
import type { CidrRelation } from '../cidr/overlap';
import type { Cidr, IpFamily } from '../cidr/parse-cidr';
import type { InvalidVpcBlock, VpcBlockKind, VpcBlockRange } from '../cidr/vpc-blocks';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { PeeringId, VpcId } from '../model/ids';
import type { Peering, PeeringStatus, Topology, Vpc } from '../model/topology';
import { isLivePeeringStatus, vpcOfPeeringSide } from '../model/topology';
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
  const blocks = collectVpcBlocks(topology);
  const stack: VpcBlockRange[] = [];
  const byPair = new Map<string, { a: VpcId; b: VpcId; overlaps: BlockOverlap[] }>();
  // Only clusters of two or more VPCs are reported. Most blocks stand alone, so the cluster being
  // swept lives in locals and becomes an object only once a second VPC joins it.
  const clusters: OverlapCluster[] = [];
  let rootBlock: VpcBlockRange | undefined;
  let clusterVpcs: Set<VpcId> | null = null;
  let clusterBlocks = 0;
  const flushCluster = (): void => {
    if (rootBlock && clusterVpcs) {
      clusters.push({ family: rootBlock.family, rootBlock: rootBlock.cidr, vpcIds: [...clusterVpcs].sort(cmp), blockCount: clusterBlocks });
    }
  };
  // Blocks of the same VPC on the stack, to count a block's overlaps in O(1). The stack is
  // shallow unless many VPCs share one block, so the counts are kept in a map only then.
  let openPerVpc: Map<VpcId, number> | null = null;
  let totalBlockOverlaps = 0;
  let listed = 0;

  for (const block of blocks.sorted) {
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.family === block.family && top.end >= block.start) break;
      stack.pop();
      if (openPerVpc) openPerVpc.set(top.vpcId, openPerVpc.get(top.vpcId)! - 1);
    }
    if (stack.length === 0) {
      flushCluster();
      rootBlock = block;
      clusterVpcs = null;
      clusterBlocks = 1;
      openPerVpc = null;
    } else {
      if (clusterVpcs || block.vpcId !== rootBlock!.vpcId) (clusterVpcs ??= new Set([rootBlock!.vpcId])).add(block.vpcId);
      clusterBlocks++;
    }
    let sameVpcOpen = 0;
    if (openPerVpc) sameVpcOpen = openPerVpc.get(block.vpcId) ?? 0;
    else for (const open of stack) if (open.vpcId === block.vpcId) sameVpcOpen++;
    const others = stack.length - sameVpcOpen;
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
    if (openPerVpc) openPerVpc.set(block.vpcId, sameVpcOpen + 1);
    else if (stack.length > 32) {
      openPerVpc = new Map();
      for (const open of stack) openPerVpc.set(open.vpcId, (openPerVpc.get(open.vpcId) ?? 0) + 1);
    }
  }
  flushCluster();

  // Only the VPCs in conflicts are looked up: on 10,000 VPCs a full index costs more than the sweep.
  const involved = new Set<VpcId>();
  for (const { a, b } of byPair.values()) {
    involved.add(a);
    involved.add(b);
  }
  const vpcs = new Map<VpcId, Vpc>();
  const livePeeringsByPair = new Map<string, PeeringId[]>();
  if (involved.size > 0) {
    for (const v of topology.vpcs) if (involved.has(v.id)) vpcs.set(v.id, v);
    // A VPC known only from peering sides: every side naming it tells its account and region.
    for (const p of topology.peerings) {
      for (const side of [p.requester, p.accepter]) if (involved.has(side.vpcId) && !vpcs.has(side.vpcId)) vpcs.set(side.vpcId, vpcOfPeeringSide(side));
    }
    for (const p of topology.peerings) {
      if (!involved.has(p.requester.vpcId) || !involved.has(p.accepter.vpcId) || !isLivePeeringStatus(p.status)) continue;
      const key = pairKey(p.requester.vpcId, p.accepter.vpcId);
      const list = livePeeringsByPair.get(key);
      if (list) list.push(p.id);
      else livePeeringsByPair.set(key, [p.id]);
    }
  }
  const label = (id: VpcId): string => labelOf(vpcs.get(id), id);

  const conflicts: CidrConflict[] = [];
  for (const [key, { a, b, overlaps }] of byPair) {
    const va = vpcs.get(a);
    const vb = vpcs.get(b);
    conflicts.push({
      vpcA: a,
      vpcB: b,
      overlaps,
      sameAccount: va !== undefined && vb !== undefined && va.accountId === vb.accountId,
      sameRegion: va !== undefined && vb !== undefined && va.region === vb.region,
      peeringIds: livePeeringsByPair.get(key) ?? [],
      message: `${label(a)} and ${label(b)} overlap: ${overlaps.map(overlapWords).join('; ')}. They cannot be peered.`,
    });
  }
  conflicts.sort((x, y) => cmp(x.vpcA, y.vpcA) || cmp(x.vpcB, y.vpcB));

  const truncated = listed < totalBlockOverlaps;
  return {
    conflicts,
    // A complete conflict list names every pair a hub could confuse; a truncated one does not.
    ambiguities: truncated ? findRoutingAmbiguities(topology) : findAmbiguitiesOfConflicts(topology, conflicts),
    clusters: clusters.sort((x, y) => y.vpcIds.length - x.vpcIds.length || cmp(x.rootBlock, y.rootBlock)),
    totalBlockOverlaps,
    truncated,
    invalidBlocks: blocks.invalid,
  };
}

function labelOf(vpc: Vpc | undefined, id: VpcId): string {
  return vpc?.name ? `${vpc.name} (${id})` : id;
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

interface PeerBlock {
  readonly block: VpcBlockRange;
  readonly peering: Peering;
}

function describeAmbiguity(label: (id: VpcId) => string, hub: VpcId, x: PeerBlock, y: PeerBlock): RoutingAmbiguity {
  const [first, second] = x.block.vpcId < y.block.vpcId ? [x, y] : [y, x];
  const shared = first.block.prefixLength >= second.block.prefixLength ? first.block.cidr : second.block.cidr;
  const peer = (p: PeerBlock): AmbiguousPeer => ({ vpcId: p.block.vpcId, peeringId: p.peering.id, peeringStatus: p.peering.status, block: p.block.cidr });
  return {
    hubVpcId: hub,
    peers: [peer(first), peer(second)],
    shared,
    message:
      `${label(hub)} is peered with ${label(first.block.vpcId)} (${first.block.cidr} via ${first.peering.id}) ` +
      `and ${label(second.block.vpcId)} (${second.block.cidr} via ${second.peering.id}), which overlap: ` +
      `traffic from ${hub} to ${shared} can go to only one of them (AWS picks the longest matching route).`,
    fix:
      `Route only the ranges actually used in each peer (more specific routes, e.g. per subnet), ` +
      `or re-address one of the two VPCs so ${first.block.cidr} and ${second.block.cidr} no longer overlap.`,
  };
}

function compareAmbiguities(x: RoutingAmbiguity, y: RoutingAmbiguity): number {
  return (
    cmp(x.hubVpcId, y.hubVpcId) ||
    cmp(x.peers[0].vpcId, y.peers[0].vpcId) ||
    cmp(x.peers[1].vpcId, y.peers[1].vpcId) ||
    cmp(x.peers[0].block, y.peers[0].block) ||
    cmp(x.peers[1].block, y.peers[1].block)
  );
}

function otherEnd(p: Peering, vpcId: VpcId): VpcId {
  return p.requester.vpcId === vpcId ? p.accepter.vpcId : p.requester.vpcId;
}

/**
 * For each VPC, the peers reached through live peerings whose blocks overlap one another.
 *
 * Per hub, one sweep over its peers' blocks: O(Σ degree · blocks · log) over the topology. It
 * needs no conflict list, so it stays complete when `findCidrConflicts` truncates its list.
 */
export function findRoutingAmbiguities(topology: Topology): readonly RoutingAmbiguity[] {
  const index = indexTopology(topology);
  const blocks = collectVpcBlocks(topology);
  const found: RoutingAmbiguity[] = [];
  for (const [hub, peerings] of index.peeringsByVpc) {
    const peerBlocks: PeerBlock[] = [];
    const seenPeers = new Set<VpcId>();
    for (const p of peerings) {
      if (!isLivePeeringStatus(p.status)) continue;
      const peer = otherEnd(p, hub);
      // One live peering per pair is all AWS allows; keep the first if the data has more.
      if (peer === hub || seenPeers.has(peer)) continue;
      seenPeers.add(peer);
      for (const block of blocks.byVpc.get(peer) ?? []) peerBlocks.push({ block, peering: p });
    }
    if (seenPeers.size < 2) continue;
    peerBlocks.sort((x, y) => compareRanges(x.block, y.block));
    // Blocks nest, so the open ones form a stack whose entries all contain the next block.
    const stack: PeerBlock[] = [];
    for (const current of peerBlocks) {
      while (stack.length > 0) {
        const top = stack[stack.length - 1]!.block;
        if (top.family === current.block.family && top.end >= current.block.start) break;
        stack.pop();
      }
      for (const open of stack) {
        if (open.block.vpcId !== current.block.vpcId) found.push(describeAmbiguity((id) => labelVpc(index, id), hub, open, current));
      }
      stack.push(current);
    }
  }
  return found.sort(compareAmbiguities);
}

/** The same answer as `findRoutingAmbiguities`, from a complete conflict list: only hubs of two conflicting VPCs can be ambiguous. */
function findAmbiguitiesOfConflicts(topology: Topology, conflicts: readonly CidrConflict[]): readonly RoutingAmbiguity[] {
  if (conflicts.length === 0) return [];
  const involved = new Set<VpcId>();
  for (const c of conflicts) {
    involved.add(c.vpcA);
    involved.add(c.vpcB);
  }
  // Live neighbours (hub → first live peering) of the VPCs in conflicts only.
  const neighbours = new Map<VpcId, Map<VpcId, Peering>>();
  const link = (vpcId: VpcId, hub: VpcId, p: Peering) => {
    if (!involved.has(vpcId) || vpcId === hub) return;
    let m = neighbours.get(vpcId);
    if (!m) neighbours.set(vpcId, (m = new Map()));
    if (!m.has(hub)) m.set(hub, p);
  };
  for (const p of topology.peerings) {
    if (!isLivePeeringStatus(p.status)) continue;
    link(p.requester.vpcId, p.accepter.vpcId, p);
    link(p.accepter.vpcId, p.requester.vpcId, p);
  }
  const blocks = collectVpcBlocks(topology).byVpc;
  const hubs = new Set<VpcId>();
  for (const m of neighbours.values()) for (const hub of m.keys()) hubs.add(hub);
  const vpcs = new Map<VpcId, Vpc>();
  for (const v of topology.vpcs) if (involved.has(v.id) || hubs.has(v.id)) vpcs.set(v.id, v);
  const label = (id: VpcId): string => labelOf(vpcs.get(id), id);
  const found: RoutingAmbiguity[] = [];
  for (const c of conflicts) {
    const na = neighbours.get(c.vpcA);
    const nb = neighbours.get(c.vpcB);
    if (!na || !nb) continue;
    const [small, large] = na.size <= nb.size ? [na, nb] : [nb, na];
    for (const hub of small.keys()) {
      if (!large.has(hub) || hub === c.vpcA || hub === c.vpcB) continue;
      const pa = na.get(hub)!;
      const pb = nb.get(hub)!;
      for (const o of c.overlaps) {
        const blockA = (blocks.get(c.vpcA) ?? []).find((b) => b.cidr === o.blockA && b.kind === o.kindA);
        const blockB = (blocks.get(c.vpcB) ?? []).find((b) => b.cidr === o.blockB && b.kind === o.kindB);
        if (blockA && blockB) found.push(describeAmbiguity(label, hub, { block: blockA, peering: pa }, { block: blockB, peering: pb }));
      }
    }
  }
  return found.sort(compareAmbiguities);
}

/** One overlap in words: "10.0.0.0/16 contains 10.0.1.0/24". */
export function overlapWords(overlap: Pick<BlockOverlap, 'blockA' | 'blockB' | 'relation'>): string {
  return `${overlap.blockA} ${relationWords(overlap.relation)} ${overlap.blockB}`;
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
