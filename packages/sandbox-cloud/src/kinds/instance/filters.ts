/** The filters DescribeInstances and DescribeInstanceStatus accept (besides `tag:<key>`, `tag-key`
 * and `tag-value`): every name the API reference lists. What the sandbox does not model (public
 * addresses, block devices, Elastic IPs, capacity reservations, IAM profiles, placement groups,
 * events …) has no value, so its filters match nothing; what it answers with a fixed value (see
 * `render.ts`) matches that value. */
import type { FilterSpec, FilterValue } from '../../ec2/common';
import type { World } from '../../state/world';
import { interfaceStatus, macAddressOf, privateDnsName, type NetworkInterfaceRec } from '../network-interface/records';
import { STATE_CODES, type InstanceRec } from './records';
import { instanceAddress, instanceDnsName, instanceGroupIds, interfacesOf } from './render';

const none = (): undefined => undefined;

/** Filters on an instance's interfaces (`network-interface.*`). */
function interfaceFilters(world: World): FilterSpec<InstanceRec> {
  const each = (fn: (n: NetworkInterfaceRec) => FilterValue) => (i: InstanceRec) => interfacesOf(world, i).flatMap((n) => [fn(n)].flat());
  const groupName = (id: string): string | undefined => {
    const r = world.byId.get(id);
    return r?.kind === 'securityGroup' ? r.rec.name : undefined;
  };
  return {
    'network-interface.addresses.primary': each((n) => n.privateIpAddresses.map((a) => a.primary)),
    'network-interface.addresses.private-dns-name': each((n) => n.privateIpAddresses.map((a) => privateDnsName(n.region, a.address))),
    'network-interface.addresses.private-ip-address': each((n) => n.privateIpAddresses.map((a) => a.address)),
    'network-interface.attachment.attach-time': each((n) => (n.attachment ? new Date(n.attachment.attachTime).toISOString() : undefined)),
    'network-interface.attachment.attachment-id': each((n) => n.attachment?.attachmentId),
    'network-interface.attachment.delete-on-termination': each((n) => n.attachment?.deleteOnTermination),
    'network-interface.attachment.device-index': each((n) => n.attachment?.deviceIndex),
    'network-interface.attachment.instance-id': each((n) => n.attachment?.instanceId),
    'network-interface.attachment.instance-owner-id': each((n) => n.attachment?.instanceOwnerId),
    'network-interface.attachment.network-card-index': each((n) => (n.attachment ? 0 : undefined)),
    'network-interface.attachment.status': each((n) => (n.attachment ? 'attached' : undefined)),
    'network-interface.availability-zone': each((n) => n.availabilityZone),
    'network-interface.deny-all-igw-traffic': each(() => false),
    'network-interface.description': each((n) => n.description),
    'network-interface.group-id': each((n) => n.groupIds),
    'network-interface.group-name': each((n) => n.groupIds.map(groupName)),
    'network-interface.ipv6-address': each((n) => n.ipv6Addresses),
    'network-interface.ipv6-addresses.ipv6-address': each((n) => n.ipv6Addresses),
    'network-interface.ipv6-addresses.is-primary-ipv6': each((n) => n.ipv6Addresses.map(() => false)),
    'network-interface.ipv6-native': each((n) => n.privateIpAddresses.length === 0),
    'network-interface.mac-address': each((n) => macAddressOf(n.id)),
    'network-interface.network-interface-id': each((n) => n.id),
    'network-interface.operator.managed': each(() => false),
    'network-interface.owner-id': each((n) => n.ownerId),
    'network-interface.private-dns-name': each((n) => n.privateIpAddresses.filter((a) => a.primary).map((a) => privateDnsName(n.region, a.address))),
    'network-interface.private-ip-address': each((n) => n.privateIpAddresses.map((a) => a.address)),
    'network-interface.requester-managed': each(() => false),
    'network-interface.status': each((n) => interfaceStatus(n)),
    'network-interface.source-dest-check': each((n) => n.sourceDestCheck),
    'network-interface.subnet-id': each((n) => n.subnetId),
    'network-interface.tag-key': each((n) => Object.keys(n.tags)),
    'network-interface.tag-value': each((n) => Object.values(n.tags)),
    'network-interface.vpc-id': each((n) => n.vpcId),
  };
}

/** Names the API reference lists whose values the sandbox does not model. */
const UNMODELLED = [
  'affinity',
  'block-device-mapping.attach-time',
  'block-device-mapping.delete-on-termination',
  'block-device-mapping.device-name',
  'block-device-mapping.status',
  'block-device-mapping.volume-id',
  'boot-mode',
  'capacity-reservation-id',
  'capacity-reservation-specification.capacity-reservation-target.capacity-reservation-id',
  'capacity-reservation-specification.capacity-reservation-target.capacity-reservation-resource-group-arn',
  'current-instance-boot-mode',
  'host-id',
  'iam-instance-profile.arn',
  'iam-instance-profile.id',
  'instance-lifecycle',
  'ip-address',
  'kernel-id',
  'key-name',
  'network-interface.addresses.association.allocation-id',
  'network-interface.addresses.association.association-id',
  'network-interface.addresses.association.carrier-ip',
  'network-interface.addresses.association.customer-owned-ip',
  'network-interface.addresses.association.ip-owner-id',
  'network-interface.addresses.association.public-dns-name',
  'network-interface.addresses.association.public-ip',
  'network-interface.association.allocation-id',
  'network-interface.association.association-id',
  'network-interface.association.carrier-ip',
  'network-interface.association.customer-owned-ip',
  'network-interface.association.ip-owner-id',
  'network-interface.association.public-dns-name',
  'network-interface.association.public-ip',
  'network-interface.ipv4-prefixes.ipv4-prefix',
  'network-interface.ipv6-prefixes.ipv6-prefix',
  'network-interface.operator.principal',
  'network-interface.outpost-arn',
  'network-interface.public-dns-name',
  'network-interface.requester-id',
  'network-performance-options.bandwidth-weighting',
  'operator.principal',
  'outpost-arn',
  'placement-group-name',
  'placement-partition-number',
  'platform',
  'product-code',
  'product-code.type',
  'ramdisk-id',
  'requester-id',
  'spot-instance-request-id',
  'tpm-support',
] as const;

/** DescribeInstances' filters, with interfaces and group names read from `world`. */
export function instanceFilters(world: World): FilterSpec<InstanceRec> {
  const spec: Record<string, (i: InstanceRec) => FilterValue> = {
    ...interfaceFilters(world),
    architecture: () => 'x86_64',
    'availability-zone': (i) => i.availabilityZone,
    'availability-zone-id': (i) => i.availabilityZoneId,
    'capacity-reservation-specification.capacity-reservation-preference': () => 'open',
    'client-token': (i) => i.clientToken,
    'dns-name': () => '',
    'ebs-optimized': () => false,
    'ena-support': () => true,
    'enclave-options.enabled': () => false,
    'hibernation-options.configured': () => false,
    hypervisor: () => 'xen',
    'image-id': (i) => i.imageId,
    'instance-id': (i) => i.id,
    'instance-state-code': (i) => STATE_CODES[i.state],
    'instance-state-name': (i) => i.state,
    'instance-type': (i) => i.instanceType,
    'instance.group-id': (i) => instanceGroupIds(world, i),
    'instance.group-name': (i) =>
      instanceGroupIds(world, i).map((id) => {
        const r = world.byId.get(id);
        return r?.kind === 'securityGroup' ? r.rec.name : undefined;
      }),
    'ipv6-address': (i) => interfacesOf(world, i).flatMap((n) => n.ipv6Addresses),
    'launch-index': (i) => i.amiLaunchIndex,
    'launch-time': (i) => new Date(i.launchTime).toISOString(),
    'maintenance-options.auto-recovery': () => 'default',
    'metadata-options.http-endpoint': () => 'enabled',
    'metadata-options.http-protocol-ipv4': () => 'enabled',
    'metadata-options.http-protocol-ipv6': () => 'disabled',
    'metadata-options.http-put-response-hop-limit': () => 2,
    'metadata-options.http-tokens': () => 'required',
    'metadata-options.instance-metadata-tags': () => 'disabled',
    'metadata-options.state': () => 'applied',
    'monitoring-state': () => 'disabled',
    'operator.managed': () => false,
    'owner-id': (i) => i.ownerId,
    'platform-details': () => 'Linux/UNIX',
    'private-dns-name': (i) => instanceDnsName(world, i),
    'private-dns-name-options.enable-resource-name-dns-a-record': () => false,
    'private-dns-name-options.enable-resource-name-dns-aaaa-record': () => false,
    'private-dns-name-options.hostname-type': (i) => (instanceAddress(world, i) || i.state === 'terminated' ? 'ip-name' : 'resource-name'),
    'private-ip-address': (i) => instanceAddress(world, i),
    reason: (i) => i.stateTransitionReason,
    'reservation-id': (i) => i.reservationId,
    'root-device-name': () => '/dev/xvda',
    'root-device-type': () => 'ebs',
    'source-dest-check': (i) => interfacesOf(world, i)[0]?.sourceDestCheck,
    'state-reason-code': (i) => i.stateReason?.code,
    'state-reason-message': (i) => i.stateReason?.message,
    'subnet-id': (i) => (i.state === 'terminated' ? undefined : i.subnetId),
    tenancy: () => 'default',
    'usage-operation': () => 'RunInstances',
    'usage-operation-update-time': (i) => new Date(i.launchTime).toISOString(),
    'virtualization-type': () => 'hvm',
    'vpc-id': (i) => (i.state === 'terminated' ? undefined : i.vpcId),
  };
  for (const name of UNMODELLED) spec[name] = none;
  return spec;
}

/** DescribeInstanceStatus' filters: the instance's zone and state, and its (always passing) checks. */
export const INSTANCE_STATUS_FILTERS: FilterSpec<InstanceRec> = {
  'availability-zone': (i) => i.availabilityZone,
  'availability-zone-id': (i) => i.availabilityZoneId,
  'event.code': none,
  'event.description': none,
  'event.instance-event-id': none,
  'event.not-after': none,
  'event.not-before': none,
  'event.not-before-deadline': none,
  'instance-state-code': (i) => STATE_CODES[i.state],
  'instance-state-name': (i) => i.state,
  'instance-status.reachability': (i) => (i.state === 'running' ? 'passed' : undefined),
  'instance-status.status': (i) => (i.state === 'running' ? 'ok' : 'not-applicable'),
  'operator.managed': () => false,
  'operator.principal': none,
  'system-status.reachability': (i) => (i.state === 'running' ? 'passed' : undefined),
  'system-status.status': (i) => (i.state === 'running' ? 'ok' : 'not-applicable'),
  'attached-ebs-status.status': none,
};
