/** Security groups in discovery: DescribeSecurityGroups, each group with its rules flattened to one
 * peer each, and each rule's id from DescribeSecurityGroupRules (one rule there per peer, too). */
import {
  DescribeSecurityGroupRulesCommand,
  DescribeSecurityGroupsCommand,
  type IpPermission,
  type SecurityGroup as AwsSecurityGroup,
  type SecurityGroupRule as AwsSecurityGroupRule,
} from '@aws-sdk/client-ec2';

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

/** A group as DescribeSecurityGroups gives it, with its rules' ids by `ruleKey` when DescribeSecurityGroupRules answered. */
export type RawSecurityGroup = AwsSecurityGroup & { readonly ruleIds?: Readonly<Record<string, string>> };

/** What tells one flattened rule of a group from another: direction, protocol, ports and peer. */
function ruleKey(egress: boolean, protocol: string, fromPort: number | undefined, toPort: number | undefined, peer: string): string {
  const ports = protocol === '-1' ? '' : `${fromPort ?? -1}-${toPort ?? -1}`;
  return `${egress ? 'out' : 'in'} ${protocol} ${ports} ${peer}`;
}

function peerKey(peer: SecurityGroupRule['peer']): string {
  return peer.kind === 'cidr' ? peer.cidr : peer.kind === 'prefix-list' ? peer.prefixListId : peer.groupId;
}

/** The key of one rule as DescribeSecurityGroupRules gives it; undefined for one without a peer. */
function awsRuleKey(r: AwsSecurityGroupRule): string | undefined {
  const peer = r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? r.ReferencedGroupInfo?.GroupId;
  if (!peer) return undefined;
  return ruleKey(r.IsEgress ?? false, protocolName(r.IpProtocol), r.FromPort, r.ToPort, r.CidrIpv4 || r.CidrIpv6 ? normaliseCidr(peer) : peer);
}

/** Each group's rule ids by `ruleKey`. */
export function ruleIdsByGroup(rules: readonly AwsSecurityGroupRule[]): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const r of rules) {
    const key = awsRuleKey(r);
    if (!key || !r.GroupId || !r.SecurityGroupRuleId) continue;
    let ids = out.get(r.GroupId);
    if (!ids) out.set(r.GroupId, (ids = {}));
    ids[key] = r.SecurityGroupRuleId;
  }
  return out;
}

/** Translate one security group, its rules flattened to one peer each (with their ids when known). */
export function toSecurityGroup(g: RawSecurityGroup, fallbackAccount: AccountId, region: Region): SecurityGroup | undefined {
  if (!g.GroupId?.startsWith('sg-') || !g.VpcId?.startsWith('vpc-')) return undefined;
  const owner = g.OwnerId ?? fallbackAccount;
  const withIds = (egress: boolean) => (r: SecurityGroupRule): SecurityGroupRule => {
    const ruleId = g.ruleIds?.[ruleKey(egress, r.protocol, r.fromPort, r.toPort, peerKey(r.peer))];
    return ruleId ? { ...r, ruleId } : r;
  };
  return {
    id: g.GroupId as SecurityGroupId,
    vpcId: g.VpcId as VpcId,
    accountId: owner,
    region,
    name: g.GroupName ?? '',
    description: g.Description ?? '',
    ingress: (g.IpPermissions ?? []).flatMap((p) => flattenPermission(p, owner)).map(withIds(false)),
    egress: (g.IpPermissionsEgress ?? []).flatMap((p) => flattenPermission(p, owner)).map(withIds(true)),
  };
}

/** The security group kind of discovery. */
export const SECURITY_GROUP_DISCOVERY = discoveryKind({
  actions: { DescribeSecurityGroups: 1000, DescribeSecurityGroupRules: 1000 },
  // Without the rule ids the groups and rules still load: a refused call leaves `ruleId` unset.
  optionalActions: ['DescribeSecurityGroupRules'],
  scan: async (ec2, fetch, _scanned, unread): Promise<readonly RawSecurityGroup[]> => {
    const [groups, rules] = await Promise.all([
      fetch('DescribeSecurityGroups', (page, abortSignal) => ec2.send(new DescribeSecurityGroupsCommand(page), { abortSignal }), (o) => o.SecurityGroups),
      fetch('DescribeSecurityGroupRules', (page, abortSignal) => ec2.send(new DescribeSecurityGroupRulesCommand(page), { abortSignal }), (o) => o.SecurityGroupRules).catch(
        (e: unknown) => {
          unread('securityGroupRuleIds', e);
          return undefined;
        },
      ),
    ]);
    if (!rules) return groups;
    const ids = ruleIdsByGroup(rules);
    return groups.map((g) => (g.GroupId && ids.has(g.GroupId) ? { ...g, ruleIds: ids.get(g.GroupId)! } : g));
  },
  translate: (g: RawSecurityGroup, seen) => toSecurityGroup(g, seen.accountId, seen.region),
  merge: mergeRegional<SecurityGroup>,
  carry: carryRegional<SecurityGroup>,
});
