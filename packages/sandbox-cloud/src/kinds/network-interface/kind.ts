/** The network interface kind: ids `eni-`, a table per cell, its actions, and its hold on the
 * subnet it is in and the security groups it uses. */
import { read, write } from '../../ec2/context';
import { cellTable, type KindDef } from '../kind';
import { fillInNatInterfaces } from '../nat-gateway/interface';
import { fillInEndpointInterfaces } from '../vpc-endpoint/interfaces';
import {
  attachNetworkInterface,
  createNetworkInterface,
  deleteNetworkInterface,
  describeNetworkInterfaces,
  detachNetworkInterface,
  interfacesOnSecurityGroupDelete,
  interfacesOnSubnetDelete,
  modifyNetworkInterfaceAttribute,
} from './actions';
import { NETWORK_INTERFACE_IDS } from './records';

export const NETWORK_INTERFACE_KIND = {
  ids: NETWORK_INTERFACE_IDS,
  tagType: 'network-interface',
  actions: {
    CreateNetworkInterface: write(createNetworkInterface),
    DeleteNetworkInterface: write(deleteNetworkInterface),
    DescribeNetworkInterfaces: read(describeNetworkInterfaces),
    ModifyNetworkInterfaceAttribute: write(modifyNetworkInterfaceAttribute),
    AttachNetworkInterface: write(attachNetworkInterface),
    DetachNetworkInterface: write(detachNetworkInterface),
  },
  // Its subnet holds the VPC, so DeleteVpc needs no hook of its own.
  onSubnetDelete: interfacesOnSubnetDelete,
  onSecurityGroupDelete: interfacesOnSecurityGroupDelete,
  // State files written before interfaces have no list: there were none but the interfaces
  // endpoints and NAT gateways name, which files written before those were records lack as well.
  ...cellTable('networkInterface', 'networkInterfaces', {
    addedLater: true,
    complete: (world) => {
      fillInEndpointInterfaces(world);
      fillInNatInterfaces(world);
    },
  }),
} satisfies KindDef<'networkInterface'>;
