/** The filters DescribeManagedPrefixLists accepts (besides `tag:<key>`, `tag-key` and `tag-value`). */
import type { FilterSpec } from '../../ec2/common';
import type { SeenPrefixList } from './store';

export const PREFIX_LIST_FILTERS: FilterSpec<SeenPrefixList> = {
  'owner-id': (s) => (s.owner === 'aws' ? 'AWS' : s.rec.ownerId),
  'prefix-list-id': (s) => s.rec.id,
  'prefix-list-name': (s) => s.rec.name,
};
