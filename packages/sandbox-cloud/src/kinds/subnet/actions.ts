/** Subnet actions: CreateSubnet, DeleteSubnet, DescribeSubnets.
 *
 * "Subnet CIDR blocks" (Amazon VPC user guide): an IPv4 subnet is /16 to /28 inside one of the
 * VPC's IPv4 blocks and overlaps no other subnet; an IPv6 subnet is a /64 of a VPC IPv6 block.
 * AWS reserves 5 addresses per subnet, hence `availableIpAddressCount` = size − 5 − the addresses
 * network interfaces hold.
 */
import type {
  CreateSubnetRequest,
  CreateSubnetResult,
  DeleteSubnetRequest,
  DescribeSubnetsRequest,
  DescribeSubnetsResult,
  Subnet,
} from '@aws-sdk/client-ec2';

import { cidrContains, cidrsOverlap, formatCidr, parseCidr, type Cidr } from '../../cidr';
import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext, VpcDeleteHook } from '../../ec2/context';
import { AwsError, invalidValue, missingParameter } from '../../errors';
import { zonesOf, type Zone } from '../../regions';
import { vpcIpv4Blocks, vpcIpv6Blocks, type VpcRec } from '../vpc/records';
import { requireVpc, vpcHasDependencies } from '../vpc/store';
import { SUBNET_FILTERS } from './filters';
import { availableIpAddressCount, SUBNET_IDS, type SubnetRec } from './records';
import { createSubnetRec, requireSubnet } from './store';

/** The wire form of a subnet, with AWS's defaults for what the sandbox does not model: no
 * customer-owned IPs, DNS64 off, hostnames from the IPv4 address (from the instance id in an
 * IPv6-only subnet, where AWS allows nothing else), VPC Block Public Access off. An IPv6-only
 * subnet gives every interface an IPv6 address (`AssignIpv6AddressOnCreation`). */
export function renderSubnet(s: SubnetRec, fresh = false): Subnet {
  const ipv6Native = !s.cidrBlock;
  return {
    AvailabilityZone: s.availabilityZone,
    AvailabilityZoneId: s.availabilityZoneId,
    AvailableIpAddressCount: availableIpAddressCount(s),
    ...(s.cidrBlock ? { CidrBlock: s.cidrBlock } : {}),
    DefaultForAz: s.defaultForAz,
    MapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    MapCustomerOwnedIpOnLaunch: false,
    State: fresh ? 'pending' : 'available',
    SubnetId: s.id,
    VpcId: s.vpcId,
    OwnerId: s.ownerId,
    AssignIpv6AddressOnCreation: ipv6Native,
    Ipv6CidrBlockAssociationSet: s.ipv6Assocs.map((a) => ({
      AssociationId: a.associationId,
      Ipv6CidrBlock: a.ipv6CidrBlock,
      Ipv6CidrBlockState: { State: fresh ? 'associating' : a.state },
    })),
    ...(Object.keys(s.tags).length > 0 ? { Tags: tagList(s.tags) } : {}),
    SubnetArn: `arn:aws:ec2:${s.region}:${s.ownerId}:subnet/${s.id}`,
    EnableDns64: false,
    Ipv6Native: ipv6Native,
    PrivateDnsNameOptionsOnLaunch: {
      HostnameType: ipv6Native ? 'resource-name' : 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
  };
}

function pickZone(ctx: CallContext, v: VpcRec, input: CreateSubnetRequest): Zone {
  const zones = zonesOf(ctx.region, ctx.accountId);
  if (input.AvailabilityZone !== undefined && input.AvailabilityZoneId !== undefined) {
    throw new AwsError('InvalidParameterCombination', 'Specify AvailabilityZone or AvailabilityZoneId, not both.');
  }
  if (input.AvailabilityZone !== undefined) {
    const z = zones.find((x) => x.zoneName === input.AvailabilityZone);
    if (!z) {
      throw invalidValue(
        'availabilityZone',
        input.AvailabilityZone,
        `Subnets can currently only be created in the following availability zones: ${zones.map((x) => x.zoneName).join(', ')}.`,
      );
    }
    return z;
  }
  if (input.AvailabilityZoneId !== undefined) {
    const z = zones.find((x) => x.zoneId === input.AvailabilityZoneId);
    if (!z) throw invalidValue('availabilityZoneId', input.AvailabilityZoneId, `Valid zone ids: ${zones.map((x) => x.zoneId).join(', ')}.`);
    return z;
  }
  // AWS picks a zone for you; the sandbox rotates through them so the choice is repeatable.
  let count = 0;
  for (const s of ctx.cell.table('subnet').values()) if (s.vpcId === v.id) count++;
  return zones[count % zones.length] as Zone;
}

/** The IPv6 /64 of a new subnet: inside one of the VPC's IPv6 blocks, overlapping no sibling. */
function subnetIpv6Block(v: VpcRec, siblings: readonly SubnetRec[], text: string): string {
  const c6 = parseCidr(text);
  if (!c6 || c6.family !== 6 || c6.prefixLength !== 64) {
    throw invalidValue('ipv6CidrBlock', text, 'Expecting an IPv6 /64 from the VPC IPv6 block.');
  }
  // A VPC without an IPv6 block has no range the subnet's block could be in.
  if (!vpcIpv6Blocks(v).some((b) => cidrContains(parseCidr(b) as Cidr, c6))) {
    throw new AwsError('InvalidSubnet.Range', `The IPv6 CIDR '${text}' is invalid.`);
  }
  for (const s of siblings) {
    for (const a of s.ipv6Assocs) {
      if (cidrsOverlap(parseCidr(a.ipv6CidrBlock) as Cidr, c6)) {
        throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${text}' conflicts with another subnet`);
      }
    }
  }
  return formatCidr(c6);
}

/** The IPv4 block of a new subnet: /16 to /28 inside one of the VPC's IPv4 blocks, overlapping no sibling. */
function subnetIpv4Block(v: VpcRec, siblings: readonly SubnetRec[], text: string): string {
  const c = parseCidr(text);
  if (!c || c.family !== 4) throw invalidValue('cidrBlock', text, 'This is not a valid CIDR block.');
  if (c.prefixLength < 16 || c.prefixLength > 28) throw new AwsError('InvalidSubnet.Range', `The CIDR '${text}' is invalid.`);
  if (!vpcIpv4Blocks(v).some((b) => cidrContains(parseCidr(b) as Cidr, c))) {
    throw new AwsError('InvalidSubnet.Range', `The CIDR '${text}' is invalid.`);
  }
  for (const s of siblings) {
    if (s.cidrBlock && cidrsOverlap(parseCidr(s.cidrBlock) as Cidr, c)) {
      throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${text}' conflicts with another subnet`);
    }
  }
  return formatCidr(c);
}

/** CreateSubnet. The checks run in AWS's order: an IPv6-only subnet's parameters first (its
 * IPv6 source, then no IPv4 parameter), then the VPC, then the IPv6 block against the VPC's
 * IPv6 blocks, and only then the IPv4 block. */
export function createSubnet(ctx: CallContext, input: CreateSubnetRequest): CreateSubnetResult {
  if (input.Ipv6Native) {
    if (input.Ipv6CidrBlock === undefined && input.Ipv6IpamPoolId === undefined) {
      throw new AwsError('MissingParameter', "Either 'ipv6CidrBlock' or 'ipv6IpamPoolId' should be provided.");
    }
    if (input.CidrBlock !== undefined || input.Ipv4IpamPoolId !== undefined) {
      throw new AwsError(
        'InvalidParameterCombination',
        'When specifying ipv4 parameters, cidrBlock or ipv4IpamPoolId, you cannot set ipv6Native to true.',
      );
    }
  } else if (input.CidrBlock === undefined && input.Ipv4IpamPoolId === undefined) {
    throw missingParameter('CidrBlock');
  }
  if (input.Ipv4IpamPoolId !== undefined || input.Ipv6IpamPoolId !== undefined) {
    throw new AwsError('InvalidParameterValue', 'IPAM pools are not modelled by the sandbox cloud.');
  }
  const v = requireVpc(ctx, input.VpcId);
  if (input.OutpostArn) throw new AwsError('InvalidParameterValue', 'Outposts are not modelled by the sandbox cloud.');
  const siblings = [...ctx.cell.table('subnet').values()].filter((s) => s.vpcId === v.id);
  const ipv6 = input.Ipv6CidrBlock !== undefined ? [subnetIpv6Block(v, siblings, input.Ipv6CidrBlock)] : [];
  const cidrText = input.CidrBlock !== undefined ? subnetIpv4Block(v, siblings, input.CidrBlock) : undefined;
  const zone = pickZone(ctx, v, input);
  const tags = tagsFromSpecs(input.TagSpecifications, 'subnet');
  checkDryRun(input);
  const s = createSubnetRec(ctx, v, cidrText, ipv6, zone, tags);
  return { Subnet: renderSubnet(s, true) };
}

/** A VPC's deletion waits for its subnets. */
export const subnetsOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => {
    for (const s of ctx.cell.table('subnet').values()) if (s.vpcId === v.id) return vpcHasDependencies(v);
    return undefined;
  },
};

/** DeleteSubnet: each kind may refuse (its resources still in the subnet) and then lets go of it;
 * the subnet's explicit route table association goes too. */
export function deleteSubnet(ctx: CallContext, input: DeleteSubnetRequest): void {
  const s = requireSubnet(ctx, input.SubnetId);
  for (const hook of ctx.onSubnetDelete) {
    const refusal = hook.refuse?.(ctx, s);
    if (refusal) throw refusal;
  }
  checkDryRun(input);
  for (const hook of ctx.onSubnetDelete) hook.cascade?.(ctx, s);
  for (const r of ctx.cell.table('routeTable').values()) {
    r.associations = r.associations.filter((a) => a.subnetId !== s.id);
  }
  ctx.world.remove(s.id);
}

/** DescribeSubnets. */
export function describeSubnets(ctx: CallContext, input: DescribeSubnetsRequest): DescribeSubnetsResult {
  const base = input.SubnetIds?.length ? pickByIds(SUBNET_IDS, input.SubnetIds, (id) => ctx.cell.table('subnet').get(id)) : ctx.cell.table('subnet').values();
  const filtered = applyFilters(byId(base), input.Filters, SUBNET_FILTERS, (s) => s.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (s) => s.id, input.MaxResults, input.NextToken);
  return { Subnets: page.map((s) => renderSubnet(s)), ...(nextToken ? { NextToken: nextToken } : {}) };
}
