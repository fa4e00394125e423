/** THE registry of discovery's resource kinds, one per kind of the model (the `satisfies` below
 * fails to compile when a model kind has none). A new kind is a file in this folder plus one
 * line here; the scan, its page sizes and page counts, translation, merge and the resource
 * counts of the progress grid all follow from this table.
 */
import type { ResourceKey, ResourceOf } from '../../../shared/model/topology';
import { DHCP_OPTIONS_DISCOVERY } from './dhcp-options';
import type { DiscoveryKind } from './kind';
import {
  EGRESS_ONLY_INTERNET_GATEWAY_DISCOVERY,
  INTERNET_GATEWAY_DISCOVERY,
  NAT_GATEWAY_DISCOVERY,
  VPN_GATEWAY_DISCOVERY,
} from './gateway';
import { INSTANCE_DISCOVERY } from './instance';
import { NETWORK_ACL_DISCOVERY } from './network-acl';
import { NETWORK_INTERFACE_DISCOVERY } from './network-interface';
import { PEERING_DISCOVERY } from './peering';
import { MANAGED_PREFIX_LIST_DISCOVERY } from './prefix-list';
import { ROUTE_TABLE_DISCOVERY } from './route-table';
import { SECURITY_GROUP_DISCOVERY } from './security-group';
import { SUBNET_DISCOVERY } from './subnet';
import { TRANSIT_GATEWAY_DISCOVERY } from './transit-gateway';
import { TRANSIT_GATEWAY_ATTACHMENT_DISCOVERY, TRANSIT_GATEWAY_PEERING_DISCOVERY } from './transit-gateway-attachment';
import { TRANSIT_GATEWAY_ROUTE_TABLE_DISCOVERY } from './transit-gateway-route-table';
import { VPC_DISCOVERY } from './vpc';
import { VPC_ENDPOINT_DISCOVERY } from './vpc-endpoint';

/** Every kind discovery scans, under its key in `Topology`, in the order its calls start and the grid lists its actions. */
export const DISCOVERY_KINDS = {
  vpcs: VPC_DISCOVERY,
  subnets: SUBNET_DISCOVERY,
  routeTables: ROUTE_TABLE_DISCOVERY,
  securityGroups: SECURITY_GROUP_DISCOVERY,
  peerings: PEERING_DISCOVERY,
  networkAcls: NETWORK_ACL_DISCOVERY,
  internetGateways: INTERNET_GATEWAY_DISCOVERY,
  egressOnlyInternetGateways: EGRESS_ONLY_INTERNET_GATEWAY_DISCOVERY,
  natGateways: NAT_GATEWAY_DISCOVERY,
  vpnGateways: VPN_GATEWAY_DISCOVERY,
  vpcEndpoints: VPC_ENDPOINT_DISCOVERY,
  prefixLists: MANAGED_PREFIX_LIST_DISCOVERY,
  networkInterfaces: NETWORK_INTERFACE_DISCOVERY,
  instances: INSTANCE_DISCOVERY,
  dhcpOptions: DHCP_OPTIONS_DISCOVERY,
  transitGateways: TRANSIT_GATEWAY_DISCOVERY,
  transitGatewayAttachments: TRANSIT_GATEWAY_ATTACHMENT_DISCOVERY,
  transitGatewayPeerings: TRANSIT_GATEWAY_PEERING_DISCOVERY,
  transitGatewayRouteTables: TRANSIT_GATEWAY_ROUTE_TABLE_DISCOVERY,
} as const satisfies { readonly [K in ResourceKey]: DiscoveryKind<string, unknown, unknown, ResourceOf<K>> };

type Kinds = typeof DISCOVERY_KINDS;

/** The keys of the registry, in its order. */
export const DISCOVERY_KEYS = Object.keys(DISCOVERY_KINDS) as readonly ResourceKey[];

/** An EC2 action some kind calls while scanning a region. */
export type ScanAction = { [K in ResourceKey]: keyof Kinds[K]['actions'] & string }[ResourceKey];

/** An item of kind `K` as the SDK returns it. */
export type RawOf<K extends ResourceKey> = Kinds[K] extends DiscoveryKind<string, infer Raw, unknown, unknown> ? Raw : never;

/** An item of kind `K` as one region's translation has it, before the merge. */
export type FoundOf<K extends ResourceKey> = Kinds[K] extends DiscoveryKind<string, unknown, infer Found, unknown> ? Found : never;
