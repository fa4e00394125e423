/** The wire forms of security groups and their rules: flattened rules grouped into
 * IpPermissions as DescribeSecurityGroups lists them, and one SecurityGroupRule per rule. */
import type { IpPermission, SecurityGroup, SecurityGroupRule, UserIdGroupPair } from '@aws-sdk/client-ec2';

import { tagList } from '../../ec2/common';
import type { World } from '../../state/world';
import { securityGroupArn, securityGroupRuleArn, type GroupRefRec, type SecurityGroupRec, type SgRuleRec } from './records';

function peeringStatusOf(world: World, ref: GroupRefRec): string | undefined {
  if (!ref.vpcPeeringConnectionId) return undefined;
  const p = world.peerings.get(ref.vpcPeeringConnectionId);
  return p?.status === 'active' ? 'active' : 'deleted';
}

function renderPair(world: World, ref: GroupRefRec, description?: string): UserIdGroupPair {
  return {
    ...(description ? { Description: description } : {}),
    GroupId: ref.groupId,
    ...(ref.vpcPeeringConnectionId ? { PeeringStatus: peeringStatusOf(world, ref) } : {}),
    UserId: ref.userId,
    ...(ref.vpcId ? { VpcId: ref.vpcId } : {}),
    ...(ref.vpcPeeringConnectionId ? { VpcPeeringConnectionId: ref.vpcPeeringConnectionId } : {}),
  };
}

/** Groups flattened rules into IpPermissions as AWS lists them (one entry per protocol and ports). */
export function renderPermissions(world: World, rules: readonly SgRuleRec[]): IpPermission[] {
  const groups = new Map<string, IpPermission>();
  for (const r of rules) {
    const key = `${r.ipProtocol}|${r.fromPort ?? ''}|${r.toPort ?? ''}`;
    let p = groups.get(key);
    if (!p) {
      p = {
        IpProtocol: r.ipProtocol,
        ...(r.fromPort !== undefined ? { FromPort: r.fromPort } : {}),
        ...(r.toPort !== undefined ? { ToPort: r.toPort } : {}),
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      };
      groups.set(key, p);
    }
    const d = r.description ? { Description: r.description } : {};
    if (r.cidrIpv4) p.IpRanges?.push({ CidrIp: r.cidrIpv4, ...d });
    if (r.cidrIpv6) p.Ipv6Ranges?.push({ CidrIpv6: r.cidrIpv6, ...d });
    if (r.prefixListId) p.PrefixListIds?.push({ PrefixListId: r.prefixListId, ...d });
    if (r.group) p.UserIdGroupPairs?.push(renderPair(world, r.group, r.description));
  }
  return [...groups.values()];
}

/** The wire form of a security group. */
export function renderGroup(world: World, g: SecurityGroupRec): SecurityGroup {
  return {
    Description: g.description,
    GroupName: g.name,
    IpPermissions: renderPermissions(
      world,
      g.rules.filter((r) => !r.egress),
    ),
    OwnerId: g.ownerId,
    GroupId: g.id,
    IpPermissionsEgress: renderPermissions(
      world,
      g.rules.filter((r) => r.egress),
    ),
    ...(Object.keys(g.tags).length > 0 ? { Tags: tagList(g.tags) } : {}),
    VpcId: g.vpcId,
    SecurityGroupArn: securityGroupArn(g),
  };
}

export function renderRule(world: World, g: SecurityGroupRec, r: SgRuleRec): SecurityGroupRule {
  return {
    SecurityGroupRuleId: r.ruleId,
    GroupId: g.id,
    GroupOwnerId: g.ownerId,
    IsEgress: r.egress,
    IpProtocol: r.ipProtocol,
    FromPort: r.fromPort ?? -1,
    ToPort: r.toPort ?? -1,
    ...(r.cidrIpv4 ? { CidrIpv4: r.cidrIpv4 } : {}),
    ...(r.cidrIpv6 ? { CidrIpv6: r.cidrIpv6 } : {}),
    ...(r.prefixListId ? { PrefixListId: r.prefixListId } : {}),
    ...(r.group
      ? {
          ReferencedGroupInfo: {
            GroupId: r.group.groupId,
            UserId: r.group.userId,
            ...(r.group.vpcId ? { VpcId: r.group.vpcId } : {}),
            ...(r.group.vpcPeeringConnectionId
              ? { VpcPeeringConnectionId: r.group.vpcPeeringConnectionId, PeeringStatus: peeringStatusOf(world, r.group) }
              : {}),
          },
        }
      : {}),
    ...(r.description ? { Description: r.description } : {}),
    SecurityGroupRuleArn: securityGroupRuleArn(g, r.ruleId),
  };
}
