/** NAT gateway actions: Create/Delete/DescribeNatGateways.
 *
 * From "NAT gateways" (Amazon VPC user guide) and the EC2 API reference: a NAT gateway lives in
 * one subnet, with a network interface on a private IP of it; a public one also takes an Elastic
 * IP. It is `pending`, then `available`, or `failed` when it cannot work, which AWS reports in
 * `FailureCode`/`FailureMessage` rather than refusing the call (no internet gateway attached to
 * the VPC, an Elastic IP that is in use or not there); DeleteNatGateway makes it `deleting`, then
 * `deleted`, keeps its Elastic IP allocated but unassociated, and leaves routes to it in place. A
 * failed or deleted gateway stays visible for about an hour. A subnet with a NAT gateway cannot
 * be deleted.
 */
import type {
  CreateNatGatewayRequest,
  CreateNatGatewayResult,
  DeleteNatGatewayRequest,
  DeleteNatGatewayResult,
  DescribeNatGatewaysRequest,
  DescribeNatGatewaysResult,
  NatGateway,
} from '@aws-sdk/client-ec2';

import { formatAddress, lastAddress, parseCidr } from '../../cidr';
import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext, SubnetDeleteHook } from '../../ec2/context';
import { AwsError, assertWellFormedId, invalidCombination, invalidValue, missingParameter, notFound } from '../../errors';
import { ADDRESS_IDS } from '../address/records';
import { associateAddress, findAddress, releaseNatAddresses } from '../address/store';
import { internetGatewayOfVpc } from '../internet-gateway/store';
import { addressHeld } from '../network-interface/store';
import type { SubnetRec } from '../subnet/records';
import { requireSubnet } from '../subnet/store';
import { natGatewayFilters } from './filters';
import { addNatInterface, removeNatInterface } from './interface';
import { NAT_GATEWAY_IDS, type NatGatewayAddressRec, type NatGatewayRec, type NatGatewayState } from './records';
import { natGatewayEndedAt, natGatewayState, requireNatGateway, visibleNatGateways } from './store';

const ADDRESS_STATUS: Readonly<Record<NatGatewayState, { public: string; private: string }>> = {
  pending: { public: 'associating', private: 'assigning' },
  available: { public: 'succeeded', private: 'succeeded' },
  failed: { public: 'failed', private: 'failed' },
  deleting: { public: 'disassociating', private: 'unassigning' },
  deleted: { public: 'succeeded', private: 'succeeded' },
};

/** The wire form of a NAT gateway; `fresh` answers CreateNatGateway, which reports `pending`. */
export function renderNatGateway(ctx: CallContext, g: NatGatewayRec, fresh = false): NatGateway {
  const state = fresh ? 'pending' : natGatewayState(ctx.world, g);
  const ended = fresh ? undefined : natGatewayEndedAt(ctx.world, g);
  const status = ADDRESS_STATUS[state][g.connectivityType];
  return {
    CreateTime: new Date(g.createdAt),
    ...(ended !== undefined ? { DeleteTime: new Date(ended) } : {}),
    ...(state === 'failed' && g.failure ? { FailureCode: g.failure.code, FailureMessage: g.failure.message } : {}),
    NatGatewayAddresses: g.addresses.map((a) => ({
      ...(a.allocationId ? { AllocationId: a.allocationId } : {}),
      ...(a.associationId ? { AssociationId: a.associationId } : {}),
      NetworkInterfaceId: a.networkInterfaceId,
      PrivateIp: a.privateIp,
      ...(a.publicIp ? { PublicIp: a.publicIp } : {}),
      IsPrimary: true,
      Status: status as NonNullable<NatGateway['NatGatewayAddresses']>[number]['Status'],
    })),
    NatGatewayId: g.id,
    State: state,
    SubnetId: g.subnetId,
    VpcId: g.vpcId,
    ...(Object.keys(g.tags).length > 0 ? { Tags: tagList(g.tags) } : {}),
    ConnectivityType: g.connectivityType,
  };
}

/** The live NAT gateways of a subnet (failed and deleted ones no longer hold an address). */
function liveInSubnet(ctx: CallContext, subnetId: string): NatGatewayRec[] {
  return visibleNatGateways(ctx).filter((g) => g.subnetId === subnetId && !['failed', 'deleted'].includes(natGatewayState(ctx.world, g)));
}

/** The private IP: the one asked for (inside the subnet, not reserved, not taken) or the first free one. */
function privateIpFor(ctx: CallContext, s: SubnetRec, wanted: string | undefined): string {
  const block = s.cidrBlock ? parseCidr(s.cidrBlock) : undefined;
  if (!block) throw invalidValue('subnetId', s.id, 'A NAT gateway needs a subnet with an IPv4 block.');
  const nats = new Set(liveInSubnet(ctx, s.id).flatMap((g) => g.addresses.map((a) => a.privateIp)));
  // Interfaces hold addresses too (a live gateway's own interface among them).
  const taken = { has: (ip: string): boolean => nats.has(ip) || addressHeld(ctx.world, s.id, ip) };
  // AWS reserves the first four addresses and the last one of every subnet.
  const first = block.network + 4n;
  const last = lastAddress(block) - 1n;
  if (wanted !== undefined) {
    const ip = parseCidr(`${wanted}/32`);
    if (!ip || ip.family !== 4 || ip.network < first || ip.network > last) {
      throw invalidValue('privateIpAddress', wanted, `Specify a free address of ${s.cidrBlock} other than the five AWS reserves.`);
    }
    if (taken.has(wanted)) throw new AwsError('Resource.AlreadyAssigned', `The private IP address ${wanted} is already assigned to a resource.`);
    return wanted;
  }
  for (let n = first; n <= last; n++) {
    const ip = formatAddress(4, n);
    if (!taken.has(ip)) return ip;
  }
  throw new AwsError('InsufficientFreeAddressesInSubnet', `Subnet ${s.id} has insufficient free addresses to create this NAT gateway.`);
}

const UNMODELLED = ['SecondaryAllocationIds', 'SecondaryPrivateIpAddresses', 'SecondaryPrivateIpAddressCount', 'AvailabilityZoneAddresses', 'VpcId'] as const;

/** CreateNatGateway: a zonal NAT gateway in a subnet; a public one with an Elastic IP. */
export function createNatGateway(ctx: CallContext, input: CreateNatGatewayRequest): CreateNatGatewayResult {
  if (input.AvailabilityMode === 'regional') throw new AwsError('InvalidParameterValue', 'Regional NAT gateways are not modelled by the sandbox cloud; give a SubnetId.');
  for (const name of UNMODELLED) {
    if (input[name] !== undefined) throw new AwsError('InvalidParameterValue', `${name} is not modelled by the sandbox cloud.`);
  }
  const s = requireSubnet(ctx, input.SubnetId);
  const connectivity = input.ConnectivityType ?? 'public';
  if (connectivity === 'private' && input.AllocationId !== undefined) {
    throw invalidCombination('A private NAT gateway takes no Elastic IP: leave out AllocationId.');
  }
  if (connectivity === 'public') {
    if (!input.AllocationId) throw missingParameter('AllocationId');
    assertWellFormedId(ADDRESS_IDS, input.AllocationId);
  }
  const privateIp = privateIpFor(ctx, s, input.PrivateIpAddress);
  const tags = tagsFromSpecs(input.TagSpecifications, 'natgateway');
  checkDryRun(input);
  const g: NatGatewayRec = {
    id: ctx.world.newLaterId('nat'),
    ownerId: ctx.accountId,
    region: ctx.region,
    vpcId: s.vpcId,
    subnetId: s.id,
    connectivityType: connectivity,
    createdAt: ctx.world.now(),
    addresses: [],
    tags,
  };
  const address: NatGatewayAddressRec = { networkInterfaceId: ctx.world.newLaterId('eni'), privateIp };
  if (connectivity === 'public') {
    const allocationId = input.AllocationId as string;
    address.allocationId = allocationId;
    const eip = findAddress(ctx, allocationId);
    if (!eip) g.failure = { code: 'InvalidAllocationID.NotFound', message: `Elastic IP address ${allocationId} could not be associated with this NAT gateway` };
    else if (eip.association) g.failure = { code: 'Resource.AlreadyAssociated', message: `Elastic IP address ${allocationId} is already associated` };
    else if (!internetGatewayOfVpc(ctx, s.vpcId)) g.failure = { code: 'Gateway.NotAttached', message: `Network ${s.vpcId} has no Internet gateway attached` };
    else {
      const assoc = associateAddress(ctx.world, eip, { natGatewayId: g.id, networkInterfaceId: address.networkInterfaceId, privateIp, vpcId: s.vpcId });
      address.associationId = assoc.id;
      address.publicIp = eip.publicIp;
    }
  }
  g.addresses.push(address);
  ctx.world.put('natGateway', g);
  if (!g.failure) addNatInterface(ctx, g, s);
  return { NatGateway: renderNatGateway(ctx, g, true) };
}

/** DeleteNatGateway: its Elastic IP is disassociated (and stays allocated); routes to it stay. */
export function deleteNatGateway(ctx: CallContext, input: DeleteNatGatewayRequest): DeleteNatGatewayResult {
  const g = requireNatGateway(ctx, input.NatGatewayId);
  const state = natGatewayState(ctx.world, g);
  if (state === 'failed' || state === 'deleted') throw notFound(NAT_GATEWAY_IDS, g.id);
  checkDryRun(input);
  if (g.deletedAt === undefined) {
    g.deletedAt = ctx.world.now();
    releaseNatAddresses(ctx, g.id);
    removeNatInterface(ctx.world, g);
  }
  return { NatGatewayId: g.id };
}

/** DescribeNatGateways (its filter parameter is `Filter`, not `Filters`). */
export function describeNatGateways(ctx: CallContext, input: DescribeNatGatewaysRequest): DescribeNatGatewaysResult {
  const visible = new Map(visibleNatGateways(ctx).map((g) => [g.id, g]));
  const base = input.NatGatewayIds?.length ? pickByIds(NAT_GATEWAY_IDS, input.NatGatewayIds, (id) => visible.get(id)) : visible.values();
  const filtered = applyFilters(byId(base), input.Filter, natGatewayFilters(ctx.world), (g) => g.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (g) => g.id, input.MaxResults, input.NextToken);
  return { NatGateways: page.map((g) => renderNatGateway(ctx, g)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** A subnet's deletion waits for its NAT gateways (failed and deleted ones do not count). */
export const natGatewaysOnSubnetDelete: SubnetDeleteHook = {
  refuse: (ctx, s) => (liveInSubnet(ctx, s.id).length > 0 ? new AwsError('DependencyViolation', `The subnet '${s.id}' has dependencies and cannot be deleted.`) : undefined),
};
