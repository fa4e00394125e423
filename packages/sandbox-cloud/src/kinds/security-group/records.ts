/** A security group's stored record (its rules, one peer each) and its id form. */
import type { IdSpec } from '../../errors';
import type { TagMap } from '../../state/records';

/** Security group ids and the errors AWS answers for a malformed or unknown one. */
export const SECURITY_GROUP_IDS: IdSpec = {
  prefix: 'sg-',
  notFound: 'InvalidGroup.NotFound',
  malformed: 'InvalidGroupId.Malformed',
  noun: 'security group',
};

/** Security group rule ids (`sgr-`, kept inside their group's record) and their errors. */
export const SECURITY_GROUP_RULE_IDS: IdSpec = {
  prefix: 'sgr-',
  notFound: 'InvalidSecurityGroupRuleId.NotFound',
  malformed: 'InvalidSecurityGroupRuleId.Malformed',
  noun: 'security group rule ID',
};

/** A security-group reference inside a rule. `vpcId` and `vpcPeeringConnectionId` are set for a
 * group in a peered VPC: the VPC it is in, and the peering the rule was made over (a later active
 * peering between the same two VPCs takes its place, see `peeringOfRef`). */
export interface GroupRefRec {
  groupId: string;
  userId: string;
  vpcId?: string;
  vpcPeeringConnectionId?: string;
}

/** One flattened security-group rule (one protocol/port range, one peer). */
export interface SgRuleRec {
  ruleId: string;
  egress: boolean;
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIpv4?: string;
  cidrIpv6?: string;
  prefixListId?: string;
  group?: GroupRefRec;
  description?: string;
  /** Its own tags (a rule is a taggable resource, `security-group-rule`). */
  tags?: TagMap;
}

/** A security group. */
export interface SecurityGroupRec {
  id: string;
  name: string;
  description: string;
  vpcId: string;
  ownerId: string;
  region: string;
  rules: SgRuleRec[];
  tags: TagMap;
}

/** A group's ARN, as CreateSecurityGroup and DescribeSecurityGroups answer it. */
export function securityGroupArn(g: SecurityGroupRec): string {
  return `arn:aws:ec2:${g.region}:${g.ownerId}:security-group/${g.id}`;
}

/** A rule's ARN (`security-group-rule/sgr-…`), as the rule describes answer it. */
export function securityGroupRuleArn(g: SecurityGroupRec, ruleId: string): string {
  return `arn:aws:ec2:${g.region}:${g.ownerId}:security-group-rule/${ruleId}`;
}
