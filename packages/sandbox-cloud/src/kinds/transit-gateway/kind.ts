/** The transit gateway kind: ids `tgw-`, a table per cell (the owner's), its actions. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { createTransitGateway, deleteTransitGateway, describeTransitGateways, modifyTransitGateway } from './actions';
import { TRANSIT_GATEWAY_IDS } from './records';

export const TRANSIT_GATEWAY_KIND = {
  ids: TRANSIT_GATEWAY_IDS,
  tagType: 'transit-gateway',
  actions: {
    CreateTransitGateway: write(createTransitGateway),
    ModifyTransitGateway: write(modifyTransitGateway),
    DeleteTransitGateway: write(deleteTransitGateway),
    DescribeTransitGateways: read(describeTransitGateways),
  },
  // State files written before transit gateways have no list: there were none.
  ...cellTable('transitGateway', 'transitGateways', { addedLater: true }),
} satisfies KindDef<'transitGateway'>;
