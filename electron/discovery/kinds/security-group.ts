/** Security groups in discovery: DescribeSecurityGroups, and each group with its rules flattened to one peer each. */
import { DescribeSecurityGroupsCommand, type IpPermission, type SecurityGroup as AwsSecurityGroup } from '@aws-sdk/client-ec2';

import type { AccountId, PeeringId, Region, SecurityGroupId, VpcId } from '../../../shared/model/ids';
import type { SecurityGroup, SecurityGroupRule } from '../../../shared/model/topology';
import { normaliseCidr, protocolName } from './aws-fields';
import { carryRegional, discoveryKind, mergeRegional } from './kind';

/** Flatten one IpPermission into one rule per peer (CIDR, IPv6 CIDR, prefix list or group). */
export function flattenPermission(p: IpPermission, ownerAccount: AccountId): SecurityGroupRule[] {
  const protocol = protocolName(p.IpProtocol);
  const ports =
    protocol === '-1'
      ? {}
      : {
          ...(p.FromPort !== undefined ? { fromPort: p.FromPort } : {}),
          ...(p.ToPort !== undefined ? { toPort: p.ToPort } : {}),
        };
  const rule = (peer: SecurityGroupRule['peer'], description: string | undefined): SecurityGroupRule => ({
    protocol,
    ...ports,
    peer,
    ...(description ? { description } : {}),
  });
  const rules: SecurityGroupRule[] = [];
  for (const r of p.IpRanges ?? []) if (r.CidrIp) rules.push(rule({ kind: 'cidr', cidr: normaliseCidr(r.CidrIp) }, r.Description));
  for (const r of p.Ipv6Ranges ?? []) {
    if (r.CidrIpv6) rules.push(rule({ kind: 'cidr', cidr: normaliseCidr(r.CidrIpv6) }, r.Description));
  }
  for (const r of p.PrefixListIds ?? []) {
    if (r.PrefixListId) rules.push(rule({ kind: 'prefix-list', prefixListId: r.PrefixListId }, r.Description));
  }
  for (const g of p.UserIdGroupPairs ?? []) {
    if (!g.GroupId?.startsWith('sg-')) continue;
    rules.push(
      rule(
        {
          kind: 'group',
          groupId: g.GroupId as SecurityGroupId,
          // "account-id/sg-id" references name the other account (EC2 UserIdGroupPair.UserId).
          ...(g.UserId && g.UserId !== ownerAccount ? { accountId: g.UserId } : {}),
          ...(g.VpcPeeringConnectionId?.startsWith('pcx-') ? { peeringId: g.VpcPeeringConnectionId as PeeringId } : {}),
        },
        g.Description,
      ),
    );
  }
  return rules;
}

/** Translate one security group, its rules flattened to one peer each. */
export function toSecurityGroup(g: AwsSecurityGroup, fallbackAccount: AccountId, region: Region): SecurityGroup | undefined {
  if (!g.GroupId?.startsWith('sg-') || !g.VpcId?.startsWith('vpc-')) return undefined;
  const owner = g.OwnerId ?? fallbackAccount;
  return {
    id: g.GroupId as SecurityGroupId,
    vpcId: g.VpcId as VpcId,
    accountId: owner,
    region,
    name: g.GroupName ?? '',
    description: g.Description ?? '',
    ingress: (g.IpPermissions ?? []).flatMap((p) => flattenPermission(p, owner)),
    egress: (g.IpPermissionsEgress ?? []).flatMap((p) => flattenPermission(p, owner)),
  };
}

/** The security group kind of discovery. */
export const SECURITY_GROUP_DISCOVERY = discoveryKind({
  actions: { DescribeSecurityGroups: 1000 },
  scan: (ec2, fetch) =>
    fetch('DescribeSecurityGroups', (page, abortSignal) => ec2.send(new DescribeSecurityGroupsCommand(page), { abortSignal }), (o) => o.SecurityGroups),
  translate: (g: AwsSecurityGroup, seen) => toSecurityGroup(g, seen.accountId, seen.region),
  merge: mergeRegional<SecurityGroup>,
  carry: carryRegional<SecurityGroup>,
});
