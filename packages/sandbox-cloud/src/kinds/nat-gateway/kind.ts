/** The NAT gateway kind: ids `nat-`, a table per cell, its actions, and its hold on a subnet's deletion. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { createNatGateway, deleteNatGateway, describeNatGateways, natGatewaysOnSubnetDelete } from './actions';
import { NAT_GATEWAY_IDS } from './records';

export const NAT_GATEWAY_KIND = {
  ids: NAT_GATEWAY_IDS,
  tagType: 'natgateway',
  actions: {
    CreateNatGateway: write(createNatGateway),
    DeleteNatGateway: write(deleteNatGateway),
    DescribeNatGateways: read(describeNatGateways),
  },
  onSubnetDelete: natGatewaysOnSubnetDelete,
  ...cellTable('natGateway', 'natGateways', { addedLater: true }),
} satisfies KindDef<'natGateway'>;
