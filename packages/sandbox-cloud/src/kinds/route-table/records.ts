/** A route table's stored record (its routes and associations) and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Route table ids and the errors AWS answers for a malformed or unknown one. */
export const ROUTE_TABLE_IDS: IdSpec = {
  prefix: 'rtb-',
  notFound: 'InvalidRouteTableID.NotFound',
  malformed: 'InvalidRouteTableId.Malformed',
  noun: 'routeTable ID',
};

/** A route; exactly one destination and one target field is set. */
export interface RouteRec {
  destinationCidrBlock?: string;
  destinationIpv6CidrBlock?: string;
  destinationPrefixListId?: string;
  gatewayId?: string;
  natGatewayId?: string;
  transitGatewayId?: string;
  vpcPeeringConnectionId?: string;
  networkInterfaceId?: string;
  instanceId?: string;
  egressOnlyInternetGatewayId?: string;
  vpcEndpointId?: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

/** A route table association (main, or with a subnet). */
export interface RouteTableAssocRec {
  id: string;
  main: boolean;
  subnetId?: string;
}

/** A route table. */
export interface RouteTableRec {
  id: string;
  vpcId: string;
  ownerId: string;
  region: string;
  associations: RouteTableAssocRec[];
  routes: RouteRec[];
  tags: TagMap;
}
