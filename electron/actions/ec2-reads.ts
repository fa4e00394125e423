/** The EC2 reads that make re-running a step harmless: a peering's status, a live peering between
 * two VPCs, a route, a group's rules, a network ACL's entry, the peerings a tag marks.
 */
import {
  DescribeNetworkAclsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcPeeringConnectionsCommand,
  type EC2Client,
  type IpPermission,
  type NetworkAclEntry as AwsNetworkAclEntry,
  type Route as AwsRoute,
  type VpcPeeringConnection,
} from '@aws-sdk/client-ec2';

import { parseCidr } from '../../shared/cidr/parse-cidr';
import { PEERING_STATUSES, type PeeringStatus } from '../../shared/model/topology';
import { actionErrorCode, isPeeringNotFound } from './action-errors';

/** A peering's status as one account sees it. */
export interface PeeringView {
  readonly id: string;
  readonly status: PeeringStatus;
  readonly message?: string;
  readonly requesterVpcId?: string;
  readonly accepterVpcId?: string;
  /** Each side's AllowDnsResolutionFromRemoteVpc, when AWS shows the options (active peerings). */
  readonly requesterDns?: boolean;
  readonly accepterDns?: boolean;
  /** The tags the viewing account sees. */
  readonly tags?: Readonly<Record<string, string>>;
}

function toStatus(code: string | undefined): PeeringStatus | undefined {
  return (PEERING_STATUSES as readonly string[]).includes(code ?? '') ? (code as PeeringStatus) : undefined;
}

function toView(p: VpcPeeringConnection): PeeringView | undefined {
  const status = toStatus(p.Status?.Code);
  if (!p.VpcPeeringConnectionId || !status) return undefined;
  return {
    id: p.VpcPeeringConnectionId,
    status,
    ...(p.Status?.Message ? { message: p.Status.Message } : {}),
    ...(p.RequesterVpcInfo?.VpcId ? { requesterVpcId: p.RequesterVpcInfo.VpcId } : {}),
    ...(p.AccepterVpcInfo?.VpcId ? { accepterVpcId: p.AccepterVpcInfo.VpcId } : {}),
    ...(p.RequesterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc !== undefined
      ? { requesterDns: p.RequesterVpcInfo.PeeringOptions.AllowDnsResolutionFromRemoteVpc }
      : {}),
    ...(p.AccepterVpcInfo?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc !== undefined ? { accepterDns: p.AccepterVpcInfo.PeeringOptions.AllowDnsResolutionFromRemoteVpc } : {}),
    ...(p.Tags?.length ? { tags: Object.fromEntries(p.Tags.filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? ''])) } : {}),
  };
}

/** The peering `id` as the client's account sees it in the client's region; undefined when it does not. */
export async function describePeering(client: EC2Client, id: string, abortSignal?: AbortSignal): Promise<PeeringView | undefined> {
  try {
    const out = await client.send(new DescribeVpcPeeringConnectionsCommand({ VpcPeeringConnectionIds: [id] }), abortSignal ? { abortSignal } : {});
    const match = (out.VpcPeeringConnections ?? []).find((p) => p.VpcPeeringConnectionId === id);
    return match ? toView(match) : undefined;
  } catch (e) {
    if (isPeeringNotFound(actionErrorCode(e))) return undefined;
    throw e;
  }
}

/** Statuses of a peering that still exists or is becoming one. */
const LIVE: readonly PeeringStatus[] = ['initiating-request', 'pending-acceptance', 'provisioning', 'active'];

/**
 * A live peering requested from `vpcId` to `peerVpcId`, if any. Filtered on the server and again
 * here, since moto ignores these filters (it answers with every peering).
 */
export async function findLivePeering(client: EC2Client, vpcId: string, peerVpcId: string, abortSignal?: AbortSignal): Promise<PeeringView | undefined> {
  const found: PeeringView[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(
      new DescribeVpcPeeringConnectionsCommand({
        Filters: [
          { Name: 'requester-vpc-info.vpc-id', Values: [vpcId] },
          { Name: 'accepter-vpc-info.vpc-id', Values: [peerVpcId] },
          { Name: 'status-code', Values: [...LIVE] },
        ],
        ...(token ? { NextToken: token } : {}),
      }),
      abortSignal ? { abortSignal } : {},
    );
    for (const p of out.VpcPeeringConnections ?? []) {
      const v = toView(p);
      if (v && v.requesterVpcId === vpcId && v.accepterVpcId === peerVpcId && LIVE.includes(v.status)) found.push(v);
    }
    token = out.NextToken;
  } while (token);
  return found[0];
}

/** What a route currently points at (`pcx-…`, `igw-…`, `local`, …). */
export function routeTargetOf(r: AwsRoute): string {
  return (
    r.VpcPeeringConnectionId ??
    r.GatewayId ??
    r.NatGatewayId ??
    r.TransitGatewayId ??
    r.InstanceId ??
    r.NetworkInterfaceId ??
    r.EgressOnlyInternetGatewayId ??
    r.CarrierGatewayId ??
    r.LocalGatewayId ??
    r.CoreNetworkArn ??
    'unknown'
  );
}

function sameCidr(a: string | undefined, b: string): boolean {
  if (!a) return false;
  if (a === b) return true;
  const pa = parseCidr(a);
  const pb = parseCidr(b);
  return pa.ok && pb.ok && pa.value === pb.value;
}

/** The route for exactly `destination` in `routeTableId`, or undefined. */
export async function findRoute(client: EC2Client, routeTableId: string, destination: string, abortSignal?: AbortSignal): Promise<{ target: string; state?: string } | undefined> {
  const out = await client.send(new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }), abortSignal ? { abortSignal } : {});
  const table = (out.RouteTables ?? []).find((t) => t.RouteTableId === routeTableId);
  const r = table?.Routes?.find((x) => sameCidr(x.DestinationCidrBlock, destination) || sameCidr(x.DestinationIpv6CidrBlock, destination));
  return r ? { target: routeTargetOf(r), ...(r.State ? { state: r.State } : {}) } : undefined;
}

/**
 * The peerings (any status) tagged `key` = `value` that the client's account sees. Filtered on
 * the server and again here, since moto ignores filters.
 */
export async function findPeeringsByTag(client: EC2Client, key: string, value: string, abortSignal?: AbortSignal): Promise<PeeringView[]> {
  const found: PeeringView[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(
      new DescribeVpcPeeringConnectionsCommand({ Filters: [{ Name: `tag:${key}`, Values: [value] }], ...(token ? { NextToken: token } : {}) }),
      abortSignal ? { abortSignal } : {},
    );
    for (const p of out.VpcPeeringConnections ?? []) {
      const v = toView(p);
      if (v && v.tags?.[key] === value) found.push(v);
    }
    token = out.NextToken;
  } while (token);
  return found;
}

/** The ingress permissions of a security group, or undefined when the group is gone. */
export async function groupIngress(client: EC2Client, groupId: string, abortSignal?: AbortSignal): Promise<readonly IpPermission[] | undefined> {
  return groupPermissions(client, groupId, 'ingress', abortSignal);
}

/** The egress permissions of a security group, or undefined when the group is gone. */
export async function groupEgress(client: EC2Client, groupId: string, abortSignal?: AbortSignal): Promise<readonly IpPermission[] | undefined> {
  return groupPermissions(client, groupId, 'egress', abortSignal);
}

/** The entry of a network ACL with `ruleNumber` in one direction: `null` when there is none, `undefined` when the ACL is gone. */
export async function findNetworkAclEntry(client: EC2Client, aclId: string, ruleNumber: number, egress: boolean, abortSignal?: AbortSignal): Promise<AwsNetworkAclEntry | null | undefined> {
  try {
    const out = await client.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [aclId] }), abortSignal ? { abortSignal } : {});
    const acl = out.NetworkAcls?.find((a) => a.NetworkAclId === aclId);
    if (!acl) return undefined;
    return acl.Entries?.find((e) => e.RuleNumber === ruleNumber && !!e.Egress === egress) ?? null;
  } catch (e) {
    if (/^InvalidNetworkAclID\.(NotFound|Malformed)$/.test(actionErrorCode(e))) return undefined;
    throw e;
  }
}

/** The ingress or egress permissions of a security group, or undefined when the group is gone. */
async function groupPermissions(client: EC2Client, groupId: string, direction: 'ingress' | 'egress', abortSignal?: AbortSignal): Promise<readonly IpPermission[] | undefined> {
  try {
    const out = await client.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }), abortSignal ? { abortSignal } : {});
    const group = out.SecurityGroups?.find((g) => g.GroupId === groupId);
    if (!group) return undefined;
    return (direction === 'ingress' ? group.IpPermissions : group.IpPermissionsEgress) ?? [];
  } catch (e) {
    if (/^InvalidGroup(Id)?\.(NotFound|Malformed)$/.test(actionErrorCode(e))) return undefined;
    throw e;
  }
}
