/** The wire forms of a network interface: on its own (DescribeNetworkInterfaces) and as a part of
 * the instance it is attached to (DescribeInstances). */
import type { GroupIdentifier, InstanceNetworkInterface, NetworkInterface } from '@aws-sdk/client-ec2';

import { tagList } from '../../ec2/common';
import type { World } from '../../state/world';
import { interfaceStatus, macAddressOf, primaryAddress, privateDnsName, type NetworkInterfaceRec } from './records';

/** The interface's groups with their names. */
export function groupIdentifiers(world: World, groupIds: readonly string[]): GroupIdentifier[] {
  return groupIds.map((id) => {
    const r = world.byId.get(id);
    return { GroupId: id, ...(r?.kind === 'securityGroup' ? { GroupName: r.rec.name } : {}) };
  });
}

function dnsOf(n: NetworkInterfaceRec, address: string | undefined): { PrivateDnsName?: string } {
  return address ? { PrivateDnsName: privateDnsName(n.region, address) } : {};
}

/** What both forms of an interface's attachment say. */
function attachmentFields(a: NonNullable<NetworkInterfaceRec['attachment']>) {
  return {
    AttachTime: new Date(a.attachTime),
    AttachmentId: a.attachmentId,
    DeleteOnTermination: a.deleteOnTermination,
    DeviceIndex: a.deviceIndex,
    NetworkCardIndex: 0,
    Status: 'attached' as const,
  };
}

/** DescribeNetworkInterfaces' form. */
export function renderNetworkInterface(world: World, n: NetworkInterfaceRec): NetworkInterface {
  const primary = primaryAddress(n);
  const a = n.attachment;
  return {
    ...(a
      ? {
          Attachment: {
            ...attachmentFields(a),
            ...(a.instanceId ? { InstanceId: a.instanceId } : {}),
            InstanceOwnerId: a.instanceOwnerId,
          },
        }
      : {}),
    AvailabilityZone: n.availabilityZone,
    AvailabilityZoneId: n.availabilityZoneId,
    Description: n.description,
    Groups: groupIdentifiers(world, n.groupIds),
    InterfaceType: n.interfaceType as NetworkInterface['InterfaceType'],
    Ipv6Addresses: n.ipv6Addresses.map((Ipv6Address) => ({ Ipv6Address, IsPrimaryIpv6: false })),
    MacAddress: macAddressOf(n.id),
    NetworkInterfaceId: n.id,
    OwnerId: n.ownerId,
    ...dnsOf(n, primary),
    ...(primary ? { PrivateIpAddress: primary } : {}),
    PrivateIpAddresses: n.privateIpAddresses.map((p) => ({ Primary: p.primary, PrivateIpAddress: p.address, ...dnsOf(n, p.address) })),
    ...(n.managed?.requesterId ? { RequesterId: n.managed.requesterId } : {}),
    RequesterManaged: n.managed !== undefined,
    SourceDestCheck: n.sourceDestCheck,
    Status: interfaceStatus(n),
    SubnetId: n.subnetId,
    TagSet: tagList(n.tags),
    VpcId: n.vpcId,
    Ipv6Native: primary === undefined,
  };
}

/** DescribeInstances' form of an attached interface. */
export function renderInstanceInterface(world: World, n: NetworkInterfaceRec): InstanceNetworkInterface {
  const primary = primaryAddress(n);
  const a = n.attachment;
  return {
    ...(a
      ? {
          Attachment: attachmentFields(a),
        }
      : {}),
    Description: n.description,
    Groups: groupIdentifiers(world, n.groupIds),
    Ipv6Addresses: n.ipv6Addresses.map((Ipv6Address) => ({ Ipv6Address, IsPrimaryIpv6: false })),
    MacAddress: macAddressOf(n.id),
    NetworkInterfaceId: n.id,
    OwnerId: n.ownerId,
    ...dnsOf(n, primary),
    ...(primary ? { PrivateIpAddress: primary } : {}),
    PrivateIpAddresses: n.privateIpAddresses.map((p) => ({ Primary: p.primary, PrivateIpAddress: p.address, ...dnsOf(n, p.address) })),
    SourceDestCheck: n.sourceDestCheck,
    Status: interfaceStatus(n),
    SubnetId: n.subnetId,
    VpcId: n.vpcId,
    InterfaceType: n.interfaceType,
  };
}
