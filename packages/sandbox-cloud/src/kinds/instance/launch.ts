/** What a launch asks for, checked: the interfaces each instance gets (a new one in the subnet
 * named, the default VPC's default subnet, or each `NetworkInterfaces` entry; or an existing
 * interface) with their groups and addresses, and the tags of what it makes. */
import type { InstanceNetworkInterfaceSpecification, RunInstancesRequest, TagSpecification } from '@aws-sdk/client-ec2';

import { byId, tagsFromSpecs } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, invalidCombination, invalidValue, missingParameter } from '../../errors';
import type { TagMap } from '../../state/records';
import type { NetworkInterfaceRec } from '../network-interface/records';
import { interfaceGroups, requireNetworkInterface, type AddressRequest } from '../network-interface/store';
import type { SubnetRec } from '../subnet/records';
import { requireSubnet } from '../subnet/store';

/** One interface every launched instance gets: a new one in a subnet, or an existing one. */
export type InterfacePlan =
  | {
      readonly kind: 'new';
      readonly deviceIndex: number;
      readonly subnet: SubnetRec;
      readonly groupIds: readonly string[];
      readonly addresses: AddressRequest;
      readonly description: string;
      readonly deleteOnTermination: boolean;
    }
  | { readonly kind: 'existing'; readonly deviceIndex: number; readonly nic: NetworkInterfaceRec; readonly deleteOnTermination: boolean };

function addressRequest(spec: {
  PrivateIpAddress?: string | undefined;
  PrivateIpAddresses?: { PrivateIpAddress?: string | undefined; Primary?: boolean | undefined }[] | undefined;
  SecondaryPrivateIpAddressCount?: number | undefined;
  Ipv6Addresses?: { Ipv6Address?: string | undefined }[] | undefined;
  Ipv6AddressCount?: number | undefined;
}): AddressRequest {
  return {
    ...(spec.PrivateIpAddress !== undefined ? { privateIpAddress: spec.PrivateIpAddress } : {}),
    ...(spec.PrivateIpAddresses?.length
      ? { privateIpAddresses: spec.PrivateIpAddresses.map((a) => ({ address: a.PrivateIpAddress ?? '', primary: Boolean(a.Primary) })) }
      : {}),
    ...(spec.SecondaryPrivateIpAddressCount !== undefined ? { secondaryCount: spec.SecondaryPrivateIpAddressCount } : {}),
    ...(spec.Ipv6Addresses?.length ? { ipv6Addresses: spec.Ipv6Addresses.map((a) => a.Ipv6Address ?? '') } : {}),
    ...(spec.Ipv6AddressCount !== undefined ? { ipv6Count: spec.Ipv6AddressCount } : {}),
  };
}

/** True when the request names addresses (which only one instance can have). */
function namesAddresses(r: AddressRequest): boolean {
  return r.privateIpAddress !== undefined || Boolean(r.privateIpAddresses?.length) || Boolean(r.ipv6Addresses?.length);
}

/** The subnet of a launch that names none: the default VPC's default subnet (in the zone asked for). */
function defaultSubnet(ctx: CallContext, zone: string | undefined): SubnetRec {
  const vpc = [...ctx.cell.table('vpc').values()].find((v) => v.isDefault);
  if (!vpc) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.');
  const subnets = byId([...ctx.cell.table('subnet').values()].filter((s) => s.vpcId === vpc.id && s.defaultForAz));
  const s = zone ? subnets.find((x) => x.availabilityZone === zone) : subnets.sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone))[0];
  if (!s) throw new AwsError('MissingInput', `No default subnet for availability zone: '${zone ?? ''}'.`);
  return s;
}

/** Security group names (the default VPC only, as AWS takes them) to ids. */
function groupIdsByName(ctx: CallContext, subnet: SubnetRec, names: readonly string[]): string[] {
  return names.map((name) => {
    const g = [...ctx.cell.table('securityGroup').values()].find((x) => x.vpcId === subnet.vpcId && x.name === name);
    if (!g) throw new AwsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in VPC '${subnet.vpcId}'`);
    return g.id;
  });
}

/** The interfaces each instance of the launch gets, checked. */
export function interfacePlans(ctx: CallContext, input: RunInstancesRequest, count: number): InterfacePlan[] {
  const nics = input.NetworkInterfaces ?? [];
  const instanceAddresses = addressRequest(input);
  if (nics.length > 0) {
    const clash = (what: string): AwsError => invalidCombination(`Network interfaces and an instance-level ${what} may not be specified on the same request`);
    if (input.SubnetId) throw clash('subnet ID');
    if (input.SecurityGroupIds?.length || input.SecurityGroups?.length) throw clash('security groups');
    if (input.PrivateIpAddress !== undefined) throw clash('private IP address');
    if (input.Ipv6AddressCount !== undefined || input.Ipv6Addresses?.length) throw clash('IPv6 addresses');
    return nicPlans(ctx, nics, count);
  }
  if (count > 1 && namesAddresses(instanceAddresses)) {
    throw new AwsError('InvalidParameterValue', 'Addresses can be named only for a launch of one instance: set MaxCount to 1, or let AWS pick them.');
  }
  const subnet = input.SubnetId ? requireSubnet(ctx, input.SubnetId) : defaultSubnet(ctx, input.Placement?.AvailabilityZone);
  if (input.SecurityGroups?.length && input.SubnetId) {
    throw invalidCombination('The parameter groupName cannot be used with the parameter subnet');
  }
  const groupIds = input.SecurityGroups?.length
    ? [...interfaceGroups(ctx, subnet, input.SecurityGroupIds), ...groupIdsByName(ctx, subnet, input.SecurityGroups)].filter((g, i, all) => all.indexOf(g) === i)
    : interfaceGroups(ctx, subnet, input.SecurityGroupIds);
  return [{ kind: 'new', deviceIndex: 0, subnet, groupIds, addresses: instanceAddresses, description: '', deleteOnTermination: true }];
}

/** `NetworkInterfaces` of a launch: one at device index 0, each index once, all in one VPC and zone. */
function nicPlans(ctx: CallContext, nics: readonly InstanceNetworkInterfaceSpecification[], count: number): InterfacePlan[] {
  const plans = nics.map((spec, k): InterfacePlan => {
    if (spec.DeviceIndex === undefined) throw missingParameter(`NetworkInterface.${k + 1}.DeviceIndex`);
    if ((spec.NetworkCardIndex ?? 0) !== 0) throw invalidValue('networkCardIndex', spec.NetworkCardIndex, "The sandbox's instances have one network card, index 0.");
    if (spec.NetworkInterfaceId) {
      if (spec.SubnetId || spec.Groups?.length || namesAddresses(addressRequest(spec)) || spec.SecondaryPrivateIpAddressCount !== undefined || spec.Ipv6AddressCount !== undefined) {
        throw invalidCombination(`NetworkInterface.${k + 1} names an existing interface (${spec.NetworkInterfaceId}) and settings for a new one; give one or the other.`);
      }
      const nic = requireNetworkInterface(ctx, spec.NetworkInterfaceId, `NetworkInterface.${k + 1}.NetworkInterfaceId`);
      if (nic.attachment) throw new AwsError('InvalidNetworkInterface.InUse', `Interface: [${nic.id}] in use.`);
      if (count > 1) throw new AwsError('InvalidParameterValue', `An existing interface (${nic.id}) can be given only for a launch of one instance: set MaxCount to 1.`);
      return { kind: 'existing', deviceIndex: spec.DeviceIndex, nic, deleteOnTermination: spec.DeleteOnTermination ?? false };
    }
    if (!spec.SubnetId) throw missingParameter(`NetworkInterface.${k + 1}.SubnetId`);
    const subnet = requireSubnet(ctx, spec.SubnetId);
    const addresses = addressRequest(spec);
    if (count > 1 && namesAddresses(addresses)) {
      throw new AwsError('InvalidParameterValue', 'Addresses can be named only for a launch of one instance: set MaxCount to 1, or let AWS pick them.');
    }
    return {
      kind: 'new',
      deviceIndex: spec.DeviceIndex,
      subnet,
      groupIds: interfaceGroups(ctx, subnet, spec.Groups),
      addresses,
      description: spec.Description ?? '',
      deleteOnTermination: spec.DeleteOnTermination ?? true,
    };
  });
  const indexes = plans.map((p) => p.deviceIndex);
  if (!indexes.includes(0)) throw new AwsError('InvalidParameterValue', 'Each launch needs a network interface at device index 0 (the primary interface).');
  const twice = indexes.find((d, i) => indexes.indexOf(d) !== i);
  if (twice !== undefined) throw new AwsError('InvalidParameterValue', `Two network interfaces have device index ${twice}; give each its own.`);
  plans.sort((a, b) => a.deviceIndex - b.deviceIndex);
  const where = (p: InterfacePlan) => (p.kind === 'new' ? { vpc: p.subnet.vpcId, zone: p.subnet.availabilityZone } : { vpc: p.nic.vpcId, zone: p.nic.availabilityZone });
  const primary = where(plans[0] as InterfacePlan);
  for (const p of plans) {
    const w = where(p);
    if (w.vpc !== primary.vpc || w.zone !== primary.zone) {
      throw new AwsError('InvalidParameterValue', `The network interfaces of an instance must be in one VPC and Availability Zone (${primary.vpc}, ${primary.zone}).`);
    }
  }
  return plans;
}

/** Tags of the instances and of the interfaces a launch makes (volumes are not modelled). */
export function launchTags(specs: readonly TagSpecification[] | undefined): { instance: TagMap; nic: TagMap } {
  const of = (type: string) => (specs ?? []).filter((s) => s.ResourceType === type);
  const other = (specs ?? []).filter((s) => !['instance', 'network-interface', 'volume'].includes(s.ResourceType ?? ''));
  return { instance: tagsFromSpecs([...of('instance'), ...other], 'instance'), nic: tagsFromSpecs(of('network-interface'), 'network-interface') };
}
