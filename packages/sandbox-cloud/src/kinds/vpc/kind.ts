/** The VPC kind: ids `vpc-`, a table per cell, and its actions. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import {
  associateVpcCidrBlock,
  createDefaultVpc,
  createVpc,
  deleteVpc,
  describeVpcAttribute,
  describeVpcs,
  disassociateVpcCidrBlock,
  modifyVpcAttribute,
} from './actions';
import { VPC_IDS } from './records';

export const VPC_KIND = {
  ids: VPC_IDS,
  tagType: 'vpc',
  actions: {
    CreateVpc: write(createVpc),
    CreateDefaultVpc: write(createDefaultVpc),
    DeleteVpc: write(deleteVpc),
    DescribeVpcs: read(describeVpcs),
    AssociateVpcCidrBlock: write(associateVpcCidrBlock),
    DisassociateVpcCidrBlock: write(disassociateVpcCidrBlock),
    DescribeVpcAttribute: read(describeVpcAttribute),
    ModifyVpcAttribute: write(modifyVpcAttribute),
  },
  ...cellTable('vpc', 'vpcs'),
} satisfies KindDef<'vpc'>;
