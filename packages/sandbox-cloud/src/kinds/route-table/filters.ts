/** The filters DescribeRouteTables accepts (besides `tag:<key>`, `tag-key` and `tag-value`);
 * `route.state` depends on the peerings, so DescribeRouteTables adds it per call. */
import type { FilterSpec } from '../../ec2/common';
import type { RouteTableRec } from './records';

export const ROUTE_TABLE_FILTERS: FilterSpec<RouteTableRec> = {
  'association.route-table-association-id': (r) => r.associations.map((a) => a.id),
  'association.route-table-id': (r) => (r.associations.length > 0 ? r.id : undefined),
  'association.subnet-id': (r) => r.associations.map((a) => a.subnetId),
  'association.main': (r) => r.associations.map((a) => a.main),
  'owner-id': (r) => r.ownerId,
  'route-table-id': (r) => r.id,
  'route.destination-cidr-block': (r) => r.routes.map((x) => x.destinationCidrBlock),
  'route.destination-ipv6-cidr-block': (r) => r.routes.map((x) => x.destinationIpv6CidrBlock),
  'route.destination-prefix-list-id': (r) => r.routes.map((x) => x.destinationPrefixListId),
  'route.egress-only-internet-gateway-id': (r) => r.routes.map((x) => x.egressOnlyInternetGatewayId),
  'route.gateway-id': (r) => r.routes.map((x) => x.gatewayId),
  'route.instance-id': (r) => r.routes.map((x) => x.instanceId),
  'route.nat-gateway-id': (r) => r.routes.map((x) => x.natGatewayId),
  'route.transit-gateway-id': (r) => r.routes.map((x) => x.transitGatewayId),
  'route.origin': (r) => r.routes.map((x) => x.origin),
  'route.vpc-peering-connection-id': (r) => r.routes.map((x) => x.vpcPeeringConnectionId),
  'vpc-id': (r) => r.vpcId,
};
