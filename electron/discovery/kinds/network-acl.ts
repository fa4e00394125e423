/** Network ACLs in discovery: DescribeNetworkAcls, each ACL with its entries of both directions and its subnet associations. */
import { DescribeNetworkAclsCommand, type NetworkAcl as AwsNetworkAcl, type NetworkAclEntry as AwsNetworkAclEntry } from '@aws-sdk/client-ec2';

import type { AccountId, Region, SubnetId, VpcId } from '../../../shared/model/ids';
import type { NetworkAcl, NetworkAclEntry, NetworkAclId } from '../../../shared/model/topology';
import { nameOf, normaliseCidr, protocolName, toTags } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

/** Translate one entry; undefined for one without a rule number or a block. */
export function toNetworkAclEntry(e: AwsNetworkAclEntry): NetworkAclEntry | undefined {
  const cidr = e.CidrBlock ?? e.Ipv6CidrBlock;
  if (e.RuleNumber === undefined || !cidr) return undefined;
  const protocol = protocolName(e.Protocol);
  const ports = e.PortRange && protocol !== '-1' ? { ...(e.PortRange.From !== undefined ? { fromPort: e.PortRange.From } : {}), ...(e.PortRange.To !== undefined ? { toPort: e.PortRange.To } : {}) } : {};
  const icmp = e.IcmpTypeCode && (protocol === 'icmp' || protocol === 'icmpv6')
    ? { ...(e.IcmpTypeCode.Type !== undefined ? { icmpType: e.IcmpTypeCode.Type } : {}), ...(e.IcmpTypeCode.Code !== undefined ? { icmpCode: e.IcmpTypeCode.Code } : {}) }
    : {};
  return {
    ruleNumber: e.RuleNumber,
    egress: e.Egress ?? false,
    protocol,
    action: e.RuleAction === 'deny' ? 'deny' : 'allow',
    cidr: normaliseCidr(cidr),
    ...ports,
    ...icmp,
  };
}

/** Inbound entries first, then outbound, each by rule number: the order AWS evaluates them in. */
function byEvaluation(a: NetworkAclEntry, b: NetworkAclEntry): number {
  return Number(a.egress) - Number(b.egress) || a.ruleNumber - b.ruleNumber || a.cidr.localeCompare(b.cidr);
}

/** Translate one network ACL with its entries and associated subnets. */
export function toNetworkAcl(a: AwsNetworkAcl, fallbackAccount: AccountId, region: Region): NetworkAcl | undefined {
  if (!a.NetworkAclId?.startsWith('acl-') || !a.VpcId?.startsWith('vpc-')) return undefined;
  return {
    id: a.NetworkAclId as NetworkAclId,
    vpcId: a.VpcId as VpcId,
    accountId: a.OwnerId ?? fallbackAccount,
    region,
    ...nameOf(toTags(a.Tags)),
    isDefault: a.IsDefault ?? false,
    subnetIds: (a.Associations ?? []).flatMap((x) => (x.SubnetId?.startsWith('subnet-') ? [x.SubnetId as SubnetId] : [])).sort(),
    entries: (a.Entries ?? []).flatMap((e) => {
      const entry = toNetworkAclEntry(e);
      return entry ? [entry] : [];
    }).sort(byEvaluation),
  };
}

/** The network ACL kind of discovery. */
export const NETWORK_ACL_DISCOVERY = discoveryKind({
  actions: { DescribeNetworkAcls: 1000 },
  optional: true,
  scan: (ec2, fetch) =>
    fetch('DescribeNetworkAcls', (page, abortSignal) => ec2.send(new DescribeNetworkAclsCommand(page), { abortSignal }), (o) => o.NetworkAcls),
  translate: (a: AwsNetworkAcl, seen) => toNetworkAcl(a, seen.accountId, seen.region),
  merge: mergeRegional<NetworkAcl>,
  carry: carryRegional<NetworkAcl>,
});
