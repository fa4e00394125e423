/** Route tables in discovery: DescribeRouteTables, and each table with its routes and live associations in the model. */
import { DescribeRouteTablesCommand, type Route as AwsRoute, type RouteTable as AwsRouteTable } from '@aws-sdk/client-ec2';

import type { AccountId, PeeringId, Region, RouteTableId, SubnetId, VpcId } from '../../../shared/model/ids';
import type { Route, RouteTable, RouteTarget } from '../../../shared/model/topology';
import { nameOf, normaliseCidr, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

/** Where a route sends traffic: local, a peering, or any other target by its id. */
export function toRouteTarget(r: AwsRoute): RouteTarget {
  if (r.GatewayId === 'local') return { kind: 'local' };
  if (r.VpcPeeringConnectionId?.startsWith('pcx-')) return { kind: 'peering', peeringId: r.VpcPeeringConnectionId as PeeringId };
  const id =
    r.GatewayId ??
    r.NatGatewayId ??
    r.TransitGatewayId ??
    r.NetworkInterfaceId ??
    r.InstanceId ??
    r.LocalGatewayId ??
    r.CarrierGatewayId ??
    r.EgressOnlyInternetGatewayId ??
    r.CoreNetworkArn ??
    r.OdbNetworkArn ??
    'unknown';
  return { kind: 'other', id };
}

/** Translate one route; prefix-list destinations keep their id as the destination. */
export function toRoute(r: AwsRoute): Route | undefined {
  const destination = r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId;
  if (!destination) return undefined;
  return {
    destination: normaliseCidr(destination),
    target: toRouteTarget(r),
    state: r.State === 'blackhole' ? 'blackhole' : 'active',
    origin: r.Origin ?? 'CreateRoute',
  };
}

/** Translate one route table with its main flag and explicit subnet associations. */
export function toRouteTable(t: AwsRouteTable, fallbackAccount: AccountId, region: Region): RouteTable | undefined {
  if (!t.RouteTableId?.startsWith('rtb-') || !t.VpcId?.startsWith('vpc-')) return undefined;
  const tags = toTags(t.Tags);
  const live = (t.Associations ?? []).filter((a) => {
    const state = a.AssociationState?.State ?? 'associated';
    return state === 'associated' || state === 'associating';
  });
  return {
    id: t.RouteTableId as RouteTableId,
    vpcId: t.VpcId as VpcId,
    accountId: t.OwnerId ?? fallbackAccount,
    region,
    ...nameOf(tags),
    main: live.some((a) => a.Main === true),
    subnetIds: live.flatMap((a) => (a.SubnetId?.startsWith('subnet-') ? [a.SubnetId as SubnetId] : [])),
    routes: (t.Routes ?? []).flatMap((r) => {
      const route = toRoute(r);
      return route ? [route] : [];
    }),
  };
}

/** The route table kind of discovery (DescribeRouteTables pages hold at most 100). */
export const ROUTE_TABLE_DISCOVERY = discoveryKind({
  actions: { DescribeRouteTables: 100 },
  scan: (ec2, fetch) =>
    fetch('DescribeRouteTables', (page, abortSignal) => ec2.send(new DescribeRouteTablesCommand(page), { abortSignal }), (o) => o.RouteTables),
  translate: (t: AwsRouteTable, seen) => toRouteTable(t, seen.accountId, seen.region),
  merge: mergeRegional<RouteTable>,
  carry: carryRegional<RouteTable>,
});
