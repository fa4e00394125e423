/** The filters DescribeSubnets accepts (besides `tag:<key>`, `tag-key` and `tag-value`). */
import type { FilterSpec } from '../../ec2/common';
import { availableIpAddressCount, type SubnetRec } from './records';

export const SUBNET_FILTERS: FilterSpec<SubnetRec> = {
  'availability-zone': (s) => s.availabilityZone,
  'availability-zone-id': (s) => s.availabilityZoneId,
  'available-ip-address-count': (s) => availableIpAddressCount(s),
  'cidr-block': (s) => s.cidrBlock,
  cidr: (s) => s.cidrBlock,
  cidrBlock: (s) => s.cidrBlock,
  'default-for-az': (s) => s.defaultForAz,
  defaultForAz: (s) => s.defaultForAz,
  'ipv6-cidr-block-association.ipv6-cidr-block': (s) => s.ipv6Assocs.map((a) => a.ipv6CidrBlock),
  'ipv6-cidr-block-association.association-id': (s) => s.ipv6Assocs.map((a) => a.associationId),
  'ipv6-cidr-block-association.state': (s) => s.ipv6Assocs.map((a) => a.state),
  'ipv6-native': (s) => !s.cidrBlock,
  'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
  'owner-id': (s) => s.ownerId,
  state: () => 'available',
  'subnet-arn': (s) => `arn:aws:ec2:${s.region}:${s.ownerId}:subnet/${s.id}`,
  'subnet-id': (s) => s.id,
  'vpc-id': (s) => s.vpcId,
};
