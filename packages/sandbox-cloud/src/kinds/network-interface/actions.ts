/** Network interface actions: Create/Delete/DescribeNetworkInterfaces,
 * ModifyNetworkInterfaceAttribute, Attach/DetachNetworkInterface; and an interface's hold on its
 * subnet and its security groups.
 *
 * From the EC2 API reference of these actions and "Elastic network interfaces" (EC2 user guide):
 * an interface lives in one subnet, with a primary private IPv4 address (given, or the subnet's
 * next free one), optional secondary IPv4 and IPv6 addresses, and one to five security groups of
 * its VPC (the VPC's default group when none is named); it attaches to an instance of its VPC in
 * the same Availability Zone, at a free device index; the primary interface (device index 0)
 * cannot be detached; an attached interface cannot be deleted; its attributes change one per
 * call.
 */
import type {
  AttachNetworkInterfaceRequest,
  AttachNetworkInterfaceResult,
  CreateNetworkInterfaceRequest,
  CreateNetworkInterfaceResult,
  DeleteNetworkInterfaceRequest,
  DescribeNetworkInterfacesRequest,
  DescribeNetworkInterfacesResult,
  DetachNetworkInterfaceRequest,
  ModifyNetworkInterfaceAttributeRequest,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagsFromSpecs } from '../../ec2/common';
import type { CallContext, SecurityGroupDeleteHook, SubnetDeleteHook } from '../../ec2/context';
import { AwsError, invalidCombination, missingParameter } from '../../errors';
import { requireInstance } from '../instance/store';
import { requireSubnet } from '../subnet/store';
import { INTERFACE_FILTERS } from './filters';
import { NETWORK_INTERFACE_IDS } from './records';
import { renderNetworkInterface } from './render';
import { attachInterface, interfaceGroups, planAddresses, removeInterface, requireNetworkInterface, storeInterface } from './store';

/** At most five security groups per interface ("Amazon VPC quotas", default). */
const GROUPS_PER_INTERFACE = 5;

/** CreateNetworkInterface. */
export function createNetworkInterface(ctx: CallContext, input: CreateNetworkInterfaceRequest): CreateNetworkInterfaceResult {
  const subnet = requireSubnet(ctx, input.SubnetId);
  if (input.Ipv4Prefixes?.length || input.Ipv4PrefixCount !== undefined || input.Ipv6Prefixes?.length || input.Ipv6PrefixCount !== undefined) {
    throw new AwsError('InvalidParameterValue', 'Prefix delegation (Ipv4Prefixes, Ipv6Prefixes) is not modelled by the sandbox cloud.');
  }
  const groupIds = interfaceGroups(ctx, subnet, input.Groups);
  if (groupIds.length > GROUPS_PER_INTERFACE) {
    throw new AwsError('SecurityGroupsPerInterfaceLimitExceeded', `The maximum number of security groups per interface (${GROUPS_PER_INTERFACE}) has been reached.`);
  }
  const addresses = planAddresses(
    ctx.world,
    subnet,
    {
      ...(input.PrivateIpAddress !== undefined ? { privateIpAddress: input.PrivateIpAddress } : {}),
      ...(input.PrivateIpAddresses?.length
        ? { privateIpAddresses: input.PrivateIpAddresses.map((a) => ({ address: a.PrivateIpAddress ?? '', primary: Boolean(a.Primary) })) }
        : {}),
      ...(input.SecondaryPrivateIpAddressCount !== undefined ? { secondaryCount: input.SecondaryPrivateIpAddressCount } : {}),
      ...(input.Ipv6Addresses?.length ? { ipv6Addresses: input.Ipv6Addresses.map((a) => a.Ipv6Address ?? '') } : {}),
      ...(input.Ipv6AddressCount !== undefined ? { ipv6Count: input.Ipv6AddressCount } : {}),
    },
    'interface',
    new Set(),
  );
  const tags = tagsFromSpecs(input.TagSpecifications, 'network-interface');
  checkDryRun(input);
  const n = storeInterface(ctx, subnet, addresses, { description: input.Description ?? '', interfaceType: input.InterfaceType ?? 'interface', groupIds, tags });
  return { NetworkInterface: renderNetworkInterface(ctx.world, n), ...(input.ClientToken ? { ClientToken: input.ClientToken } : {}) };
}

/** DeleteNetworkInterface: never while attached. */
export function deleteNetworkInterface(ctx: CallContext, input: DeleteNetworkInterfaceRequest): void {
  const n = requireNetworkInterface(ctx, input.NetworkInterfaceId);
  if (n.attachment) throw new AwsError('InvalidParameterValue', `Network interface '${n.id}' is currently in use.`);
  checkDryRun(input);
  removeInterface(ctx.world, n);
}

/** DescribeNetworkInterfaces. */
export function describeNetworkInterfaces(ctx: CallContext, input: DescribeNetworkInterfacesRequest): DescribeNetworkInterfacesResult {
  const table = ctx.cell.table('networkInterface');
  const base = input.NetworkInterfaceIds?.length ? pickByIds(NETWORK_INTERFACE_IDS, input.NetworkInterfaceIds, (id) => table.get(id)) : table.values();
  const filtered = applyFilters(byId(base), input.Filters, INTERFACE_FILTERS, (n) => n.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (n) => n.id, input.MaxResults, input.NextToken);
  return { NetworkInterfaces: page.map((n) => renderNetworkInterface(ctx.world, n)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** ModifyNetworkInterfaceAttribute: one attribute per call (groups, source/destination check,
 * description, or the attachment's DeleteOnTermination). */
export function modifyNetworkInterfaceAttribute(ctx: CallContext, input: ModifyNetworkInterfaceAttributeRequest): void {
  const n = requireNetworkInterface(ctx, input.NetworkInterfaceId);
  const given = {
    groupSet: input.Groups?.length ? input.Groups : undefined,
    sourceDestCheck: input.SourceDestCheck,
    description: input.Description,
    attachment: input.Attachment,
  };
  const named = Object.entries(given).filter(([, v]) => v !== undefined);
  const unmodelled = ['EnaSrdSpecification', 'EnablePrimaryIpv6', 'ConnectionTrackingSpecification', 'AssociatePublicIpAddress', 'AssociatedSubnetIds'].filter(
    (k) => (input as unknown as Record<string, unknown>)[k] !== undefined,
  );
  if (unmodelled.length > 0) throw new AwsError('InvalidParameterValue', `${unmodelled.join(', ')} is not modelled by the sandbox cloud.`);
  if (named.length === 0) throw new AwsError('MissingParameter', 'The request must contain exactly one attribute to modify.');
  if (named.length > 1) throw invalidCombination(`Fields for multiple attribute types specified: ${named.map(([k]) => k).join(', ')}`);
  const subnet = requireSubnet(ctx, n.subnetId);
  if (given.groupSet) {
    const groupIds = interfaceGroups(ctx, subnet, given.groupSet);
    if (groupIds.length > GROUPS_PER_INTERFACE) {
      throw new AwsError('SecurityGroupsPerInterfaceLimitExceeded', `The maximum number of security groups per interface (${GROUPS_PER_INTERFACE}) has been reached.`);
    }
    checkDryRun(input);
    n.groupIds = groupIds;
    return;
  }
  if (given.sourceDestCheck) {
    if (given.sourceDestCheck.Value === undefined) throw missingParameter('SourceDestCheck.Value');
    checkDryRun(input);
    n.sourceDestCheck = given.sourceDestCheck.Value;
    return;
  }
  if (given.description) {
    checkDryRun(input);
    n.description = given.description.Value ?? '';
    return;
  }
  const a = given.attachment as NonNullable<typeof given.attachment>;
  if (!a.AttachmentId) throw missingParameter('Attachment.AttachmentId');
  if (!n.attachment || n.attachment.attachmentId !== a.AttachmentId) throw attachmentNotFound(a.AttachmentId);
  if (a.DeleteOnTermination === undefined) throw missingParameter('Attachment.DeleteOnTermination');
  checkDryRun(input);
  n.attachment.deleteOnTermination = a.DeleteOnTermination;
}

function attachmentNotFound(id: string): AwsError {
  return new AwsError('InvalidAttachmentID.NotFound', `The network interface attachment ID '${id}' does not exist`);
}

/** AttachNetworkInterface: an interface not attached elsewhere, to a live instance of its VPC and
 * zone, at a device index the instance does not use. */
export function attachNetworkInterface(ctx: CallContext, input: AttachNetworkInterfaceRequest): AttachNetworkInterfaceResult {
  const n = requireNetworkInterface(ctx, input.NetworkInterfaceId);
  const i = requireInstance(ctx, input.InstanceId);
  if (input.DeviceIndex === undefined) throw missingParameter('DeviceIndex');
  if ((input.NetworkCardIndex ?? 0) !== 0) {
    throw new AwsError('InvalidParameterValue', `Value (${input.NetworkCardIndex}) for parameter networkCardIndex is invalid. The sandbox's instances have one network card, index 0.`);
  }
  if (n.attachment) throw new AwsError('InvalidNetworkInterface.InUse', `Interface: [${n.id}] in use.`);
  if (i.state === 'terminated') throw new AwsError('IncorrectInstanceState', `The instance '${i.id}' is not in a valid state for this operation.`);
  if (n.vpcId !== i.vpcId) {
    throw new AwsError('InvalidParameterValue', `Network interface ${n.id} is in ${n.vpcId} and instance ${i.id} in ${i.vpcId}: an interface attaches only to an instance of its VPC.`);
  }
  if (n.availabilityZone !== i.availabilityZone) {
    throw new AwsError('InvalidParameterValue', `Network interface ${n.id} is in ${n.availabilityZone} and instance ${i.id} in ${i.availabilityZone}: an interface attaches only to an instance in its Availability Zone.`);
  }
  const table = ctx.cell.table('networkInterface');
  if (i.networkInterfaceIds.some((id) => table.get(id)?.attachment?.deviceIndex === input.DeviceIndex)) {
    throw new AwsError('InvalidParameterValue', `Instance '${i.id}' already has an interface attached at device index '${input.DeviceIndex}'.`);
  }
  checkDryRun(input);
  const attachmentId = attachInterface(ctx, n, i.id, input.DeviceIndex, false);
  i.networkInterfaceIds.push(n.id);
  i.networkInterfaceIds.sort((a, b) => (table.get(a)?.attachment?.deviceIndex ?? 0) - (table.get(b)?.attachment?.deviceIndex ?? 0));
  return { AttachmentId: attachmentId, NetworkCardIndex: 0 };
}

/** DetachNetworkInterface: never the primary interface (device index 0). */
export function detachNetworkInterface(ctx: CallContext, input: DetachNetworkInterfaceRequest): void {
  if (!input.AttachmentId) throw missingParameter('AttachmentId');
  const n = [...ctx.cell.table('networkInterface').values()].find((x) => x.attachment?.attachmentId === input.AttachmentId);
  if (!n?.attachment) throw attachmentNotFound(input.AttachmentId);
  if (n.managed) {
    const kind = n.attachment.attachmentId.slice(0, n.attachment.attachmentId.lastIndexOf('-'));
    throw new AwsError('OperationNotPermitted', `You are not allowed to manage '${kind}' attachments.`);
  }
  if (n.attachment.deviceIndex === 0) {
    throw new AwsError('OperationNotPermitted', 'The network interface at device index 0 and networkCard index 0 cannot be detached.');
  }
  checkDryRun(input);
  const r = n.attachment.instanceId ? ctx.world.byId.get(n.attachment.instanceId) : undefined;
  if (r?.kind === 'instance') r.rec.networkInterfaceIds = r.rec.networkInterfaceIds.filter((id) => id !== n.id);
  delete n.attachment;
}

/** A subnet's deletion waits for its interfaces. */
export const interfacesOnSubnetDelete: SubnetDeleteHook = {
  refuse: (ctx, s) => {
    for (const n of ctx.cell.table('networkInterface').values()) {
      if (n.subnetId === s.id) return new AwsError('DependencyViolation', `The subnet '${s.id}' has dependencies and cannot be deleted.`);
    }
    return undefined;
  },
};

/** A security group's deletion waits for the interfaces that use it. */
export const interfacesOnSecurityGroupDelete: SecurityGroupDeleteHook = {
  refuse: (ctx, g) => {
    for (const n of ctx.cell.table('networkInterface').values()) {
      if (n.groupIds.includes(g.id)) return new AwsError('DependencyViolation', `resource ${g.id} has a dependent object`);
    }
    return undefined;
  },
};
