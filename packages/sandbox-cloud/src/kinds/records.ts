/** Every resource kind the sandbox stores, as types: its record, the key of its list in a state
 * file, its tag resource type, and whether each account+region cell keeps a table of it or the
 * world keeps one table seen from both sides (peerings).
 *
 * This is the records layer, beneath every kind's actions, so the world and the actions can both
 * be typed by it without importing each other. `kinds/index.ts` is the registry of what each kind
 * does, and must have one entry per kind listed here.
 */
import type { DhcpOptionsRec } from './dhcp-options/records';
import type { AddressRec } from './address/records';
import type { EgressOnlyInternetGatewayRec } from './egress-only-internet-gateway/records';
import type { InternetGatewayRec } from './internet-gateway/records';
import type { NatGatewayRec } from './nat-gateway/records';
import type { NetworkAclRec } from './network-acl/records';
import type { InstanceRec } from './instance/records';
import type { NetworkInterfaceRec } from './network-interface/records';
import type { PeeringRec } from './peering/records';
import type { PrefixListRec } from './prefix-list/records';
import type { RouteTableRec } from './route-table/records';
import type { SecurityGroupRec } from './security-group/records';
import type { SubnetRec } from './subnet/records';
import type { TgwAttachmentRec } from './transit-gateway-attachment/records';
import type { TgwRouteTableRec } from './transit-gateway-route-table/records';
import type { TransitGatewayRec } from './transit-gateway/records';
import type { VpcRec } from './vpc/records';
import type { VpnGatewayRec } from './vpn-gateway/records';
import type { VpcEndpointRec } from './vpc-endpoint/records';

/** Kind name → its record, state-file key, tag resource type and where its table is. */
export interface KindTables {
  vpc: { rec: VpcRec; stateKey: 'vpcs'; tagType: 'vpc'; scope: 'cell' };
  subnet: { rec: SubnetRec; stateKey: 'subnets'; tagType: 'subnet'; scope: 'cell' };
  routeTable: { rec: RouteTableRec; stateKey: 'routeTables'; tagType: 'route-table'; scope: 'cell' };
  securityGroup: { rec: SecurityGroupRec; stateKey: 'securityGroups'; tagType: 'security-group'; scope: 'cell' };
  peering: { rec: PeeringRec; stateKey: 'peerings'; tagType: 'vpc-peering-connection'; scope: 'world' };
  dhcpOptions: { rec: DhcpOptionsRec; stateKey: 'dhcpOptions'; tagType: 'dhcp-options'; scope: 'cell' };
  networkAcl: { rec: NetworkAclRec; stateKey: 'networkAcls'; tagType: 'network-acl'; scope: 'cell' };
  internetGateway: { rec: InternetGatewayRec; stateKey: 'internetGateways'; tagType: 'internet-gateway'; scope: 'cell' };
  egressOnlyInternetGateway: {
    rec: EgressOnlyInternetGatewayRec;
    stateKey: 'egressOnlyInternetGateways';
    tagType: 'egress-only-internet-gateway';
    scope: 'cell';
  };
  address: { rec: AddressRec; stateKey: 'addresses'; tagType: 'elastic-ip'; scope: 'cell' };
  natGateway: { rec: NatGatewayRec; stateKey: 'natGateways'; tagType: 'natgateway'; scope: 'cell' };
  vpnGateway: { rec: VpnGatewayRec; stateKey: 'vpnGateways'; tagType: 'vpn-gateway'; scope: 'cell' };
  prefixList: { rec: PrefixListRec; stateKey: 'prefixLists'; tagType: 'prefix-list'; scope: 'cell' };
  vpcEndpoint: { rec: VpcEndpointRec; stateKey: 'vpcEndpoints'; tagType: 'vpc-endpoint'; scope: 'cell' };
  networkInterface: { rec: NetworkInterfaceRec; stateKey: 'networkInterfaces'; tagType: 'network-interface'; scope: 'cell' };
  instance: { rec: InstanceRec; stateKey: 'instances'; tagType: 'instance'; scope: 'cell' };
  transitGateway: { rec: TransitGatewayRec; stateKey: 'transitGateways'; tagType: 'transit-gateway'; scope: 'cell' };
  transitGatewayRouteTable: {
    rec: TgwRouteTableRec;
    stateKey: 'transitGatewayRouteTables';
    tagType: 'transit-gateway-route-table';
    scope: 'cell';
  };
  transitGatewayAttachment: {
    rec: TgwAttachmentRec;
    stateKey: 'transitGatewayAttachments';
    tagType: 'transit-gateway-attachment';
    scope: 'cell';
  };
}

/** A resource kind of the sandbox. */
export type SandboxKind = keyof KindTables;

/** The stored record of a kind. */
export type KindRecord<K extends SandboxKind> = KindTables[K]['rec'];

/** Kinds with a table per account+region cell. */
export type CellKind = { [K in SandboxKind]: KindTables[K]['scope'] extends 'cell' ? K : never }[SandboxKind];

/** The key of a kind's list in a state file. */
export type StateKey<K extends SandboxKind> = KindTables[K]['stateKey'];

/** A `TagSpecification.ResourceType` a create call may name. */
export type TaggableType = KindTables[SandboxKind]['tagType'] | 'security-group-rule';
