/** VPCs in discovery: DescribeVpcs, and each VPC with every CIDR association in the model. */
import { DescribeVpcsCommand, type Vpc as AwsVpc } from '@aws-sdk/client-ec2';

import type { AccountId, Region, VpcId } from '../../../shared/model/ids';
import type { Vpc, VpcCidrBlock } from '../../../shared/model/topology';
import { GONE_CIDR_STATES, nameOf, normaliseCidr, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

/** Translate one VPC with every CIDR association: the primary IPv4 block first, then secondaries, then IPv6. */
export function toVpc(v: AwsVpc, fallbackAccount: AccountId, region: Region): Vpc | undefined {
  if (!v.VpcId?.startsWith('vpc-')) return undefined;
  const tags = toTags(v.Tags);
  const blocks: VpcCidrBlock[] = [];
  const primaryCidr = v.CidrBlock ? normaliseCidr(v.CidrBlock) : undefined;
  const v4 = v.CidrBlockAssociationSet ?? [];
  let sawPrimary = false;
  for (const a of v4) {
    if (!a.CidrBlock) continue;
    const state = a.CidrBlockState?.State ?? 'associated';
    if (GONE_CIDR_STATES.has(state)) continue;
    const cidr = normaliseCidr(a.CidrBlock);
    const primary = !sawPrimary && cidr === primaryCidr;
    if (primary) sawPrimary = true;
    blocks.push({ cidr, family: 'ipv4', primary, ...(a.AssociationId ? { associationId: a.AssociationId } : {}), state });
  }
  if (!sawPrimary && primaryCidr) blocks.push({ cidr: primaryCidr, family: 'ipv4', primary: true, state: 'associated' });
  blocks.sort((a, b) => Number(b.primary) - Number(a.primary));
  for (const a of v.Ipv6CidrBlockAssociationSet ?? []) {
    if (!a.Ipv6CidrBlock) continue;
    const state = a.Ipv6CidrBlockState?.State ?? 'associated';
    if (GONE_CIDR_STATES.has(state)) continue;
    blocks.push({
      cidr: normaliseCidr(a.Ipv6CidrBlock),
      family: 'ipv6',
      primary: false,
      ...(a.AssociationId ? { associationId: a.AssociationId } : {}),
      state,
    });
  }
  return {
    id: v.VpcId as VpcId,
    accountId: v.OwnerId ?? fallbackAccount,
    region,
    ...nameOf(tags),
    tags,
    isDefault: v.IsDefault ?? false,
    state: v.State ?? 'available',
    cidrBlocks: blocks,
  };
}

/** The VPC kind of discovery. */
export const VPC_DISCOVERY = discoveryKind({
  actions: { DescribeVpcs: 1000 },
  scan: (ec2, fetch) => fetch('DescribeVpcs', (page, abortSignal) => ec2.send(new DescribeVpcsCommand(page), { abortSignal }), (o) => o.Vpcs),
  translate: (v: AwsVpc, seen) => toVpc(v, seen.accountId, seen.region),
  merge: mergeRegional<Vpc>,
  carry: carryRegional<Vpc>,
});
