/** The managed prefix list kind: ids `pl-`, a table per cell of the caller's lists (the region's
 * AWS-managed lists are not stored: every account sees the same), and its actions. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import {
  createManagedPrefixList,
  deleteManagedPrefixList,
  describeManagedPrefixLists,
  getManagedPrefixListAssociations,
  getManagedPrefixListEntries,
  modifyManagedPrefixList,
} from './actions';
import { PREFIX_LIST_IDS } from './records';

export const PREFIX_LIST_KIND = {
  ids: PREFIX_LIST_IDS,
  tagType: 'prefix-list',
  actions: {
    CreateManagedPrefixList: write(createManagedPrefixList),
    ModifyManagedPrefixList: write(modifyManagedPrefixList),
    DeleteManagedPrefixList: write(deleteManagedPrefixList),
    DescribeManagedPrefixLists: read(describeManagedPrefixLists),
    GetManagedPrefixListEntries: read(getManagedPrefixListEntries),
    GetManagedPrefixListAssociations: read(getManagedPrefixListAssociations),
  },
  // State files written before prefix lists have no list: there were none.
  ...cellTable('prefixList', 'prefixLists', { addedLater: true }),
} satisfies KindDef<'prefixList'>;
