/** The wire forms of security groups and their rules: flattened rules grouped into
 * IpPermissions as DescribeSecurityGroups lists them, and one SecurityGroupRule per rule.
 *
 * A reference to a group in a peered VPC goes over the active peering between the two VPCs, if
 * there is one now: "If a security group rule was stale because the VPC peering connection was
 * deleted and you then create a new VPC peering connection with the same VPCs, it will no longer
 * be marked as stale" (VPC Peering Guide, working with stale security group rules). Without one it
 * names the peering it was made over, `deleted`.
 */
import type { IpPermission, SecurityGroup, SecurityGroupRule, UserIdGroupPair } from '@aws-sdk/client-ec2';

import { tagList } from '../../ec2/common';
import type { World } from '../../state/world';
import { securityGroupArn, securityGroupRuleArn, type GroupRefRec, type SecurityGroupRec, type SgRuleRec } from './records';

/** The peering a reference from a group in `vpcId` goes over, and whether it is active; undefined
 * for a reference within the VPC. */
export function peeringOfRef(world: World, vpcId: string, ref: GroupRefRec): { id: string; active: boolean } | undefined {
  if (!ref.vpcId || ref.vpcId === vpcId) return undefined;
  const live = world
    .peeringsOfVpc(vpcId)
    .find((p) => p.status === 'active' && (p.requester.vpcId === ref.vpcId || p.accepter.vpcId === ref.vpcId));
  if (live) return { id: live.id, active: true };
  return ref.vpcPeeringConnectionId ? { id: ref.vpcPeeringConnectionId, active: false } : undefined;
}

/** The referenced group, while it exists. */
export function referencedGroup(world: World, ref: GroupRefRec): SecurityGroupRec | undefined {
  const found = world.byId.get(ref.groupId);
  return found?.kind === 'securityGroup' ? found.rec : undefined;
}

/** True when a rule of a group in `vpcId` references a group that is gone, or a group in a peer
 * VPC with no active peering to it: what DescribeStaleSecurityGroups lists. */
export function isStaleRule(world: World, vpcId: string, r: SgRuleRec): boolean {
  if (!r.group) return false;
  if (!referencedGroup(world, r.group)) return true;
  const via = peeringOfRef(world, vpcId, r.group);
  return via !== undefined && !via.active;
}

/** A referenced group as a UserIdGroupPair. The account (and, when asked, the group's name) is
 * left out once the group is deleted, as the API reference of UserIdGroupPair says. */
function renderPair(world: World, vpcId: string, ref: GroupRefRec, description: string | undefined, withName: boolean): UserIdGroupPair {
  const group = referencedGroup(world, ref);
  const via = peeringOfRef(world, vpcId, ref);
  return {
    ...(description ? { Description: description } : {}),
    ...(group ? { UserId: ref.userId } : {}),
    ...(group && withName ? { GroupName: group.name } : {}),
    GroupId: ref.groupId,
    ...(ref.vpcId && ref.vpcId !== vpcId ? { VpcId: ref.vpcId } : {}),
    ...(via ? { VpcPeeringConnectionId: via.id, PeeringStatus: via.active ? 'active' : 'deleted' } : {}),
  };
}

/** Groups flattened rules of a group in `vpcId` into IpPermissions as AWS lists them (one entry
 * per protocol and ports). `withNames` adds referenced groups' names, as
 * DescribeStaleSecurityGroups shows them. */
export function renderPermissions(world: World, vpcId: string, rules: readonly SgRuleRec[], withNames = false): IpPermission[] {
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
    if (r.group) p.UserIdGroupPairs?.push(renderPair(world, vpcId, r.group, r.description, withNames));
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
      g.vpcId,
      g.rules.filter((r) => !r.egress),
    ),
    OwnerId: g.ownerId,
    GroupId: g.id,
    IpPermissionsEgress: renderPermissions(
      world,
      g.vpcId,
      g.rules.filter((r) => r.egress),
    ),
    ...(Object.keys(g.tags).length > 0 ? { Tags: tagList(g.tags) } : {}),
    VpcId: g.vpcId,
    SecurityGroupArn: securityGroupArn(g),
  };
}

/** The wire form of one rule, as the rule actions answer it (with its tags, an empty list when
 * it has none, as AWS lists them). */
export function renderRule(world: World, g: SecurityGroupRec, r: SgRuleRec): SecurityGroupRule {
  const via = r.group ? peeringOfRef(world, g.vpcId, r.group) : undefined;
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
            ...(referencedGroup(world, r.group) ? { UserId: r.group.userId } : {}),
            ...(r.group.vpcId && r.group.vpcId !== g.vpcId ? { VpcId: r.group.vpcId } : {}),
            ...(via ? { VpcPeeringConnectionId: via.id, PeeringStatus: via.active ? 'active' : 'deleted' } : {}),
          },
        }
      : {}),
    ...(r.description ? { Description: r.description } : {}),
    Tags: tagList(r.tags),
    SecurityGroupRuleArn: securityGroupRuleArn(g, r.ruleId),
  };
}
