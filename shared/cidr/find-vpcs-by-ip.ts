/** "Which VPC holds 10.2.3.4?": the VPCs, blocks and subnets containing an address. */
import type { Result } from '../core/result';
import { ok } from '../core/result';
import type { AccountId, Region, SubnetId, VpcId } from '../model/ids';
import type { Topology } from '../model/topology';
import { isAddressIn } from './overlap';
import type { Cidr, IpAddress } from './parse-cidr';
import { parseCidrRange, parseIpAddress } from './parse-cidr';
import type { VpcBlockKind } from './vpc-blocks';
import { collectVpcBlocks } from './vpc-blocks';

/** One VPC whose block holds the address, with the subnet holding it when one does. */
export interface VpcIpMatch {
  readonly vpcId: VpcId;
  readonly vpcName?: string;
  readonly accountId?: AccountId;
  readonly region?: Region;
  readonly block: Cidr;
  readonly blockKind: VpcBlockKind;
  readonly subnetId?: SubnetId;
  readonly subnetCidr?: Cidr;
}

/**
 * Every VPC with a block holding `ip`, most specific block first, with the subnet holding it.
 *
 * More than one match means overlapping VPCs: the answer then depends on where you stand.
 */
export function findVpcsByIp(topology: Topology, ip: string): Result<readonly VpcIpMatch[]> {
  const parsed = parseIpAddress(ip);
  if (!parsed.ok) return parsed;
  return ok(findVpcsByAddress(topology, parsed.value));
}

/** `findVpcsByIp` for an address already parsed. */
export function findVpcsByAddress(topology: Topology, address: IpAddress): readonly VpcIpMatch[] {
  const blocks = collectVpcBlocks(topology);
  const vpcById = new Map(topology.vpcs.map((v) => [v.id, v]));
  const matches: VpcIpMatch[] = [];
  for (const block of blocks.sorted) {
    if (block.family !== address.family) continue;
    if (block.start > address.value) break;
    if (!isAddressIn(address, block)) continue;
    const vpc = vpcById.get(block.vpcId);
    let subnetId: SubnetId | undefined;
    let subnetCidr: Cidr | undefined;
    for (const s of topology.subnets) {
      if (s.vpcId !== block.vpcId) continue;
      for (const text of address.family === 'ipv4' ? [s.cidr] : s.ipv6Cidrs) {
        const r = parseCidrRange(text);
        if (r.ok && isAddressIn(address, r.value)) {
          subnetId = s.id;
          subnetCidr = r.value.cidr;
        }
      }
    }
    matches.push({
      vpcId: block.vpcId,
      ...(vpc?.name !== undefined ? { vpcName: vpc.name } : {}),
      ...(vpc ? { accountId: vpc.accountId, region: vpc.region } : {}),
      block: block.cidr,
      blockKind: block.kind,
      ...(subnetId ? { subnetId, subnetCidr } : {}),
    });
  }
  return matches.sort((a, b) => prefixOf(b.block) - prefixOf(a.block) || a.vpcId.localeCompare(b.vpcId));
}

function prefixOf(cidr: Cidr): number {
  return Number(cidr.slice(cidr.indexOf('/') + 1));
}
