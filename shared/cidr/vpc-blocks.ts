/** Every CIDR block of every VPC in a topology, parsed once into sorted ranges. */
import type { VpcId } from '../model/ids';
import type { Topology } from '../model/topology';
import { compareRanges } from './overlap';
import type { CidrRange } from './parse-cidr';
import { parseCidrRange } from './parse-cidr';

/** Which association of its VPC a block is. */
export type VpcBlockKind = 'primary' | 'secondary' | 'ipv6';

/** One parsed VPC block. */
export interface VpcBlockRange extends CidrRange {
  readonly vpcId: VpcId;
  readonly kind: VpcBlockKind;
  /**
   * `vpc` when read from the VPC itself; `peering` when the VPC is not in the topology (its
   * account was not scanned) and the block comes from a peering's `cidrBlockSet` instead.
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
  /** All blocks sorted with `compareRanges`. */
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
  return HELD_BLOCK_STATES.has(state);
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
  const sorted: VpcBlockRange[] = [];
  const invalid: InvalidVpcBlock[] = [];
  const parsedByText = new Map<string, CidrRange | string>();
  const add = (vpcId: VpcId, cidr: string, kind: VpcBlockKind, source: VpcBlockRange['source']): void => {
    let parsed = parsedByText.get(cidr);
    if (parsed === undefined) {
      const r = parseCidrRange(cidr);
      parsed = r.ok ? r.value : r.error.message;
      parsedByText.set(cidr, parsed);
    }
    if (typeof parsed === 'string') {
      invalid.push({ vpcId, cidr, message: parsed });
      return;
    }
    const block: VpcBlockRange = { ...parsed, vpcId, kind, source };
    let list = byVpc.get(vpcId);
    if (!list) byVpc.set(vpcId, (list = []));
    list.push(block);
    sorted.push(block);
  };
  for (const vpc of topology.vpcs) {
    if (!byVpc.has(vpc.id)) byVpc.set(vpc.id, []);
    for (const b of vpc.cidrBlocks) {
      if (!isHeldBlockState(b.state)) continue;
      add(vpc.id, b.cidr, b.family === 'ipv6' ? 'ipv6' : b.primary ? 'primary' : 'secondary', 'vpc');
    }
  }
  for (const p of topology.peerings) {
    for (const side of [p.requester, p.accepter]) {
      if (byVpc.has(side.vpcId)) continue;
      byVpc.set(side.vpcId, []);
      side.cidrBlocks.forEach((c, i) => add(side.vpcId, c, i === 0 ? 'primary' : 'secondary', 'peering'));
      for (const c of side.ipv6CidrBlocks) add(side.vpcId, c, 'ipv6', 'peering');
    }
  }
  for (const list of byVpc.values()) list.sort(compareRanges);
  sorted.sort(compareRanges);
  const result: VpcBlocks = { byVpc, sorted, invalid };
  cache.set(topology, result);
  return result;
}
