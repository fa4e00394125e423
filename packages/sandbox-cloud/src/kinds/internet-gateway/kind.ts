/** The internet gateway kind: ids `igw-`, a table per cell, its actions, its hold on a VPC. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { attachInternetGateway, createInternetGateway, deleteInternetGateway, describeInternetGateways, internetGatewaysOnVpcDelete } from './actions';
import { INTERNET_GATEWAY_IDS } from './records';

export const INTERNET_GATEWAY_KIND = {
  ids: INTERNET_GATEWAY_IDS,
  tagType: 'internet-gateway',
  actions: {
    CreateInternetGateway: write(createInternetGateway),
    DescribeInternetGateways: read(describeInternetGateways),
    DeleteInternetGateway: write(deleteInternetGateway),
    AttachInternetGateway: write(attachInternetGateway),
  },
  onVpcDelete: internetGatewaysOnVpcDelete,
  ...cellTable('internetGateway', 'internetGateways'),
} satisfies KindDef<'internetGateway'>;
