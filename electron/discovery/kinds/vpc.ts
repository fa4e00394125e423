/** VPCs in discovery: DescribeVpcs, the two DNS attributes (DescribeVpcAttribute, one attribute
 * per call) of each VPC that is a side of a peering the same account × region lists, and each VPC
 * with every CIDR association in the model. */
import {
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Vpc as AwsVpc,
  type VpcPeeringConnection,
} from '@aws-sdk/client-ec2';

import type { AccountId, Region, VpcId } from '../../../shared/model/ids';
import type { DhcpOptionsId, Vpc, VpcCidrBlock } from '../../../shared/model/topology';
import { GONE_CIDR_STATES, nameOf, normaliseCidr, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional, type FetchPages, type NoteUnread } from './kind';
import { PEERING_DISCOVERY } from './peering';

/** A VPC as DescribeVpcs gives it, with its DNS attributes when DescribeVpcAttribute answered. */
export type RawVpc = AwsVpc & { readonly dns?: { readonly enableDnsSupport?: boolean; readonly enableDnsHostnames?: boolean } };

/** Translate one VPC with every CIDR association: the primary IPv4 block first, then secondaries, then IPv6. */
export function toVpc(v: RawVpc, fallbackAccount: AccountId, region: Region): Vpc | undefined {
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
    ...(v.dns?.enableDnsSupport !== undefined ? { enableDnsSupport: v.dns.enableDnsSupport } : {}),
    ...(v.dns?.enableDnsHostnames !== undefined ? { enableDnsHostnames: v.dns.enableDnsHostnames } : {}),
    ...(v.DhcpOptionsId === 'default' || v.DhcpOptionsId?.startsWith('dopt-') ? { dhcpOptionsId: v.DhcpOptionsId as DhcpOptionsId | 'default' } : {}),
  };
}

/** The VPCs that are a side (requester or accepter) of one of `peerings`, whatever its status. */
export function peeredVpcIds(peerings: readonly VpcPeeringConnection[]): Set<string> {
  const ids = new Set<string>();
  for (const p of peerings) {
    for (const side of [p.RequesterVpcInfo, p.AccepterVpcInfo]) if (side?.VpcId) ids.add(side.VpcId);
  }
  return ids;
}

/**
 * Each VPC of `wanted` with its DNS support and DNS hostnames attributes; the others as they are
 * (attributes unknown). A refused call (a policy without `ec2:DescribeVpcAttribute`) leaves the
 * attributes unset, is noted once, and stops the rest.
 */
async function withDnsAttributes(
  ec2: EC2Client,
  fetch: FetchPages<'DescribeVpcs' | 'DescribeVpcAttribute'>,
  vpcs: readonly AwsVpc[],
  wanted: ReadonlySet<string>,
  unread: NoteUnread,
): Promise<RawVpc[]> {
  let refused = false;
  const attribute = async (vpcId: string, name: 'enableDnsSupport' | 'enableDnsHostnames'): Promise<boolean | undefined> => {
    if (refused) return undefined;
    try {
      const [out] = await fetch(
        'DescribeVpcAttribute',
        async (_page, abortSignal) => ({ NextToken: undefined, out: await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: name }), { abortSignal }) }),
        (o) => [o.out],
      );
      return (name === 'enableDnsSupport' ? out?.EnableDnsSupport : out?.EnableDnsHostnames)?.Value;
    } catch (e) {
      refused = true;
      unread('vpcDnsAttributes', e);
      return undefined;
    }
  };
  return Promise.all(
    vpcs.map(async (vpc): Promise<RawVpc> => {
      if (!vpc.VpcId || !wanted.has(vpc.VpcId)) return vpc;
      const [enableDnsSupport, enableDnsHostnames] = await Promise.all([attribute(vpc.VpcId, 'enableDnsSupport'), attribute(vpc.VpcId, 'enableDnsHostnames')]);
      const dns = { ...(enableDnsSupport !== undefined ? { enableDnsSupport } : {}), ...(enableDnsHostnames !== undefined ? { enableDnsHostnames } : {}) };
      return Object.keys(dns).length > 0 ? { ...vpc, dns } : vpc;
    }),
  );
}

/**
 * The VPC kind of discovery. The DNS attributes take two calls per VPC (there is no batch form),
 * and only peering DNS resolution reads them, so they are read for the VPCs a peering of the same
 * account × region names (its peerings' scan reads nothing else, so awaiting it cannot wait on
 * this one); for the others they stay unknown, which peering checks treat as not blocking, and
 * a new peering's plan reads them live.
 */
export const VPC_DISCOVERY = discoveryKind({
  // DescribeVpcAttribute takes no page size: one attribute of one VPC per call.
  actions: { DescribeVpcs: 1000, DescribeVpcAttribute: 1000 },
  optionalActions: ['DescribeVpcAttribute'],
  scan: async (ec2, fetch, scanned, unread) => {
    const [vpcs, peerings] = await Promise.all([
      fetch('DescribeVpcs', (page, abortSignal) => ec2.send(new DescribeVpcsCommand(page), { abortSignal }), (o) => o.Vpcs),
      scanned(PEERING_DISCOVERY),
    ]);
    return withDnsAttributes(ec2, fetch, vpcs, peeredVpcIds(peerings), unread);
  },
  translate: (v: RawVpc, seen) => toVpc(v, seen.accountId, seen.region),
  // A VPC shared with other accounts is listed by each of their scans, and only a scan that saw
  // one of its peerings read its DNS attributes: keep that view, whichever scan landed first.
  merge: (found) => mergeRegional([...found].sort((a, b) => dnsKnown(b) - dnsKnown(a))),
  carry: carryRegional<Vpc>,
});

function dnsKnown(v: Vpc): number {
  return Number(v.enableDnsSupport !== undefined || v.enableDnsHostnames !== undefined);
}
