/** The route table kind: ids `rtb-`, a table per cell, its actions (routes and associations
 * included), and its part in a VPC's deletion. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import {
  associateRouteTable,
  createRoute,
  createRouteTable,
  deleteRoute,
  deleteRouteTable,
  describeRouteTables,
  disassociateRouteTable,
  replaceRoute,
  replaceRouteTableAssociation,
  routeTablesOnVpcDelete,
} from './actions';
import { ROUTE_TABLE_IDS } from './records';

export const ROUTE_TABLE_KIND = {
  ids: ROUTE_TABLE_IDS,
  tagType: 'route-table',
  actions: {
    CreateRouteTable: write(createRouteTable),
    DeleteRouteTable: write(deleteRouteTable),
    AssociateRouteTable: write(associateRouteTable),
    DisassociateRouteTable: write(disassociateRouteTable),
    ReplaceRouteTableAssociation: write(replaceRouteTableAssociation),
    DescribeRouteTables: read(describeRouteTables),
    CreateRoute: write(createRoute),
    ReplaceRoute: write(replaceRoute),
    DeleteRoute: write(deleteRoute),
  },
  onVpcDelete: routeTablesOnVpcDelete,
  ...cellTable('routeTable', 'routeTables'),
} satisfies KindDef<'routeTable'>;
