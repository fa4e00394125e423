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

/** An interface's attachment to an instance, or to the AWS service that manages it. */
export interface AttachmentRec {
  /** `eni-attach-…`, or `ela-attach-…` for an interface an AWS service manages. */
  attachmentId: string;
  /** The instance; absent when an AWS service holds the interface. */
  instanceId?: string;
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
  /** Set on an interface an AWS service made for one of the caller's resources (an interface
   * VPC endpoint): the caller can neither delete nor detach it, and it goes with the resource. */
  managed?: ManagedBy;
  tags: TagMap;
}

/** Who manages an interface: the principal AWS names as its requester (when the sandbox knows
 * it), and the resource it serves. */
export interface ManagedBy {
  requesterId?: string;
  resourceId: string;
}

/** The requester id on an interface endpoint's interfaces. */
export const VPC_ENDPOINT_REQUESTER = '727180483921';

/** The owner AWS answers on the attachment of an interface a service holds. */
export const SERVICE_ATTACHMENT_OWNER = 'amazon-aws';

/** The interface's primary private IPv4 address, if it has one. */
export function primaryAddress(n: NetworkInterfaceRec): string | undefined {
  return n.privateIpAddresses.find((a) => a.primary)?.address;
}

/** `available`, or `in-use` while attached. */
export function interfaceStatus(n: NetworkInterfaceRec): 'available' | 'in-use' {
  return n.attachment ? 'in-use' : 'available';
}

/** The `ela-attach-…` id of a managed interface's attachment, fixed by the interface id (so that
 * no id sequence moves for it). */
export function serviceAttachmentId(id: string): string {
  return `ela-attach-${createHash('sha256').update(`attach/${id}`).digest('hex').slice(0, 17)}`;
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
