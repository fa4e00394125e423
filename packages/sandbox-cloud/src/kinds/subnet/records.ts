/** A subnet's stored record, its id form, and its free addresses. */
import { ipv4Size, parseCidr } from '../../cidr';
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';
import type { Ipv6AssocRec } from '../vpc/records';

/** Subnet ids and the errors AWS answers for a malformed or unknown one. */
export const SUBNET_IDS: IdSpec = {
  prefix: 'subnet-',
  notFound: 'InvalidSubnetID.NotFound',
  malformed: 'InvalidSubnetID.Malformed',
  noun: 'subnet ID',
};

/** A subnet. */
export interface SubnetRec {
  id: string;
  vpcId: string;
  ownerId: string;
  region: string;
  cidrBlock?: string;
  ipv6Assocs: Ipv6AssocRec[];
  availabilityZone: string;
  availabilityZoneId: string;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  tags: TagMap;
  /** IPv4 addresses network interfaces hold in it (absent: none, as in files written before). */
  ipv4AddressesInUse?: number;
}

/** Addresses left for use: the block's size less the 5 AWS reserves ("Subnet CIDR blocks") and
 * those network interfaces hold. */
export function availableIpAddressCount(s: SubnetRec): number {
  const c = s.cidrBlock ? parseCidr(s.cidrBlock) : undefined;
  return c ? ipv4Size(c) - 5 - (s.ipv4AddressesInUse ?? 0) : 0;
}
