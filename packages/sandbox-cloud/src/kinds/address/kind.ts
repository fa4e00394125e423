/** The Elastic IP kind: ids `eipalloc-`, a table per cell, its actions. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { allocateAddress, describeAddresses, releaseAddress } from './actions';
import { ADDRESS_IDS } from './records';

export const ADDRESS_KIND = {
  ids: ADDRESS_IDS,
  tagType: 'elastic-ip',
  actions: {
    AllocateAddress: write(allocateAddress),
    ReleaseAddress: write(releaseAddress),
    DescribeAddresses: read(describeAddresses),
  },
  ...cellTable('address', 'addresses', { addedLater: true }),
} satisfies KindDef<'address'>;
