/** The filters DescribeAddresses accepts (besides `tag:<key>`, `tag-key` and `tag-value`). */
import type { FilterSpec } from '../../ec2/common';
import type { AddressRec } from './records';

export const ADDRESS_FILTERS: FilterSpec<AddressRec> = {
  'allocation-id': (a) => a.id,
  'association-id': (a) => a.association?.id,
  domain: () => 'vpc',
  'instance-id': () => undefined,
  'network-border-group': (a) => a.networkBorderGroup,
  'network-interface-id': (a) => a.association?.networkInterfaceId,
  'network-interface-owner-id': (a) => (a.association ? a.ownerId : undefined),
  'private-ip-address': (a) => a.association?.privateIp,
  'public-ip': (a) => a.publicIp,
};
