/** Network interfaces in discovery: DescribeNetworkInterfaces, each with its type, addresses
 * (the primary first), groups and attachment. */
import { DescribeNetworkInterfacesCommand, type NetworkInterface as AwsNetworkInterface } from '@aws-sdk/client-ec2';

import type { SecurityGroupId, SubnetId, VpcId } from '../../../shared/model/ids';
import type { NetworkInterface, NetworkInterfaceId } from '../../../shared/model/topology';
import { nameOf, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

/** Translate one interface; one without a subnet or VPC (none in a VPC account) is left out. */
export function toNetworkInterface(n: AwsNetworkInterface, seen: { accountId: string; region: string }): NetworkInterface | undefined {
  if (!n.NetworkInterfaceId?.startsWith('eni-') || !n.VpcId?.startsWith('vpc-') || !n.SubnetId?.startsWith('subnet-')) return undefined;
  const addresses = n.PrivateIpAddresses ?? [];
  const primary = addresses.find((a) => a.Primary)?.PrivateIpAddress ?? n.PrivateIpAddress;
  const others = addresses.flatMap((a) => (a.PrivateIpAddress && a.PrivateIpAddress !== primary ? [a.PrivateIpAddress] : []));
  const a = n.Attachment;
  return {
    id: n.NetworkInterfaceId as NetworkInterfaceId,
    vpcId: n.VpcId as VpcId,
    subnetId: n.SubnetId as SubnetId,
    accountId: n.OwnerId ?? seen.accountId,
    region: seen.region,
    ...nameOf(toTags(n.TagSet)),
    interfaceType: n.InterfaceType ?? 'interface',
    description: n.Description ?? '',
    status: n.Status ?? 'available',
    privateIpAddresses: primary ? [primary, ...others] : others,
    ipv6Addresses: (n.Ipv6Addresses ?? []).flatMap((x) => (x.Ipv6Address ? [x.Ipv6Address.toLowerCase()] : [])),
    securityGroupIds: (n.Groups ?? []).flatMap((g) => (g.GroupId?.startsWith('sg-') ? [g.GroupId as SecurityGroupId] : [])).sort(),
    ...(a
      ? {
          attachment: {
            ...(a.InstanceId ? { instanceId: a.InstanceId } : {}),
            ...(a.DeviceIndex !== undefined ? { deviceIndex: a.DeviceIndex } : {}),
            status: a.Status ?? 'attached',
          },
        }
      : {}),
    requesterManaged: n.RequesterManaged ?? false,
  };
}

/** The network interface kind of discovery. */
export const NETWORK_INTERFACE_DISCOVERY = discoveryKind({
  actions: { DescribeNetworkInterfaces: 1000 },
  optional: true,
  scan: (ec2, fetch) =>
    fetch('DescribeNetworkInterfaces', (page, abortSignal) => ec2.send(new DescribeNetworkInterfacesCommand(page), { abortSignal }), (o) => o.NetworkInterfaces),
  translate: (n: AwsNetworkInterface, seen) => toNetworkInterface(n, seen),
  merge: mergeRegional<NetworkInterface>,
  carry: carryRegional<NetworkInterface>,
});
