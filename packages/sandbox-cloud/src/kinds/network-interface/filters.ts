/** The filters DescribeNetworkInterfaces accepts (besides `tag:<key>`, `tag-key` and `tag-value`):
 * every name the API reference lists. Public addresses and managed operators are not modelled, so their filters match nothing. */
import type { FilterSpec } from '../../ec2/common';
import { interfaceStatus, macAddressOf, privateDnsName, type NetworkInterfaceRec } from './records';

const none = (): undefined => undefined;

const ipv4 = (n: NetworkInterfaceRec): string[] => n.privateIpAddresses.map((a) => a.address);

export const INTERFACE_FILTERS: FilterSpec<NetworkInterfaceRec> = {
  'addresses.private-ip-address': ipv4,
  'addresses.primary': (n) => n.privateIpAddresses.map((a) => a.primary),
  'addresses.association.public-ip': none,
  'addresses.association.owner-id': none,
  'association.association-id': none,
  'association.allocation-id': none,
  'association.ip-owner-id': none,
  'association.public-ip': none,
  'association.public-dns-name': none,
  'attachment.attachment-id': (n) => n.attachment?.attachmentId,
  'attachment.attach-time': (n) => (n.attachment ? new Date(n.attachment.attachTime).toISOString() : undefined),
  'attachment.delete-on-termination': (n) => n.attachment?.deleteOnTermination,
  'attachment.device-index': (n) => n.attachment?.deviceIndex,
  'attachment.instance-id': (n) => n.attachment?.instanceId,
  'attachment.instance-owner-id': (n) => n.attachment?.instanceOwnerId,
  'attachment.status': (n) => (n.attachment ? 'attached' : undefined),
  'availability-zone': (n) => n.availabilityZone,
  'availability-zone-id': (n) => n.availabilityZoneId,
  description: (n) => n.description,
  'group-id': (n) => n.groupIds,
  'ipv6-addresses.ipv6-address': (n) => n.ipv6Addresses,
  'interface-type': (n) => n.interfaceType,
  'mac-address': (n) => macAddressOf(n.id),
  'network-interface-id': (n) => n.id,
  'operator.managed': () => false,
  'operator.principal': none,
  'owner-id': (n) => n.ownerId,
  'private-dns-name': (n) => n.privateIpAddresses.map((a) => privateDnsName(n.region, a.address)),
  'private-ip-address': ipv4,
  'requester-id': (n) => n.managed?.requesterId,
  'requester-managed': (n) => n.managed !== undefined,
  'source-dest-check': (n) => n.sourceDestCheck,
  status: (n) => interfaceStatus(n),
  'subnet-id': (n) => n.subnetId,
  'vpc-id': (n) => n.vpcId,
};
