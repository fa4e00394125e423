/** The egress-only internet gateway kind: ids `eigw-`, a table per cell, its actions, and its
 * hold on a VPC's deletion. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import {
  createEgressOnlyInternetGateway,
  deleteEgressOnlyInternetGateway,
  describeEgressOnlyInternetGateways,
  egressOnlyInternetGatewaysOnVpcDelete,
} from './actions';
import { EGRESS_ONLY_INTERNET_GATEWAY_IDS } from './records';

export const EGRESS_ONLY_INTERNET_GATEWAY_KIND = {
  ids: EGRESS_ONLY_INTERNET_GATEWAY_IDS,
  tagType: 'egress-only-internet-gateway',
  actions: {
    CreateEgressOnlyInternetGateway: write(createEgressOnlyInternetGateway),
    DeleteEgressOnlyInternetGateway: write(deleteEgressOnlyInternetGateway),
    DescribeEgressOnlyInternetGateways: read(describeEgressOnlyInternetGateways),
  },
  onVpcDelete: egressOnlyInternetGatewaysOnVpcDelete,
  ...cellTable('egressOnlyInternetGateway', 'egressOnlyInternetGateways', { addedLater: true }),
} satisfies KindDef<'egressOnlyInternetGateway'>;
