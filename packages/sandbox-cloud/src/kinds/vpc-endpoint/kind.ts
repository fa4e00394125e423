/** The VPC endpoint kind: ids `vpce-`, a table per cell, its actions (the region's endpoint services
 * included), and its hold on a VPC's deletion. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import {
  createVpcEndpoint,
  deleteVpcEndpoints,
  describeVpcEndpointServices,
  describeVpcEndpoints,
  endpointsOnVpcDelete,
  modifyVpcEndpoint,
} from './actions';
import { VPC_ENDPOINT_IDS } from './records';

export const VPC_ENDPOINT_KIND = {
  ids: VPC_ENDPOINT_IDS,
  tagType: 'vpc-endpoint',
  actions: {
    CreateVpcEndpoint: write(createVpcEndpoint),
    ModifyVpcEndpoint: write(modifyVpcEndpoint),
    DeleteVpcEndpoints: write(deleteVpcEndpoints),
    DescribeVpcEndpoints: read(describeVpcEndpoints),
    DescribeVpcEndpointServices: read(describeVpcEndpointServices),
  },
  onVpcDelete: endpointsOnVpcDelete,
  // State files written before endpoints have no list: there were none.
  ...cellTable('vpcEndpoint', 'vpcEndpoints', { addedLater: true }),
} satisfies KindDef<'vpcEndpoint'>;
