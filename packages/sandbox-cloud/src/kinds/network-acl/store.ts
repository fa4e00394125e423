/** What other kinds ask of network ACLs: a VPC's default ACL with AWS's rules, a new subnet's
 * association with it, the IPv6 rules a VPC's new IPv6 block brings, and the caller's ACL by id. */
import type { CallContext } from '../../ec2/context';
import { assertWellFormedId, missingParameter, notFound } from '../../errors';
import type { TagMap } from '../../state/records';
import type { World } from '../../state/world';
import type { SubnetRec } from '../subnet/records';
import { vpcIpv6Blocks, type VpcRec } from '../vpc/records';
import { NETWORK_ACL_IDS, sortEntries, STAR_RULE_IPV4, STAR_RULE_IPV6, type NetworkAclEntryRec, type NetworkAclRec } from './records';

/** The `*` rules (deny everything the numbered rules let through) of one direction. */
function starEntries(egress: boolean, ipv6: boolean): NetworkAclEntryRec[] {
  const out: NetworkAclEntryRec[] = [{ ruleNumber: STAR_RULE_IPV4, egress, protocol: '-1', ruleAction: 'deny', cidrBlock: '0.0.0.0/0' }];
  if (ipv6) out.push({ ruleNumber: STAR_RULE_IPV6, egress, protocol: '-1', ruleAction: 'deny', ipv6CidrBlock: '::/0' });
  return out;
}

/** The allow-all rules a default ACL starts with in one direction: 100 for IPv4, 101 for IPv6. */
function allowAllEntries(egress: boolean, ipv6: boolean): NetworkAclEntryRec[] {
  const out: NetworkAclEntryRec[] = [{ ruleNumber: 100, egress, protocol: '-1', ruleAction: 'allow', cidrBlock: '0.0.0.0/0' }];
  if (ipv6) out.push({ ruleNumber: 101, egress, protocol: '-1', ruleAction: 'allow', ipv6CidrBlock: '::/0' });
  return out;
}

/** Stores a network ACL of `v`: a default one allows all traffic both ways (rules 100, and 101
 * for IPv6), any other denies all; both end in the `*` rules. */
export function createNetworkAclRec(world: World, v: VpcRec, isDefault: boolean, tags: TagMap): NetworkAclRec {
  const ipv6 = vpcIpv6Blocks(v).length > 0;
  const entries: NetworkAclEntryRec[] = [];
  for (const egress of [true, false]) {
    if (isDefault) entries.push(...allowAllEntries(egress, ipv6));
    entries.push(...starEntries(egress, ipv6));
  }
  sortEntries(entries);
  const acl: NetworkAclRec = { id: world.newLaterId('acl'), vpcId: v.id, ownerId: v.ownerId, region: v.region, isDefault, entries, associations: [], tags };
  world.put('networkAcl', acl);
  return acl;
}

/** The default network ACL of a VPC, if it has one. */
export function defaultNetworkAclOf(world: World, v: VpcRec): NetworkAclRec | undefined {
  const cell = world.existingCell(v.ownerId, v.region);
  if (!cell) return undefined;
  for (const acl of cell.table('networkAcl').values()) if (acl.vpcId === v.id && acl.isDefault) return acl;
  return undefined;
}

/** Associates a new subnet with its VPC's default network ACL, as AWS does at CreateSubnet. */
export function associateWithDefaultAcl(world: World, v: VpcRec, s: SubnetRec): void {
  defaultNetworkAclOf(world, v)?.associations.push({ id: world.newLaterId('aclassoc'), subnetId: s.id });
}

/** True while a direction of a default ACL still has only the rules AWS gave it. */
function untouched(acl: NetworkAclRec, egress: boolean): boolean {
  const numbered = acl.entries.filter((e) => e.egress === egress && e.ruleNumber < STAR_RULE_IPV4);
  const [only] = numbered;
  return numbered.length === 1 && only?.ruleNumber === 100 && only.ruleAction === 'allow' && only.protocol === '-1' && only.cidrBlock === '0.0.0.0/0';
}

/** A VPC got its first IPv6 block: every ACL of it gains the IPv6 `*` rules, and the default ACL
 * allows all IPv6 traffic in each direction whose rules were never changed ("Default network
 * ACL", Amazon VPC user guide). */
export function addIpv6AclEntries(ctx: CallContext, v: VpcRec): void {
  for (const acl of ctx.cell.table('networkAcl').values()) {
    if (acl.vpcId !== v.id) continue;
    for (const egress of [true, false]) {
      if (acl.isDefault && untouched(acl, egress)) acl.entries.push(...allowAllEntries(egress, true).filter((e) => e.ipv6CidrBlock));
      if (!acl.entries.some((e) => e.egress === egress && e.ruleNumber === STAR_RULE_IPV6)) acl.entries.push(...starEntries(egress, true).filter((e) => e.ipv6CidrBlock));
    }
    sortEntries(acl.entries);
  }
}

/** The caller's network ACL `id`, or AWS's error. */
export function requireNetworkAcl(ctx: CallContext, id: string | undefined): NetworkAclRec {
  if (!id) throw missingParameter('NetworkAclId');
  assertWellFormedId(NETWORK_ACL_IDS, id);
  const acl = ctx.cell.table('networkAcl').get(id);
  if (!acl) throw notFound(NETWORK_ACL_IDS, id);
  return acl;
}

/** Gives every VPC without a default network ACL one, and every subnet without an ACL an
 * association with it: what a state file written before network ACLs existed lacks. */
export function giveMissingNetworkAcls(world: World): void {
  for (const cell of world.cells()) {
    const acls = [...cell.table('networkAcl').values()];
    const associated = new Set(acls.flatMap((a) => a.associations.map((x) => x.subnetId)));
    for (const v of cell.table('vpc').values()) {
      if (!acls.some((a) => a.vpcId === v.id && a.isDefault)) createNetworkAclRec(world, v, true, {});
    }
    for (const s of cell.table('subnet').values()) {
      const v = cell.table('vpc').get(s.vpcId);
      if (v && !associated.has(s.id)) associateWithDefaultAcl(world, v, s);
    }
  }
}
