/** What rules in peered VPCs do with security groups: DescribeSecurityGroupReferences (which VPCs
 * on the other side of an active peering have a group whose rules reference mine) and
 * DescribeStaleSecurityGroups (my groups whose rules reference a group that is deleted, or in a
 * peer VPC no active peering joins any more).
 *
 * From the EC2 API reference of both calls and the VPC Peering Guide ("Update your security
 * groups to reference peer security groups": identifying referenced groups, working with stale
 * rules). Transit gateways are not modelled, so `TransitGatewayId` is never answered.
 */
import type {
  DescribeSecurityGroupReferencesRequest,
  DescribeSecurityGroupReferencesResult,
  DescribeStaleSecurityGroupsRequest,
  DescribeStaleSecurityGroupsResult,
  SecurityGroupReference,
  StaleIpPermission,
} from '@aws-sdk/client-ec2';

import { byId, checkDryRun, paginate, pickByIds } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { missingParameter } from '../../errors';
import { requireVpc } from '../vpc/store';
import { SECURITY_GROUP_IDS, type SgRuleRec } from './records';
import { isStaleRule, renderPermissions } from './render';

/** DescribeSecurityGroupReferences: for each of the caller's groups named, one entry per VPC on
 * the other side of an active peering whose groups have a rule referencing it. */
export function describeSecurityGroupReferences(
  ctx: CallContext,
  input: DescribeSecurityGroupReferencesRequest,
): DescribeSecurityGroupReferencesResult {
  if (!input.GroupId?.length) throw missingParameter('GroupId');
  const mine = pickByIds(SECURITY_GROUP_IDS, input.GroupId, (id) => ctx.cell.table('securityGroup').get(id));
  checkDryRun(input);
  const out: SecurityGroupReference[] = [];
  for (const g of mine) {
    for (const p of ctx.world.peeringsOfVpc(g.vpcId)) {
      if (p.status !== 'active') continue;
      const other = p.requester.vpcId === g.vpcId ? p.accepter : p.requester;
      const cell = ctx.world.existingCell(other.ownerId, other.region);
      if (!cell) continue;
      const referencing = [...cell.table('securityGroup').values()].some(
        (h) => h.vpcId === other.vpcId && h.rules.some((r) => r.group?.groupId === g.id),
      );
      if (referencing) out.push({ GroupId: g.id, ReferencingVpcId: other.vpcId, VpcPeeringConnectionId: p.id });
    }
  }
  return { SecurityGroupReferenceSet: out };
}

/** DescribeStaleSecurityGroups: the VPC's groups that have stale rules, with those rules only. */
export function describeStaleSecurityGroups(ctx: CallContext, input: DescribeStaleSecurityGroupsRequest): DescribeStaleSecurityGroupsResult {
  const v = requireVpc(ctx, input.VpcId);
  const groups = byId([...ctx.cell.table('securityGroup').values()].filter((g) => g.vpcId === v.id));
  const stale = groups.filter((g) => g.rules.some((r) => isStaleRule(ctx.world, v.id, r)));
  checkDryRun(input);
  const { page, nextToken } = paginate(stale, (g) => g.id, input.MaxResults, input.NextToken);
  // A stale rule's peer is always a group: only its pairs are listed ("IpRanges … Not applicable
  // for stale security group rules", StaleIpPermission in the API reference).
  const permissions = (rules: readonly SgRuleRec[]): StaleIpPermission[] =>
    renderPermissions(
      ctx.world,
      v.id,
      rules.filter((r) => isStaleRule(ctx.world, v.id, r)),
      true,
    ).map((p) => ({ IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort, UserIdGroupPairs: p.UserIdGroupPairs }));
  return {
    StaleSecurityGroupSet: page.map((g) => ({
      Description: g.description,
      GroupId: g.id,
      GroupName: g.name,
      StaleIpPermissions: permissions(g.rules.filter((r) => !r.egress)),
      StaleIpPermissionsEgress: permissions(g.rules.filter((r) => r.egress)),
      VpcId: g.vpcId,
    })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}
