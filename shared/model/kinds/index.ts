/** THE registry of the model's resource kinds: each under its key in `Topology`, in the order
 * topologies and snapshots list them. A new kind is a file in this folder plus one line here
 * (and one `export *`); `Topology`, `EMPTY_TOPOLOGY` and the snapshot schema follow from it.
 */
import type { ModelKind } from './common';
import { DHCP_OPTIONS_KIND } from './dhcp-options';
import { EGRESS_ONLY_INTERNET_GATEWAY_KIND, INTERNET_GATEWAY_KIND, NAT_GATEWAY_KIND, VPN_GATEWAY_KIND } from './gateway';
import { INSTANCE_KIND } from './instance';
import { NETWORK_ACL_KIND } from './network-acl';
import { NETWORK_INTERFACE_KIND } from './network-interface';
import { PEERING_KIND } from './peering';
import { MANAGED_PREFIX_LIST_KIND } from './prefix-list';
import { ROUTE_TABLE_KIND } from './route-table';
import { SECURITY_GROUP_KIND } from './security-group';
import { SUBNET_KIND } from './subnet';
import { TRANSIT_GATEWAY_KIND } from './transit-gateway';
import { TRANSIT_GATEWAY_ATTACHMENT_KIND } from './transit-gateway-attachment';
import { TRANSIT_GATEWAY_PEERING_KIND } from './transit-gateway-peering';
import { TRANSIT_GATEWAY_ROUTE_TABLE_KIND } from './transit-gateway-route-table';
import { VPC_KIND } from './vpc';
import { VPC_ENDPOINT_KIND } from './vpc-endpoint';

export * from './account';
export * from './dhcp-options';
export * from './gateway';
export * from './instance';
export * from './network-acl';
export * from './network-interface';
export * from './peering';
export * from './prefix-list';
export * from './route-table';
export * from './security-group';
export * from './subnet';
export * from './transit-gateway';
export * from './transit-gateway-attachment';
export * from './transit-gateway-peering';
export * from './transit-gateway-route-table';
export * from './vpc';
export * from './vpc-endpoint';
export type { ModelKind, Tags } from './common';

/** Every resource kind of the topology, by its key in `Topology`. */
export const MODEL_KINDS = {
  vpcs: VPC_KIND,
  subnets: SUBNET_KIND,
  routeTables: ROUTE_TABLE_KIND,
  securityGroups: SECURITY_GROUP_KIND,
  peerings: PEERING_KIND,
  networkAcls: NETWORK_ACL_KIND,
  internetGateways: INTERNET_GATEWAY_KIND,
  egressOnlyInternetGateways: EGRESS_ONLY_INTERNET_GATEWAY_KIND,
  natGateways: NAT_GATEWAY_KIND,
  vpnGateways: VPN_GATEWAY_KIND,
  vpcEndpoints: VPC_ENDPOINT_KIND,
  prefixLists: MANAGED_PREFIX_LIST_KIND,
  networkInterfaces: NETWORK_INTERFACE_KIND,
  instances: INSTANCE_KIND,
  dhcpOptions: DHCP_OPTIONS_KIND,
  transitGateways: TRANSIT_GATEWAY_KIND,
  transitGatewayAttachments: TRANSIT_GATEWAY_ATTACHMENT_KIND,
  transitGatewayPeerings: TRANSIT_GATEWAY_PEERING_KIND,
  transitGatewayRouteTables: TRANSIT_GATEWAY_ROUTE_TABLE_KIND,
} as const satisfies Readonly<Record<string, ModelKind<unknown>>>;

/** The key of a resource kind in `Topology` (`vpcs`, `routeTables`, …). */
export type ResourceKey = keyof typeof MODEL_KINDS;

/** The item type of the kind under `K` (`Vpc` for `vpcs`). */
export type ResourceOf<K extends ResourceKey> = (typeof MODEL_KINDS)[K] extends ModelKind<infer T> ? T : never;

/** The resource keys in registry order. */
export const RESOURCE_KEYS = Object.keys(MODEL_KINDS) as readonly ResourceKey[];
