/** Security group actions: Create/Delete/DescribeSecurityGroups and DescribeSecurityGroupRules
 * (the rules' other actions are in `rules.ts`, what peered VPCs' rules do in `references.ts`).
 *
 * From the EC2 API reference and "Update your security groups to reference peer security
 * groups" (VPC peering guide): a rule may reference a group in the same VPC, or a group in a
 * peered VPC of the same region while the peering is active (account-qualified across
 * accounts); never across regions. Rules are stored one peer each and grouped by protocol and
 * ports on the wire, as DescribeSecurityGroups shows them.
 */
import type {
  CreateSecurityGroupRequest,
  CreateSecurityGroupResult,
  DeleteSecurityGroupRequest,
  DeleteSecurityGroupResult,
  DescribeSecurityGroupRulesRequest,
  DescribeSecurityGroupRulesResult,
  DescribeSecurityGroupsRequest,
  DescribeSecurityGroupsResult,
} from '@aws-sdk/client-ec2';

import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext, VpcDeleteHook } from '../../ec2/context';
import { AwsError, missingParameter } from '../../errors';
import type { VpcRec } from '../vpc/records';
import { requireVpc, vpcHasDependencies } from '../vpc/store';
import { groupFilters, RULE_FILTERS, type RuleRow } from './filters';
import { SECURITY_GROUP_IDS, SECURITY_GROUP_RULE_IDS, securityGroupArn, type SecurityGroupRec } from './records';
import { renderGroup, renderRule } from './render';
import { createSecurityGroupRec, requireGroup } from './store';

/** CreateSecurityGroup. */
export function createSecurityGroup(ctx: CallContext, input: CreateSecurityGroupRequest): CreateSecurityGroupResult {
  const name = input.GroupName;
  if (!name) throw missingParameter('GroupName');
  // An empty description counts as a missing one (AWS answers MissingParameter for both).
  if (!input.Description) throw missingParameter('GroupDescription');
  if (name.length > 255 || input.Description.length > 255) {
    throw new AwsError('InvalidParameterValue', 'Group names and descriptions may be at most 255 characters long.');
  }
  if (name.toLowerCase() === 'default') throw new AwsError('InvalidGroup.Reserved', "The security group 'default' is reserved");
  if (name.startsWith('sg-')) throw new AwsError('InvalidParameterValue', "Group names may not be in the format sg-*.");
  let v: VpcRec;
  if (input.VpcId) v = requireVpc(ctx, input.VpcId);
  else {
    const def = [...ctx.cell.table('vpc').values()].find((x) => x.isDefault);
    if (!def) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user; specify VpcId.');
    v = def;
  }
  for (const g of ctx.cell.table('securityGroup').values()) {
    if (g.vpcId === v.id && g.name === name) {
      throw new AwsError('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${v.id}'`);
    }
  }
  const tags = tagsFromSpecs(input.TagSpecifications, 'security-group');
  checkDryRun(input);
  const g = createSecurityGroupRec(ctx.world, v, name, input.Description, tags);
  return { GroupId: g.id, ...(Object.keys(tags).length > 0 ? { Tags: tagList(tags) } : {}), SecurityGroupArn: securityGroupArn(g) };
}

/** A VPC's deletion waits for its own groups and takes its `default` group along. */
export const securityGroupsOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => {
    for (const g of ctx.cell.table('securityGroup').values()) if (g.vpcId === v.id && g.name !== 'default') return vpcHasDependencies(v);
    return undefined;
  },
  cascade: (ctx, v) => {
    for (const g of [...ctx.cell.table('securityGroup').values()]) if (g.vpcId === v.id) ctx.world.remove(g.id);
  },
};

/** DeleteSecurityGroup: never `default`, never while another group of its VPC references it or
 * another kind uses it (a network interface). Rules
 * in peered VPCs do not hold it: "if the owner of the peer VPC deletes the referenced security
 * group, the security group rule becomes stale" (VPC Peering Guide). */
export function deleteSecurityGroup(ctx: CallContext, input: DeleteSecurityGroupRequest): DeleteSecurityGroupResult {
  const g = requireGroup(ctx, input.GroupId, input.GroupName);
  if (g.name === 'default') {
    throw new AwsError('CannotDelete', `the specified group: "${g.id}" name: "default" cannot be deleted by a user`);
  }
  for (const other of ctx.cell.table('securityGroup').values()) {
    if (other.id === g.id || other.vpcId !== g.vpcId) continue;
    if (other.rules.some((r) => r.group?.groupId === g.id)) {
      throw new AwsError('DependencyViolation', `resource ${g.id} has a dependent object (referenced by ${other.id})`);
    }
  }
  for (const hook of ctx.onSecurityGroupDelete) {
    const refusal = hook.refuse?.(ctx, g);
    if (refusal) throw refusal;
  }
  checkDryRun(input);
  ctx.world.remove(g.id);
  return { Return: true, GroupId: g.id };
}

/** DescribeSecurityGroups. */
export function describeSecurityGroups(ctx: CallContext, input: DescribeSecurityGroupsRequest): DescribeSecurityGroupsResult {
  let base: SecurityGroupRec[];
  if (input.GroupIds?.length) base = pickByIds(SECURITY_GROUP_IDS, input.GroupIds, (id) => ctx.cell.table('securityGroup').get(id));
  else base = [...ctx.cell.table('securityGroup').values()];
  if (input.GroupNames?.length) {
    const byName = input.GroupNames.map((n) => requireGroup(ctx, undefined, n));
    const ids = new Set(byName.map((g) => g.id));
    base = input.GroupIds?.length ? base.filter((g) => ids.has(g.id)) : byName;
  }
  const filtered = applyFilters(byId(base), input.Filters, groupFilters(ctx.world), (g) => g.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (g) => g.id, input.MaxResults, input.NextToken);
  return { SecurityGroups: page.map((g) => renderGroup(ctx.world, g)), ...(nextToken ? { NextToken: nextToken } : {}) };
}

/** DescribeSecurityGroupRules: the rules of the caller's groups in this region, by rule id. */
export function describeSecurityGroupRules(ctx: CallContext, input: DescribeSecurityGroupRulesRequest): DescribeSecurityGroupRulesResult {
  const rows = new Map<string, RuleRow>();
  for (const group of ctx.cell.table('securityGroup').values()) for (const rule of group.rules) rows.set(rule.ruleId, { id: rule.ruleId, group, rule });
  const base = input.SecurityGroupRuleIds?.length ? pickByIds(SECURITY_GROUP_RULE_IDS, input.SecurityGroupRuleIds, (id) => rows.get(id)) : rows.values();
  const filtered = applyFilters(byId(base), input.Filters, RULE_FILTERS, (x) => x.rule.tags ?? {});
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (x) => x.id, input.MaxResults, input.NextToken);
  return { SecurityGroupRules: page.map((x) => renderRule(ctx.world, x.group, x.rule)), ...(nextToken ? { NextToken: nextToken } : {}) };
}
