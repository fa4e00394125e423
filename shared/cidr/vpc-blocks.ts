/** Every CIDR block of every VPC in a topology, parsed once into sorted ranges. */
import type { VpcId } from '../model/ids';
import type { Peering, PeeringSide, Topology } from '../model/topology';
import { isBetterBlockSource } from '../model/topology';
import { compareRanges, sortRanges } from './overlap';
import type { CidrRange } from './parse-cidr';
import { parseCidrRange, tryParseCidrRange } from './parse-cidr';

/** Which association of its VPC a block is. */
export type VpcBlockKind = 'primary' | 'secondary' | 'ipv6';

/** One parsed VPC block. */
export interface VpcBlockRange extends CidrRange {
  readonly vpcId: VpcId;
  readonly kind: VpcBlockKind;
  /**
   * `vpc` when read from the VPC itself; `peering` when the VPC is not in the topology (its
   * account was not scanned) and the block comes from a peering's `cidrBlockSet` instead: the
   * best side naming it (`isBetterBlockSource`), never an empty one while another has blocks.
   */
  readonly source: 'vpc' | 'peering';
}

/** A block whose text could not be parsed; analysis skips it and says so. */
export interface InvalidVpcBlock {
  readonly vpcId: VpcId;
  readonly cidr: string;
  readonly message: string;
}

/** The blocks of a topology, by VPC and in one sorted list. */
export interface VpcBlocks {
  /** Each VPC's blocks sorted with `compareRanges`. */
  readonly byVpc: ReadonlyMap<VpcId, readonly VpcBlockRange[]>;
  /** All blocks sorted with `compareRanges` (sorted on first read: route checks never need it). */
  readonly sorted: readonly VpcBlockRange[];
  readonly invalid: readonly InvalidVpcBlock[];
}

/**
 * Association states that still hold addresses. `disassociated`, `failing` and `failed` blocks
 * no longer route (CidrBlockState / VpcCidrBlockStateCode in the EC2 API reference).
 */
const HELD_BLOCK_STATES: ReadonlySet<string> = new Set(['associated', 'associating', 'disassociating']);

/** True when a block in `state` still belongs to its VPC for overlap and routing purposes. */
export function isHeldBlockState(state: string): boolean {
  return state === 'associated' || HELD_BLOCK_STATES.has(state);
}

const cache = new WeakMap<Topology, VpcBlocks>();

/**
 * Parse every held block of every VPC (primary, secondary, IPv6), plus the blocks of VPCs known
 * only from a peering side. Cached per topology object: topologies are immutable values.
 */
export function collectVpcBlocks(topology: Topology): VpcBlocks {
  const hit = cache.get(topology);
  if (hit) return hit;
  const byVpc = new Map<VpcId, VpcBlockRange[]>();
  const all: VpcBlockRange[] = [];
  const invalid: InvalidVpcBlock[] = [];
  // One map read and one write per VPC: on a large topology these lookups are most of the cost.
  const add = (list: VpcBlockRange[], vpcId: VpcId, cidr: string, kind: VpcBlockKind, source: VpcBlockRange['source']): void => {
    const parsed = tryParseCidrRange(cidr);
    if (!parsed) {
      const r = parseCidrRange(cidr);
      invalid.push({ vpcId, cidr, message: r.ok ? 'unreadable block' : r.error.message });
      return;
    }
    const block: VpcBlockRange = {
      cidr: parsed.cidr,
      family: parsed.family,
      prefixLength: parsed.prefixLength,
      start: parsed.start,
      end: parsed.end,
      vpcId,
      kind,
      source,
    };
    list.push(block);
    all.push(block);
  };
  for (const vpc of topology.vpcs) {
    let list = byVpc.get(vpc.id);
    if (!list) byVpc.set(vpc.id, (list = []));
    for (const b of vpc.cidrBlocks) {
      if (!isHeldBlockState(b.state)) continue;
      add(list, vpc.id, b.cidr, b.family === 'ipv6' ? 'ipv6' : b.primary ? 'primary' : 'secondary', 'vpc');
    }
    if (list.length > 1) list.sort(compareRanges);
  }
  // A VPC known only from peerings takes the blocks of its best side (`isBetterBlockSource`):
  // AWS reports a side's blocks only in some statuses, so the first side met may be empty.
  const sources = new Map<VpcId, { peering: Peering; side: PeeringSide }>();
  for (const p of topology.peerings) {
    for (const side of [p.requester, p.accepter]) {
      if (byVpc.has(side.vpcId)) continue;
      const current = sources.get(side.vpcId);
      if (!current || isBetterBlockSource(p, side, current.peering, current.side)) sources.set(side.vpcId, { peering: p, side });
    }
  }
  for (const [vpcId, { side }] of sources) {
    const list: VpcBlockRange[] = [];
    byVpc.set(vpcId, list);
    side.cidrBlocks.forEach((c, i) => add(list, vpcId, c, i === 0 ? 'primary' : 'secondary', 'peering'));
    for (const c of side.ipv6CidrBlocks) add(list, vpcId, c, 'ipv6', 'peering');
    if (list.length > 1) list.sort(compareRanges);
  }
  let sorted: readonly VpcBlockRange[] | undefined;
  const result: VpcBlocks = {
    byVpc,
    get sorted() {
      return (sorted ??= sortRanges(all));
    },
    invalid,
  };
  cache.set(topology, result);
  return result;
}
