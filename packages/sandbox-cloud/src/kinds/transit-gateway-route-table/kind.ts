/** The transit gateway route table kind: ids `tgw-rtb-`, a table per cell (the gateway owner's),
 * its actions (associations, propagations and routes included). */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import {
  associateTransitGatewayRouteTable,
  createTransitGatewayRouteTable,
  deleteTransitGatewayRouteTable,
  describeTransitGatewayRouteTables,
  disableTransitGatewayRouteTablePropagation,
  disassociateTransitGatewayRouteTable,
  enableTransitGatewayRouteTablePropagation,
  getTransitGatewayAttachmentPropagations,
  getTransitGatewayRouteTableAssociations,
  getTransitGatewayRouteTablePropagations,
} from './actions';
import { createTransitGatewayRoute, deleteTransitGatewayRoute, replaceTransitGatewayRoute, searchTransitGatewayRoutes } from './routes';
import { TGW_ROUTE_TABLE_IDS } from './records';

export const TRANSIT_GATEWAY_ROUTE_TABLE_KIND = {
  ids: TGW_ROUTE_TABLE_IDS,
  tagType: 'transit-gateway-route-table',
  actions: {
    CreateTransitGatewayRouteTable: write(createTransitGatewayRouteTable),
    DeleteTransitGatewayRouteTable: write(deleteTransitGatewayRouteTable),
    DescribeTransitGatewayRouteTables: read(describeTransitGatewayRouteTables),
    AssociateTransitGatewayRouteTable: write(associateTransitGatewayRouteTable),
    DisassociateTransitGatewayRouteTable: write(disassociateTransitGatewayRouteTable),
    EnableTransitGatewayRouteTablePropagation: write(enableTransitGatewayRouteTablePropagation),
    DisableTransitGatewayRouteTablePropagation: write(disableTransitGatewayRouteTablePropagation),
    GetTransitGatewayRouteTableAssociations: read(getTransitGatewayRouteTableAssociations),
    GetTransitGatewayRouteTablePropagations: read(getTransitGatewayRouteTablePropagations),
    GetTransitGatewayAttachmentPropagations: read(getTransitGatewayAttachmentPropagations),
    CreateTransitGatewayRoute: write(createTransitGatewayRoute),
    ReplaceTransitGatewayRoute: write(replaceTransitGatewayRoute),
    DeleteTransitGatewayRoute: write(deleteTransitGatewayRoute),
    SearchTransitGatewayRoutes: read(searchTransitGatewayRoutes),
  },
  ...cellTable('transitGatewayRouteTable', 'transitGatewayRouteTables', { addedLater: true }),
} satisfies KindDef<'transitGatewayRouteTable'>;
