/** The filters DescribeVpcs accepts (besides `tag:<key>`, `tag-key` and `tag-value`). */
import type { FilterSpec } from '../../ec2/common';
import type { VpcRec } from './records';

export const VPC_FILTERS: FilterSpec<VpcRec> = {
  cidr: (v) => v.cidrBlock,
  'cidr-block-association.cidr-block': (v) => v.cidrAssocs.map((a) => a.cidrBlock),
  'cidr-block-association.association-id': (v) => v.cidrAssocs.map((a) => a.associationId),
  'cidr-block-association.state': (v) => v.cidrAssocs.map((a) => a.state),
  'dhcp-options-id': (v) => v.dhcpOptionsId,
  'ipv6-cidr-block-association.ipv6-cidr-block': (v) => v.ipv6Assocs.map((a) => a.ipv6CidrBlock),
  'ipv6-cidr-block-association.ipv6-pool': (v) => v.ipv6Assocs.map((a) => a.ipv6Pool),
  'ipv6-cidr-block-association.association-id': (v) => v.ipv6Assocs.map((a) => a.associationId),
  'ipv6-cidr-block-association.state': (v) => v.ipv6Assocs.map((a) => a.state),
  'is-default': (v) => v.isDefault,
  'owner-id': (v) => v.ownerId,
  state: () => 'available',
  'vpc-id': (v) => v.id,
};
