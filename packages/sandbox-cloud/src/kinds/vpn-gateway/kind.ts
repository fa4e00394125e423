/** The virtual private gateway kind: ids `vgw-`, a table per cell, its actions, and its hold on a
 * VPC's deletion. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { attachVpnGateway, createVpnGateway, deleteVpnGateway, describeVpnGateways, detachVpnGateway, vpnGatewaysOnVpcDelete } from './actions';
import { VPN_GATEWAY_IDS } from './records';

export const VPN_GATEWAY_KIND = {
  ids: VPN_GATEWAY_IDS,
  tagType: 'vpn-gateway',
  actions: {
    CreateVpnGateway: write(createVpnGateway),
    AttachVpnGateway: write(attachVpnGateway),
    DetachVpnGateway: write(detachVpnGateway),
    DeleteVpnGateway: write(deleteVpnGateway),
    DescribeVpnGateways: read(describeVpnGateways),
  },
  onVpcDelete: vpnGatewaysOnVpcDelete,
  ...cellTable('vpnGateway', 'vpnGateways', { addedLater: true }),
} satisfies KindDef<'vpnGateway'>;
