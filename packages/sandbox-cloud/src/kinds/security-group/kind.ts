/** The security group kind: ids `sg-`, a table per cell, its actions (rules included), its part
 * in a VPC's deletion, and its rules as resources of their own (ids `sgr-`, tags). */
import { read, write, type CallContext } from '../../ec2/context';
import { cellTable, type KindDef, type TaggedPart } from '../kind';
import { createSecurityGroup, deleteSecurityGroup, describeSecurityGroupRules, describeSecurityGroups, securityGroupsOnVpcDelete } from './actions';
import { SECURITY_GROUP_IDS, SECURITY_GROUP_RULE_IDS, type SgRuleRec } from './records';
import { describeSecurityGroupReferences, describeStaleSecurityGroups } from './references';
import {
  authorizeSecurityGroupEgress,
  authorizeSecurityGroupIngress,
  modifySecurityGroupRules,
  revokeSecurityGroupEgress,
  revokeSecurityGroupIngress,
} from './rules';

/** Every rule of the caller's groups here. */
function* rulesOf(ctx: CallContext): Iterable<SgRuleRec> {
  for (const g of ctx.cell.table('securityGroup').values()) yield* g.rules;
}

/** Rules as taggable resources (`security-group-rule`); a rule's tag map appears when first set. */
const RULE_TAGS: TaggedPart = {
  ids: SECURITY_GROUP_RULE_IDS,
  tagType: 'security-group-rule',
  tags: {
    of: (ctx, id) => {
      for (const r of rulesOf(ctx)) if (r.ruleId === id) return (r.tags ??= {});
      return undefined;
    },
    seen: function* (ctx) {
      for (const r of rulesOf(ctx)) yield { id: r.ruleId, tags: r.tags };
    },
  },
};

export const SECURITY_GROUP_KIND = {
  ids: SECURITY_GROUP_IDS,
  tagType: 'security-group',
  actions: {
    CreateSecurityGroup: write(createSecurityGroup),
    DeleteSecurityGroup: write(deleteSecurityGroup),
    DescribeSecurityGroups: read(describeSecurityGroups),
    AuthorizeSecurityGroupIngress: write(authorizeSecurityGroupIngress),
    AuthorizeSecurityGroupEgress: write(authorizeSecurityGroupEgress),
    RevokeSecurityGroupIngress: write(revokeSecurityGroupIngress),
    RevokeSecurityGroupEgress: write(revokeSecurityGroupEgress),
    DescribeSecurityGroupRules: read(describeSecurityGroupRules),
    ModifySecurityGroupRules: write(modifySecurityGroupRules),
    DescribeSecurityGroupReferences: read(describeSecurityGroupReferences),
    DescribeStaleSecurityGroups: read(describeStaleSecurityGroups),
  },
  onVpcDelete: securityGroupsOnVpcDelete,
  taggedParts: [RULE_TAGS],
  ...cellTable('securityGroup', 'securityGroups'),
} satisfies KindDef<'securityGroup'>;
