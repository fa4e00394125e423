/** Subnet actions: CreateSubnet, DeleteSubnet, DescribeSubnets.
 *
 * "Subnet CIDR blocks" (Amazon VPC user guide): an IPv4 subnet is /16 to /28 inside one of the
 * VPC's IPv4 blocks and overlaps no other subnet; an IPv6 subnet is a /64 of a VPC IPv6 block.
 * AWS reserves 5 addresses per subnet, hence `availableIpAddressCount` = size − 5.
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

/** The wire form of a subnet. */
export function renderSubnet(s: SubnetRec, fresh = false): Subnet {
  return {
    AvailabilityZone: s.availabilityZone,
    AvailabilityZoneId: s.availabilityZoneId,
    AvailableIpAddressCount: availableIpAddressCount(s),
    ...(s.cidrBlock ? { CidrBlock: s.cidrBlock } : {}),
    DefaultForAz: s.defaultForAz,
    MapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
    State: fresh ? 'pending' : 'available',
    SubnetId: s.id,
    VpcId: s.vpcId,
    OwnerId: s.ownerId,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: s.ipv6Assocs.map((a) => ({
      AssociationId: a.associationId,
      Ipv6CidrBlock: a.ipv6CidrBlock,
      Ipv6CidrBlockState: { State: fresh ? 'associating' : a.state },
    })),
    ...(Object.keys(s.tags).length > 0 ? { Tags: tagList(s.tags) } : {}),
    SubnetArn: `arn:aws:ec2:${s.region}:${s.ownerId}:subnet/${s.id}`,
    Ipv6Native: !s.cidrBlock,
  };
}

function pickZone(ctx: CallContext, v: VpcRec, input: CreateSubnetRequest): Zone {
  const zones = zonesOf(ctx.region);
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

/** CreateSubnet. */
export function createSubnet(ctx: CallContext, input: CreateSubnetRequest): CreateSubnetResult {
  const v = requireVpc(ctx, input.VpcId);
  if (input.OutpostArn) throw new AwsError('InvalidParameterValue', 'Outposts are not modelled by the sandbox cloud.');
  const siblings = [...ctx.cell.table('subnet').values()].filter((s) => s.vpcId === v.id);
  let cidrText: string | undefined;
  if (input.CidrBlock === undefined) {
    if (!input.Ipv6Native) throw missingParameter('CidrBlock');
  } else {
    if (input.Ipv6Native) throw new AwsError('InvalidParameterCombination', 'An IPv6-only subnet (Ipv6Native) takes no CidrBlock.');
    const c = parseCidr(input.CidrBlock);
    if (!c || c.family !== 4) throw invalidValue('cidrBlock', input.CidrBlock, 'This is not a valid CIDR block.');
    if (c.prefixLength < 16 || c.prefixLength > 28) throw new AwsError('InvalidSubnet.Range', `The CIDR '${input.CidrBlock}' is invalid.`);
    if (!vpcIpv4Blocks(v).some((b) => cidrContains(parseCidr(b) as Cidr, c))) {
      throw new AwsError('InvalidSubnet.Range', `The CIDR '${input.CidrBlock}' is invalid.`);
    }
    for (const s of siblings) {
      if (s.cidrBlock && cidrsOverlap(parseCidr(s.cidrBlock) as Cidr, c)) {
        throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${input.CidrBlock}' conflicts with another subnet`);
      }
    }
    cidrText = formatCidr(c);
  }
  const ipv6: string[] = [];
  if (input.Ipv6CidrBlock !== undefined) {
    const c6 = parseCidr(input.Ipv6CidrBlock);
    if (!c6 || c6.family !== 6 || c6.prefixLength !== 64) {
      throw invalidValue('ipv6CidrBlock', input.Ipv6CidrBlock, 'Expecting an IPv6 /64 from the VPC IPv6 block.');
    }
    if (!vpcIpv6Blocks(v).some((b) => cidrContains(parseCidr(b) as Cidr, c6))) {
      throw new AwsError('InvalidSubnet.Range', `The IPv6 CIDR '${input.Ipv6CidrBlock}' is not within the VPC's IPv6 CIDR blocks.`);
    }
    for (const s of siblings) {
      for (const a of s.ipv6Assocs) {
        if (cidrsOverlap(parseCidr(a.ipv6CidrBlock) as Cidr, c6)) {
          throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${input.Ipv6CidrBlock}' conflicts with another subnet`);
        }
      }
    }
    ipv6.push(formatCidr(c6));
  } else if (input.Ipv6Native) {
    throw missingParameter('Ipv6CidrBlock');
  }
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
