/** A VPC's stored record, its id form, and the blocks it holds. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** VPC ids and the errors AWS answers for a malformed or unknown one. */
export const VPC_IDS: IdSpec = {
  prefix: 'vpc-',
  notFound: 'InvalidVpcID.NotFound',
  malformed: 'InvalidVpcID.Malformed',
  noun: 'vpc ID',
};

/** An IPv4 block association of a VPC (the primary is the first). */
export interface CidrAssocRec {
  associationId: string;
  cidrBlock: string;
  state: 'associated' | 'disassociated';
}

/** An IPv6 block association of a VPC or subnet. */
export interface Ipv6AssocRec {
  associationId: string;
  ipv6CidrBlock: string;
  state: 'associated' | 'disassociated';
  /** `Amazon` for Amazon-provided blocks, or the BYOIP pool id. */
  ipv6Pool?: string;
  networkBorderGroup?: string;
}

/** A VPC. */
export interface VpcRec {
  id: string;
  ownerId: string;
  region: string;
  cidrBlock: string;
  cidrAssocs: CidrAssocRec[];
  ipv6Assocs: Ipv6AssocRec[];
  isDefault: boolean;
  instanceTenancy: string;
  dhcpOptionsId: string;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  tags: TagMap;
}

/** Every associated IPv4 block of a VPC, primary first. */
export function vpcIpv4Blocks(v: VpcRec): string[] {
  return v.cidrAssocs.filter((a) => a.state === 'associated').map((a) => a.cidrBlock);
}

/** Every associated IPv6 block of a VPC. */
export function vpcIpv6Blocks(v: VpcRec): string[] {
  return v.ipv6Assocs.filter((a) => a.state === 'associated').map((a) => a.ipv6CidrBlock);
}
