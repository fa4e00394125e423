/** The filters DescribeSecurityGroups accepts (besides `tag:<key>`, `tag-key` and `tag-value`);
 * rule filters name referenced groups, so they read the world. And those of
 * DescribeSecurityGroupRules. */
import type { FilterSpec } from '../../ec2/common';
import type { World } from '../../state/world';
import type { SecurityGroupRec, SgRuleRec } from './records';

function permissionValues(egress: boolean, g: SecurityGroupRec, pick: (r: SgRuleRec) => string | number | undefined): (string | number | undefined)[] {
  return g.rules.filter((r) => r.egress === egress).map(pick);
}

/** The filters, reading referenced groups' names from `world`. */
export function groupFilters(world: World): FilterSpec<SecurityGroupRec> {
  const spec: Record<string, (g: SecurityGroupRec) => (string | number | undefined)[] | string> = {
    description: (g) => g.description,
    'group-id': (g) => g.id,
    'group-name': (g) => g.name,
    'owner-id': (g) => g.ownerId,
    'vpc-id': (g) => g.vpcId,
  };
  for (const [prefix, egress] of [
    ['ip-permission', false],
    ['egress.ip-permission', true],
  ] as const) {
    spec[`${prefix}.cidr`] = (g) => permissionValues(egress, g, (r) => r.cidrIpv4);
    spec[`${prefix}.ipv6-cidr`] = (g) => permissionValues(egress, g, (r) => r.cidrIpv6);
    spec[`${prefix}.from-port`] = (g) => permissionValues(egress, g, (r) => r.fromPort ?? -1);
    spec[`${prefix}.to-port`] = (g) => permissionValues(egress, g, (r) => r.toPort ?? -1);
    spec[`${prefix}.protocol`] = (g) => permissionValues(egress, g, (r) => r.ipProtocol);
    spec[`${prefix}.group-id`] = (g) => permissionValues(egress, g, (r) => r.group?.groupId);
    spec[`${prefix}.user-id`] = (g) => permissionValues(egress, g, (r) => r.group?.userId);
    spec[`${prefix}.prefix-list-id`] = (g) => permissionValues(egress, g, (r) => r.prefixListId);
    spec[`${prefix}.group-name`] = (g) =>
      permissionValues(egress, g, (r) => {
        const ref = r.group ? world.byId.get(r.group.groupId) : undefined;
        return ref?.kind === 'securityGroup' ? ref.rec.name : undefined;
      });
  }
  return spec;
}

/** A rule with its group, as DescribeSecurityGroupRules lists it (by rule id). */
export interface RuleRow {
  readonly id: string;
  readonly group: SecurityGroupRec;
  readonly rule: SgRuleRec;
}

/** The filters DescribeSecurityGroupRules accepts besides the tag filters (EC2 API reference). */
export const RULE_FILTERS: FilterSpec<RuleRow> = {
  'group-id': (x) => x.group.id,
  'security-group-rule-id': (x) => x.rule.ruleId,
};
