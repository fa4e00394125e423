/** The wire form of an instance, with AWS's answers for what the sandbox does not model (an
 * x86_64 HVM Linux instance on EBS with no block devices, no public address, IMDSv2, one network
 * card). A terminated instance keeps no network interfaces, so it shows no subnet, VPC, address
 * or groups, as AWS shows it. */
import type { GroupIdentifier, Instance, InstanceState } from '@aws-sdk/client-ec2';

import { tagList } from '../../ec2/common';
import type { World } from '../../state/world';
import { primaryAddress, privateDnsName, type NetworkInterfaceRec } from '../network-interface/records';
import { groupIdentifiers, renderInstanceInterface } from '../network-interface/render';
import { STATE_CODES, type InstanceRec, type InstanceStateName } from './records';

/** A state as the wire names it. */
export function instanceState(name: InstanceStateName): InstanceState {
  return { Code: STATE_CODES[name], Name: name };
}

/** The instance's attached interfaces, in device index order. */
export function interfacesOf(world: World, i: InstanceRec): NetworkInterfaceRec[] {
  const out: NetworkInterfaceRec[] = [];
  for (const id of i.networkInterfaceIds) {
    const r = world.byId.get(id);
    if (r?.kind === 'networkInterface') out.push(r.rec);
  }
  return out;
}

/** The instance's security groups: those of its interfaces, each once. */
export function instanceGroupIds(world: World, i: InstanceRec): string[] {
  return [...new Set(interfacesOf(world, i).flatMap((n) => n.groupIds))];
}

/** The instance's primary private IPv4 address (its primary interface's), if it has one. */
export function instanceAddress(world: World, i: InstanceRec): string | undefined {
  const primary = interfacesOf(world, i)[0];
  return primary ? primaryAddress(primary) : undefined;
}

/** The instance's private DNS name: from its address, or from its id in an IPv6-only subnet. */
export function instanceDnsName(world: World, i: InstanceRec): string {
  if (i.state === 'terminated') return '';
  const address = instanceAddress(world, i);
  if (address) return privateDnsName(i.region, address);
  return i.region === 'us-east-1' ? `${i.id}.ec2.internal` : `${i.id}.${i.region}.compute.internal`;
}

/** The wire form; `shown` is the state a call that changes it answers with (`pending` …). */
export function renderInstance(world: World, i: InstanceRec, shown: InstanceStateName = i.state): Instance {
  const nics = interfacesOf(world, i);
  const primary = nics[0];
  const address = primary ? primaryAddress(primary) : undefined;
  const groups: GroupIdentifier[] = groupIdentifiers(world, instanceGroupIds(world, i));
  const live = i.state !== 'terminated';
  return {
    AmiLaunchIndex: i.amiLaunchIndex,
    ImageId: i.imageId,
    InstanceId: i.id,
    InstanceType: i.instanceType as Instance['InstanceType'],
    LaunchTime: new Date(i.launchTime),
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: i.availabilityZone, AvailabilityZoneId: i.availabilityZoneId, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: instanceDnsName(world, i),
    ...(live && address ? { PrivateIpAddress: address } : {}),
    ProductCodes: [],
    PublicDnsName: '',
    State: instanceState(shown),
    StateTransitionReason: i.stateTransitionReason,
    ...(live ? { SubnetId: i.subnetId, VpcId: i.vpcId } : {}),
    Architecture: 'x86_64',
    BlockDeviceMappings: [],
    ClientToken: i.clientToken ?? '',
    EbsOptimized: false,
    EnaSupport: true,
    Hypervisor: 'xen',
    NetworkInterfaces: nics.map((n) => renderInstanceInterface(world, n)),
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    SecurityGroups: groups,
    ...(primary ? { SourceDestCheck: primary.sourceDestCheck } : {}),
    ...(i.stateReason ? { StateReason: { Code: i.stateReason.code, Message: i.stateReason.message } } : {}),
    ...(Object.keys(i.tags).length > 0 ? { Tags: tagList(i.tags) } : {}),
    VirtualizationType: 'hvm',
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: false },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    },
    EnclaveOptions: { Enabled: false },
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: new Date(i.launchTime),
    PrivateDnsNameOptions: {
      HostnameType: address || !live ? 'ip-name' : 'resource-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
    MaintenanceOptions: { AutoRecovery: 'default' },
  };
}
