/** Gateways in discovery: internet, egress-only internet, NAT and virtual private gateways, each
 * its own describe and its own list, with their attachments (and a NAT gateway's addresses). */
import {
  DescribeEgressOnlyInternetGatewaysCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeVpnGatewaysCommand,
  type EgressOnlyInternetGateway as AwsEgressOnlyInternetGateway,
  type InternetGateway as AwsInternetGateway,
  type NatGateway as AwsNatGateway,
  type VpnGateway as AwsVpnGateway,
} from '@aws-sdk/client-ec2';

import type { SubnetId, VpcId } from '../../../shared/model/ids';
import type {
  EgressOnlyInternetGateway,
  EgressOnlyInternetGatewayId,
  GatewayAttachment,
  InternetGateway,
  InternetGatewayId,
  NatGateway,
  NatGatewayId,
  VpnGateway,
  VpnGatewayId,
} from '../../../shared/model/topology';
import { nameOf, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

/** Attachments with a VPC id, in the state AWS gives (`available` for an attached internet gateway). */
function toAttachments(list: readonly { VpcId?: string | undefined; State?: string | undefined }[] | undefined): GatewayAttachment[] {
  return (list ?? []).flatMap((a) => (a.VpcId?.startsWith('vpc-') ? [{ vpcId: a.VpcId as VpcId, state: a.State ?? 'attached' }] : []));
}

/** Translate one internet gateway. */
export function toInternetGateway(g: AwsInternetGateway, seen: { accountId: string; region: string }): InternetGateway | undefined {
  if (!g.InternetGatewayId?.startsWith('igw-')) return undefined;
  return { id: g.InternetGatewayId as InternetGatewayId, accountId: g.OwnerId ?? seen.accountId, region: seen.region, ...nameOf(toTags(g.Tags)), attachments: toAttachments(g.Attachments) };
}

/** Translate one egress-only internet gateway (its owner is the scanning account: AWS gives none). */
export function toEgressOnlyInternetGateway(g: AwsEgressOnlyInternetGateway, seen: { accountId: string; region: string }): EgressOnlyInternetGateway | undefined {
  if (!g.EgressOnlyInternetGatewayId?.startsWith('eigw-')) return undefined;
  return { id: g.EgressOnlyInternetGatewayId as EgressOnlyInternetGatewayId, accountId: seen.accountId, region: seen.region, ...nameOf(toTags(g.Tags)), attachments: toAttachments(g.Attachments) };
}

/** Translate one NAT gateway with its addresses, the primary first. */
export function toNatGateway(g: AwsNatGateway, seen: { accountId: string; region: string }): NatGateway | undefined {
  if (!g.NatGatewayId?.startsWith('nat-') || !g.VpcId?.startsWith('vpc-') || !g.SubnetId?.startsWith('subnet-')) return undefined;
  return {
    id: g.NatGatewayId as NatGatewayId,
    vpcId: g.VpcId as VpcId,
    subnetId: g.SubnetId as SubnetId,
    accountId: seen.accountId,
    region: seen.region,
    ...nameOf(toTags(g.Tags)),
    connectivityType: g.ConnectivityType === 'private' ? 'private' : 'public',
    state: g.State ?? 'available',
    addresses: (g.NatGatewayAddresses ?? [])
      .map((a) => ({
        ...(a.PrivateIp ? { privateIp: a.PrivateIp } : {}),
        ...(a.PublicIp ? { publicIp: a.PublicIp } : {}),
        ...(a.AllocationId ? { allocationId: a.AllocationId } : {}),
        ...(a.NetworkInterfaceId ? { networkInterfaceId: a.NetworkInterfaceId } : {}),
        primary: a.IsPrimary ?? false,
      }))
      .sort((a, b) => Number(b.primary) - Number(a.primary)),
  };
}

/** Translate one virtual private gateway. */
export function toVpnGateway(g: AwsVpnGateway, seen: { accountId: string; region: string }): VpnGateway | undefined {
  if (!g.VpnGatewayId?.startsWith('vgw-')) return undefined;
  return { id: g.VpnGatewayId as VpnGatewayId, accountId: seen.accountId, region: seen.region, ...nameOf(toTags(g.Tags)), state: g.State ?? 'available', attachments: toAttachments(g.VpcAttachments) };
}

/** The internet gateway kind of discovery. */
export const INTERNET_GATEWAY_DISCOVERY = discoveryKind({
  actions: { DescribeInternetGateways: 1000 },
  optional: true,
  scan: (ec2, fetch) =>
    fetch('DescribeInternetGateways', (page, abortSignal) => ec2.send(new DescribeInternetGatewaysCommand(page), { abortSignal }), (o) => o.InternetGateways),
  translate: (g: AwsInternetGateway, seen) => toInternetGateway(g, seen),
  merge: mergeRegional<InternetGateway>,
  carry: carryRegional<InternetGateway>,
});

/** The egress-only internet gateway kind of discovery (pages of at most 255). */
export const EGRESS_ONLY_INTERNET_GATEWAY_DISCOVERY = discoveryKind({
  actions: { DescribeEgressOnlyInternetGateways: 255 },
  optional: true,
  scan: (ec2, fetch) =>
    fetch(
      'DescribeEgressOnlyInternetGateways',
      (page, abortSignal) => ec2.send(new DescribeEgressOnlyInternetGatewaysCommand(page), { abortSignal }),
      (o) => o.EgressOnlyInternetGateways,
    ),
  translate: (g: AwsEgressOnlyInternetGateway, seen) => toEgressOnlyInternetGateway(g, seen),
  merge: mergeRegional<EgressOnlyInternetGateway>,
  carry: carryRegional<EgressOnlyInternetGateway>,
});

/** The NAT gateway kind of discovery. */
export const NAT_GATEWAY_DISCOVERY = discoveryKind({
  actions: { DescribeNatGateways: 1000 },
  optional: true,
  scan: (ec2, fetch) => fetch('DescribeNatGateways', (page, abortSignal) => ec2.send(new DescribeNatGatewaysCommand(page), { abortSignal }), (o) => o.NatGateways),
  translate: (g: AwsNatGateway, seen) => toNatGateway(g, seen),
  merge: mergeRegional<NatGateway>,
  carry: carryRegional<NatGateway>,
});

/**
 * The virtual private gateway kind of discovery. DescribeVpnGateways is not paginated (it takes
 * no MaxResults): one call returns every gateway, so the page size below is never sent.
 */
export const VPN_GATEWAY_DISCOVERY = discoveryKind({
  actions: { DescribeVpnGateways: 1000 },
  optional: true,
  scan: (ec2, fetch) =>
    fetch(
      'DescribeVpnGateways',
      async (_page, abortSignal): Promise<{ NextToken?: undefined; VpnGateways?: AwsVpnGateway[] | undefined }> => ec2.send(new DescribeVpnGatewaysCommand({}), { abortSignal }),
      (o) => o.VpnGateways,
    ),
  translate: (g: AwsVpnGateway, seen) => toVpnGateway(g, seen),
  merge: mergeRegional<VpnGateway>,
  carry: carryRegional<VpnGateway>,
});
