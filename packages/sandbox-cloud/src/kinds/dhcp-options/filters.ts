/** The filters DescribeDhcpOptions accepts (besides `tag:<key>`, `tag-key` and `tag-value`). */
import type { FilterSpec } from '../../ec2/common';
import type { DhcpOptionsRec } from './records';

export const DHCP_OPTIONS_FILTERS: FilterSpec<DhcpOptionsRec> = {
  'dhcp-options-id': (d) => d.id,
  key: (d) => d.configurations.map((c) => c.key),
  value: (d) => d.configurations.flatMap((c) => c.values),
  'owner-id': (d) => d.ownerId,
};
