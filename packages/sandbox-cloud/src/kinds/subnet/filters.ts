/** The filters DescribeSubnets accepts (besides `tag:<key>`, `tag-key` and `tag-value`): every name
 * the API reference lists, with the camelCase aliases it gives (`availabilityZone`,
 * `availabilityZoneId`, `cidr` and `cidrBlock`, `defaultForAz`). What the sandbox does not model
 * (Outposts, customer-owned pools, local network interfaces) has no value, so it matches nothing. */
import type { FilterSpec } from '../../ec2/common';
import { availableIpAddressCount, type SubnetRec } from './records';

const none = (): undefined => undefined;

export const SUBNET_FILTERS: FilterSpec<SubnetRec> = {
  'availability-zone': (s) => s.availabilityZone,
  availabilityZone: (s) => s.availabilityZone,
  'availability-zone-id': (s) => s.availabilityZoneId,
  availabilityZoneId: (s) => s.availabilityZoneId,
  'available-ip-address-count': (s) => availableIpAddressCount(s),
  'cidr-block': (s) => s.cidrBlock,
  cidr: (s) => s.cidrBlock,
  cidrBlock: (s) => s.cidrBlock,
  'customer-owned-ipv4-pool': none,
  'default-for-az': (s) => s.defaultForAz,
  defaultForAz: (s) => s.defaultForAz,
  'enable-dns64': () => false,
  'enable-lni-at-device-index': none,
  'ipv6-cidr-block-association.ipv6-cidr-block': (s) => s.ipv6Assocs.map((a) => a.ipv6CidrBlock),
  'ipv6-cidr-block-association.association-id': (s) => s.ipv6Assocs.map((a) => a.associationId),
  'ipv6-cidr-block-association.state': (s) => s.ipv6Assocs.map((a) => a.state),
  'ipv6-native': (s) => !s.cidrBlock,
  'map-customer-owned-ip-on-launch': () => false,
  'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
  'outpost-arn': none,
  'owner-id': (s) => s.ownerId,
  'private-dns-name-options-on-launch.hostname-type': (s) => (s.cidrBlock ? 'ip-name' : 'resource-name'),
  'private-dns-name-options-on-launch.enable-resource-name-dns-a-record': () => false,
  'private-dns-name-options-on-launch.enable-resource-name-dns-aaaa-record': () => false,
  state: () => 'available',
  'subnet-arn': (s) => `arn:aws:ec2:${s.region}:${s.ownerId}:subnet/${s.id}`,
  'subnet-id': (s) => s.id,
  'vpc-id': (s) => s.vpcId,
};
