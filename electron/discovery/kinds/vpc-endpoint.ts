/** VPC endpoints in discovery: DescribeVpcEndpoints, each with its type, service, state, and the route tables, subnets, groups and interfaces it uses. */
import { DescribeVpcEndpointsCommand, type VpcEndpoint as AwsVpcEndpoint } from '@aws-sdk/client-ec2';

import type { RouteTableId, SecurityGroupId, SubnetId, VpcId } from '../../../shared/model/ids';
import type { VpcEndpoint, VpcEndpointId } from '../../../shared/model/topology';
import { nameOf, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

function ids<P extends string>(prefix: P, list: readonly (string | undefined)[] | undefined): `${P}-${string}`[] {
  return (list ?? []).filter((x): x is `${P}-${string}` => x?.startsWith(`${prefix}-`) ?? false).sort();
}

/** Translate one VPC endpoint. */
export function toVpcEndpoint(e: AwsVpcEndpoint, seen: { accountId: string; region: string }): VpcEndpoint | undefined {
  if (!e.VpcEndpointId?.startsWith('vpce-') || !e.VpcId?.startsWith('vpc-')) return undefined;
  return {
    id: e.VpcEndpointId as VpcEndpointId,
    vpcId: e.VpcId as VpcId,
    accountId: e.OwnerId ?? seen.accountId,
    region: seen.region,
    ...nameOf(toTags(e.Tags)),
    type: e.VpcEndpointType ?? 'Gateway',
    serviceName: e.ServiceName ?? '',
    state: (e.State ?? 'available').toString(),
    routeTableIds: ids('rtb', e.RouteTableIds) as RouteTableId[],
    subnetIds: ids('subnet', e.SubnetIds) as SubnetId[],
    groupIds: ids('sg', (e.Groups ?? []).map((g) => g.GroupId)) as SecurityGroupId[],
    networkInterfaceIds: ids('eni', e.NetworkInterfaceIds),
  };
}

/** The VPC endpoint kind of discovery. */
export const VPC_ENDPOINT_DISCOVERY = discoveryKind({
  actions: { DescribeVpcEndpoints: 1000 },
  optional: true,
  scan: (ec2, fetch) => fetch('DescribeVpcEndpoints', (page, abortSignal) => ec2.send(new DescribeVpcEndpointsCommand(page), { abortSignal }), (o) => o.VpcEndpoints),
  translate: (e: AwsVpcEndpoint, seen) => toVpcEndpoint(e, seen),
  merge: mergeRegional<VpcEndpoint>,
  carry: carryRegional<VpcEndpoint>,
});
