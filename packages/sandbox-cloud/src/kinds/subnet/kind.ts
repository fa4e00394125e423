/** The subnet kind: ids `subnet-`, a table per cell, its actions, and its hold on a VPC's deletion. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { createSubnet, deleteSubnet, describeSubnets, subnetsOnVpcDelete } from './actions';
import { SUBNET_IDS } from './records';

export const SUBNET_KIND = {
  ids: SUBNET_IDS,
  tagType: 'subnet',
  actions: {
    CreateSubnet: write(createSubnet),
    DeleteSubnet: write(deleteSubnet),
    DescribeSubnets: read(describeSubnets),
  },
  onVpcDelete: subnetsOnVpcDelete,
  ...cellTable('subnet', 'subnets'),
} satisfies KindDef<'subnet'>;
