/** Subnets in discovery: DescribeSubnets, and each subnet in the model. */
import { DescribeSubnetsCommand, type Subnet as AwsSubnet } from '@aws-sdk/client-ec2';

import type { AccountId, Region, SubnetId, VpcId } from '../../../shared/model/ids';
import type { Subnet } from '../../../shared/model/topology';
import { GONE_CIDR_STATES, nameOf, normaliseCidr, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

/** Translate one subnet (only IPv6 blocks still associated are kept). */
export function toSubnet(s: AwsSubnet, fallbackAccount: AccountId, region: Region): Subnet | undefined {
  if (!s.SubnetId?.startsWith('subnet-') || !s.VpcId?.startsWith('vpc-')) return undefined;
  const tags = toTags(s.Tags);
  return {
    id: s.SubnetId as SubnetId,
    vpcId: s.VpcId as VpcId,
    accountId: s.OwnerId ?? fallbackAccount,
    region,
    ...nameOf(tags),
    cidr: s.CidrBlock ? normaliseCidr(s.CidrBlock) : '',
    ipv6Cidrs: (s.Ipv6CidrBlockAssociationSet ?? [])
      .filter((a) => a.Ipv6CidrBlock && !GONE_CIDR_STATES.has(a.Ipv6CidrBlockState?.State ?? 'associated'))
      .map((a) => normaliseCidr(a.Ipv6CidrBlock!)),
    availabilityZone: s.AvailabilityZone ?? '',
  };
}

/** The subnet kind of discovery. */
export const SUBNET_DISCOVERY = discoveryKind({
  actions: { DescribeSubnets: 1000 },
  scan: (ec2, fetch) => fetch('DescribeSubnets', (page, abortSignal) => ec2.send(new DescribeSubnetsCommand(page), { abortSignal }), (o) => o.Subnets),
  translate: (s: AwsSubnet, seen) => toSubnet(s, seen.accountId, seen.region),
  merge: mergeRegional<Subnet>,
  carry: carryRegional<Subnet>,
});
