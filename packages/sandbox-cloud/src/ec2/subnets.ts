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

import { cidrContains, cidrsOverlap, formatCidr, ipv4Size, parseCidr, type Cidr } from '../cidr';
import { AwsError, assertWellFormedId, invalidValue, missingParameter, notFound } from '../errors';
import { zonesOf, type Zone } from '../regions';
import type { SubnetRec, TagMap, VpcRec } from '../state/records';
import {
  applyFilters,
  byId,
  checkDryRun,
  paginate,
  pickByIds,
  requireVpc,
  tagList,
  tagsFromSpecs,
  vpcHasDependencies,
  vpcIpv4Blocks,
  vpcIpv6Blocks,
  type FilterSpec,
} from './common';
import type { CallContext, VpcDeleteHook } from './context';

/** The caller's subnet `id`, or AWS's error. */
export function requireSubnet(ctx: CallContext, id: string | undefined, param = 'SubnetId'): SubnetRec {
  if (!id) throw missingParameter(param);
  assertWellFormedId('subnet', id);
  const s = ctx.cell.subnets.get(id);
  if (!s) throw notFound('subnet', id);
  return s;
}

/** Stores a subnet (validation is the caller's job). */
export function createSubnetRec(
  ctx: CallContext,
  v: VpcRec,
  cidrBlock: string | undefined,
  ipv6Blocks: readonly string[],
  zone: Zone,
  tags: TagMap,
  opts: { defaultForAz?: boolean; mapPublicIpOnLaunch?: boolean } = {},
): SubnetRec {
  const s: SubnetRec = {
    id: ctx.world.newId('subnet'),
    vpcId: v.id,
    ownerId: ctx.accountId,
    region: ctx.region,
    ...(cidrBlock ? { cidrBlock } : {}),
    ipv6Assocs: ipv6Blocks.map((b) => ({ associationId: ctx.world.newId('subnet-cidr-assoc'), ipv6CidrBlock: b, state: 'associated' })),
    availabilityZone: zone.zoneName,
    availabilityZoneId: zone.zoneId,
    defaultForAz: opts.defaultForAz ?? false,
    mapPublicIpOnLaunch: opts.mapPublicIpOnLaunch ?? false,
    tags,
  };
  ctx.world.putSubnet(s);
  return s;
}

/** The wire form of a subnet. */
export function renderSubnet(s: SubnetRec, fresh = false): Subnet {
  const c = s.cidrBlock ? parseCidr(s.cidrBlock) : undefined;
  return {
    AvailabilityZone: s.availabilityZone,
    AvailabilityZoneId: s.availabilityZoneId,
    AvailableIpAddressCount: c ? ipv4Size(c) - 5 : 0,
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
  for (const s of ctx.cell.subnets.values()) if (s.vpcId === v.id) count++;
  return zones[count % zones.length] as Zone;
}

/** CreateSubnet. */
export function createSubnet(ctx: CallContext, input: CreateSubnetRequest): CreateSubnetResult {
  const v = requireVpc(ctx, input.VpcId);
  if (input.OutpostArn) throw new AwsError('InvalidParameterValue', 'Outposts are not modelled by the sandbox cloud.');
  const siblings = [...ctx.cell.subnets.values()].filter((s) => s.vpcId === v.id);
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
    for (const s of ctx.cell.subnets.values()) if (s.vpcId === v.id) return vpcHasDependencies(v);
    return undefined;
  },
};

/** DeleteSubnet: also drops the subnet's explicit route table association. */
export function deleteSubnet(ctx: CallContext, input: DeleteSubnetRequest): void {
  const s = requireSubnet(ctx, input.SubnetId);
  checkDryRun(input);
  for (const r of ctx.cell.routeTables.values()) {
    r.associations = r.associations.filter((a) => a.subnetId !== s.id);
  }
  ctx.world.remove(s.id);
}

const SUBNET_FILTERS: FilterSpec<SubnetRec> = {
  'availability-zone': (s) => s.availabilityZone,
  'availability-zone-id': (s) => s.availabilityZoneId,
  'available-ip-address-count': (s) => renderSubnet(s).AvailableIpAddressCount,
  'cidr-block': (s) => s.cidrBlock,
  cidr: (s) => s.cidrBlock,
  cidrBlock: (s) => s.cidrBlock,
  'default-for-az': (s) => s.defaultForAz,
  defaultForAz: (s) => s.defaultForAz,
  'ipv6-cidr-block-association.ipv6-cidr-block': (s) => s.ipv6Assocs.map((a) => a.ipv6CidrBlock),
  'ipv6-cidr-block-association.association-id': (s) => s.ipv6Assocs.map((a) => a.associationId),
  'ipv6-cidr-block-association.state': (s) => s.ipv6Assocs.map((a) => a.state),
  'ipv6-native': (s) => !s.cidrBlock,
  'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
  'owner-id': (s) => s.ownerId,
  state: () => 'available',
  'subnet-arn': (s) => `arn:aws:ec2:${s.region}:${s.ownerId}:subnet/${s.id}`,
  'subnet-id': (s) => s.id,
  'vpc-id': (s) => s.vpcId,
};

/** DescribeSubnets. */
export function describeSubnets(ctx: CallContext, input: DescribeSubnetsRequest): DescribeSubnetsResult {
  const base = input.SubnetIds?.length ? pickByIds('subnet', input.SubnetIds, (id) => ctx.cell.subnets.get(id)) : ctx.cell.subnets.values();
  const filtered = applyFilters(byId(base), input.Filters, SUBNET_FILTERS, (s) => s.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (s) => s.id, input.MaxResults, input.NextToken);
  return { Subnets: page.map((s) => renderSubnet(s)), ...(nextToken ? { NextToken: nextToken } : {}) };
}
