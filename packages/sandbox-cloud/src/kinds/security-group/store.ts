/** What other kinds ask of security groups: a new group with AWS's default rules (a VPC's
 * `default` group), and the caller's group by id or name. */
import type { CallContext } from '../../ec2/context';
import { AwsError, assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { TagMap } from '../../state/records';
import type { World } from '../../state/world';
import { vpcIpv6Blocks, type VpcRec } from '../vpc/records';
import { SECURITY_GROUP_IDS, type SecurityGroupRec } from './records';

/** Stores a security group with AWS's default rules. */
export function createSecurityGroupRec(
  world: World,
  v: VpcRec,
  name: string,
  description: string,
  tags: TagMap,
  isDefault = false,
): SecurityGroupRec {
  const g: SecurityGroupRec = { id: world.newId('sg'), name, description, vpcId: v.id, ownerId: v.ownerId, region: v.region, rules: [], tags };
  // "Default security groups": all traffic from members of the group itself, all traffic out.
  if (isDefault) {
    g.rules.push({ ruleId: world.newId('sgr'), egress: false, ipProtocol: '-1', group: { groupId: g.id, userId: v.ownerId } });
  }
  g.rules.push({ ruleId: world.newId('sgr'), egress: true, ipProtocol: '-1', cidrIpv4: '0.0.0.0/0' });
  if (vpcIpv6Blocks(v).length > 0) g.rules.push({ ruleId: world.newId('sgr'), egress: true, ipProtocol: '-1', cidrIpv6: '::/0' });
  world.put('securityGroup', g);
  return g;
}

/** The caller's group by id (or by name in the default VPC), or AWS's error. */
export function requireGroup(ctx: CallContext, groupId: string | undefined, groupName?: string): SecurityGroupRec {
  if (groupId) {
    assertWellFormedId(SECURITY_GROUP_IDS, groupId);
    const g = ctx.cell.table('securityGroup').get(groupId);
    if (!g) throw notFound(SECURITY_GROUP_IDS, groupId);
    return g;
  }
  if (groupName) {
    const def = [...ctx.cell.table('vpc').values()].find((v) => v.isDefault);
    if (!def) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user. GroupName is only supported for the default VPC; use GroupId.');
    const g = [...ctx.cell.table('securityGroup').values()].find((x) => x.vpcId === def.id && x.name === groupName);
    if (!g) throw new AwsError('InvalidGroup.NotFound', `The security group '${groupName}' does not exist in default VPC '${def.id}'`);
    return g;
  }
  throw missingParameter('GroupId');
}
