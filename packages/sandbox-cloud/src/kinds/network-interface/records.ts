/** A network interface's stored record, its id form, and its attachment to an instance. */
import { createHash } from 'node:crypto';

import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Network interface ids and the errors AWS answers for a malformed or unknown one. */
export const NETWORK_INTERFACE_IDS: IdSpec = {
  prefix: 'eni-',
  notFound: 'InvalidNetworkInterfaceID.NotFound',
  malformed: 'InvalidNetworkInterfaceID.Malformed',
  noun: 'networkInterface ID',
};

/** One private IPv4 address of an interface; exactly one is the primary. */
export interface PrivateAddressRec {
  address: string;
  primary: boolean;
}

/** An interface's attachment to an instance. */
export interface AttachmentRec {
  /** `eni-attach-…`. */
  attachmentId: string;
  instanceId: string;
  instanceOwnerId: string;
  deviceIndex: number;
  deleteOnTermination: boolean;
  attachTime: number;
}

/** A network interface: in one subnet (so one VPC and zone), with its addresses and groups. */
export interface NetworkInterfaceRec {
  id: string;
  ownerId: string;
  region: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  description: string;
  /** `interface`, or the type CreateNetworkInterface was given (`efa`, `trunk` …). */
  interfaceType: string;
  /** Its IPv4 addresses, the primary first (none in an IPv6-only subnet). */
  privateIpAddresses: PrivateAddressRec[];
  ipv6Addresses: string[];
  groupIds: string[];
  sourceDestCheck: boolean;
  attachment?: AttachmentRec;
  tags: TagMap;
}

/** The interface's primary private IPv4 address, if it has one. */
export function primaryAddress(n: NetworkInterfaceRec): string | undefined {
  return n.privateIpAddresses.find((a) => a.primary)?.address;
}

/** `available`, or `in-use` while attached. */
export function interfaceStatus(n: NetworkInterfaceRec): 'available' | 'in-use' {
  return n.attachment ? 'in-use' : 'available';
}

/** A MAC address fixed by the interface id (locally administered, unicast, as AWS's are). */
export function macAddressOf(id: string): string {
  const d = createHash('sha256').update(id).digest();
  const bytes = [0x02 | ((d[0] as number) & 0xfc), ...d.subarray(1, 6)];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** The private DNS name AWS gives an IPv4 address: `ip-10-0-1-4.ec2.internal` in us-east-1,
 * `ip-10-0-1-4.<region>.compute.internal` elsewhere. */
export function privateDnsName(region: string, address: string): string {
  const host = `ip-${address.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}
