/** THE registry of the sandbox's resource kinds: one line per kind, in the order DeleteVpc,
 * DeleteSubnet and DeleteSecurityGroup ask them and DescribeTags and state files list them.
 *
 * Everything that spans kinds is derived from it: the EC2 action table (`ec2/dispatch.ts`),
 * the deletions' hooks, the tag actions' lookup of a kind by id prefix (with its id errors) and
 * their DescribeTags walk (`ec2/tags.ts`), and a state file's lists, their check, dump and load
 * (`state/persist.ts`). A kind's own folder holds its records, actions, filters and `kind.ts`.
 */
import type { DeleteHooks, SecurityGroupDeleteHook, SubnetDeleteHook, VpcDeleteHook } from '../ec2/context';
import { ADDRESS_KIND } from './address/kind';
import { DHCP_OPTIONS_KIND } from './dhcp-options/kind';
import { EGRESS_ONLY_INTERNET_GATEWAY_KIND } from './egress-only-internet-gateway/kind';
import { INSTANCE_KIND } from './instance/kind';
import { INTERNET_GATEWAY_KIND } from './internet-gateway/kind';
import type { KindDef } from './kind';
import { NAT_GATEWAY_KIND } from './nat-gateway/kind';
import { NETWORK_ACL_KIND } from './network-acl/kind';
import { NETWORK_INTERFACE_KIND } from './network-interface/kind';
import { PEERING_KIND } from './peering/kind';
import { PREFIX_LIST_KIND } from './prefix-list/kind';
import type { SandboxKind } from './records';
import { ROUTE_TABLE_KIND } from './route-table/kind';
import { SECURITY_GROUP_KIND } from './security-group/kind';
import { SUBNET_KIND } from './subnet/kind';
import { TRANSIT_GATEWAY_ATTACHMENT_KIND } from './transit-gateway-attachment/kind';
import { TRANSIT_GATEWAY_ROUTE_TABLE_KIND } from './transit-gateway-route-table/kind';
import { TRANSIT_GATEWAY_KIND } from './transit-gateway/kind';
import { VPC_KIND } from './vpc/kind';
import { VPN_GATEWAY_KIND } from './vpn-gateway/kind';
import { VPC_ENDPOINT_KIND } from './vpc-endpoint/kind';

export const KINDS = {
  vpc: VPC_KIND,
  subnet: SUBNET_KIND,
  routeTable: ROUTE_TABLE_KIND,
  securityGroup: SECURITY_GROUP_KIND,
  peering: PEERING_KIND,
  dhcpOptions: DHCP_OPTIONS_KIND,
  networkAcl: NETWORK_ACL_KIND,
  internetGateway: INTERNET_GATEWAY_KIND,
  egressOnlyInternetGateway: EGRESS_ONLY_INTERNET_GATEWAY_KIND,
  address: ADDRESS_KIND,
  natGateway: NAT_GATEWAY_KIND,
  vpnGateway: VPN_GATEWAY_KIND,
  prefixList: PREFIX_LIST_KIND,
  vpcEndpoint: VPC_ENDPOINT_KIND,
  networkInterface: NETWORK_INTERFACE_KIND,
  instance: INSTANCE_KIND,
  transitGateway: TRANSIT_GATEWAY_KIND,
  transitGatewayRouteTable: TRANSIT_GATEWAY_ROUTE_TABLE_KIND,
  transitGatewayAttachment: TRANSIT_GATEWAY_ATTACHMENT_KIND,
} as const satisfies { readonly [K in SandboxKind]: KindDef<K> };

/** Every kind's definition, in registry order. */
export const KIND_LIST: readonly KindDef<SandboxKind>[] = Object.values(KINDS) as readonly KindDef<SandboxKind>[];

/** Every kind's part in DeleteVpc, in registry order. */
export const VPC_DELETE_HOOKS: readonly VpcDeleteHook[] = KIND_LIST.flatMap((k) => (k.onVpcDelete ? [k.onVpcDelete] : []));

/** Every kind's part in DeleteSubnet, in registry order. */
export const SUBNET_DELETE_HOOKS: readonly SubnetDeleteHook[] = KIND_LIST.flatMap((k) => (k.onSubnetDelete ? [k.onSubnetDelete] : []));

/** Every kind's part in DeleteSecurityGroup, in registry order. */
export const SECURITY_GROUP_DELETE_HOOKS: readonly SecurityGroupDeleteHook[] = KIND_LIST.flatMap((k) =>
  k.onSecurityGroupDelete ? [k.onSecurityGroupDelete] : [],
);

/** Every list of hooks, as every call's context carries them. */
export const DELETE_HOOKS: DeleteHooks = {
  onVpcDelete: VPC_DELETE_HOOKS,
  onSubnetDelete: SUBNET_DELETE_HOOKS,
  onSecurityGroupDelete: SECURITY_GROUP_DELETE_HOOKS,
};

/** The EC2 action names the kinds answer. */
export type KindAction = { [K in SandboxKind]: keyof (typeof KINDS)[K]['actions'] }[SandboxKind];
