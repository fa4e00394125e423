/** The internet gateway kind: ids `igw-`, a table per cell, its actions, and its hold on a VPC's deletion. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import {
  attachInternetGateway,
  createInternetGateway,
  deleteInternetGateway,
  describeInternetGateways,
  detachInternetGateway,
  internetGatewaysOnVpcDelete,
} from './actions';
import { INTERNET_GATEWAY_IDS } from './records';
import { giveRoutesTheirInternetGateways } from './store';

export const INTERNET_GATEWAY_KIND = {
  ids: INTERNET_GATEWAY_IDS,
  tagType: 'internet-gateway',
  actions: {
    CreateInternetGateway: write(createInternetGateway),
    AttachInternetGateway: write(attachInternetGateway),
    DetachInternetGateway: write(detachInternetGateway),
    DeleteInternetGateway: write(deleteInternetGateway),
    DescribeInternetGateways: read(describeInternetGateways),
  },
  onVpcDelete: internetGatewaysOnVpcDelete,
  ...cellTable('internetGateway', 'internetGateways', { addedLater: true, fillIn: giveRoutesTheirInternetGateways }),
} satisfies KindDef<'internetGateway'>;
