/** Security group actions: Create/Delete/DescribeSecurityGroups and Authorize/Revoke ingress and
 * egress rules, with CIDR, prefix-list and security-group references.
 *
 * From the EC2 API reference and "Update your security groups to reference peer security
 * groups" (VPC peering guide): a rule may reference a group in the same VPC, or a group in a
 * peered VPC of the same region while the peering is active (account-qualified across
 * accounts); never across regions. Rules are stored one peer each and grouped by protocol and
 * ports on the wire, as DescribeSecurityGroups shows them.
 */
import type {
  AuthorizeSecurityGroupEgressRequest,
  AuthorizeSecurityGroupIngressRequest,
  AuthorizeSecurityGroupIngressResult,
  CreateSecurityGroupRequest,
  CreateSecurityGroupResult,
  DeleteSecurityGroupRequest,
  DescribeSecurityGroupsRequest,
  DescribeSecurityGroupsResult,
  IpPermission,
  RevokeSecurityGroupIngressRequest,
  RevokeSecurityGroupIngressResult,
  SecurityGroup,
  SecurityGroupRule,
  UserIdGroupPair,
} from '@aws-sdk/client-ec2';

import { formatCidr, parseCidr } from '../cidr';
import { AwsError, assertWellFormedId, invalidCombination, missingParameter, notFound } from '../errors';
import type { GroupRefRec, SecurityGroupRec, SgRuleRec, TagMap, VpcRec } from '../state/records';
import type { World } from '../state/world';
import {
  applyFilters,
  byId,
  checkDryRun,
  paginate,
  pickByIds,
  requireVpc,
  tagList,
  tagsFromSpecs,
  vpcHasDependencies,
  vpcIpv6Blocks,
  type FilterSpec,
} from './common';
import type { CallContext, VpcDeleteHook } from './context';

/** Inbound or outbound rules per group (Amazon VPC quotas: 60 each). */
const RULES_PER_DIRECTION = 60;

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
  world.putSecurityGroup(g);
  return g;
}

/** The caller's group by id (or by name in the default VPC), or AWS's error. */
export function requireGroup(ctx: CallContext, groupId: string | undefined, groupName?: string): SecurityGroupRec {
  if (groupId) {
    assertWellFormedId('securityGroup', groupId);
    const g = ctx.cell.securityGroups.get(groupId);
    if (!g) throw notFound('securityGroup', groupId);
    return g;
  }
  if (groupName) {
    const def = [...ctx.cell.vpcs.values()].find((v) => v.isDefault);
    if (!def) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user. GroupName is only supported for the default VPC; use GroupId.');
    const g = [...ctx.cell.securityGroups.values()].find((x) => x.vpcId === def.id && x.name === groupName);
    if (!g) throw new AwsError('InvalidGroup.NotFound', `The security group '${groupName}' does not exist in default VPC '${def.id}'`);
    return g;
  }
  throw missingParameter('GroupId');
}

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
function renderPermissions(world: World, rules: readonly SgRuleRec[]): IpPermission[] {
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
  };
}

function renderRule(world: World, g: SecurityGroupRec, r: SgRuleRec): SecurityGroupRule {
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
  };
}

/** CreateSecurityGroup. */
export function createSecurityGroup(ctx: CallContext, input: CreateSecurityGroupRequest): CreateSecurityGroupResult {
  const name = input.GroupName;
  if (!name) throw missingParameter('GroupName');
  if (input.Description === undefined) throw missingParameter('GroupDescription');
  if (name.length > 255 || input.Description.length > 255) {
    throw new AwsError('InvalidParameterValue', 'Group names and descriptions may be at most 255 characters long.');
  }
  if (name.toLowerCase() === 'default') throw new AwsError('InvalidGroup.Reserved', "The security group 'default' is reserved");
  if (name.startsWith('sg-')) throw new AwsError('InvalidParameterValue', "Group names may not be in the format sg-*.");
  let v: VpcRec;
  if (input.VpcId) v = requireVpc(ctx, input.VpcId);
  else {
    const def = [...ctx.cell.vpcs.values()].find((x) => x.isDefault);
    if (!def) throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user; specify VpcId.');
    v = def;
  }
  for (const g of ctx.cell.securityGroups.values()) {
    if (g.vpcId === v.id && g.name === name) {
      throw new AwsError('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${v.id}'`);
    }
  }
  const tags = tagsFromSpecs(input.TagSpecifications, 'security-group');
  checkDryRun(input);
  const g = createSecurityGroupRec(ctx.world, v, name, input.Description, tags);
  return { GroupId: g.id, ...(Object.keys(tags).length > 0 ? { Tags: tagList(tags) } : {}) };
}

/** A VPC's deletion waits for its own groups and takes its `default` group along. */
export const securityGroupsOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => {
    for (const g of ctx.cell.securityGroups.values()) if (g.vpcId === v.id && g.name !== 'default') return vpcHasDependencies(v);
    return undefined;
  },
  cascade: (ctx, v) => {
    for (const g of [...ctx.cell.securityGroups.values()]) if (g.vpcId === v.id) ctx.world.remove(g.id);
  },
};

/** DeleteSecurityGroup: never `default`, never while another group's rule references it. */
export function deleteSecurityGroup(ctx: CallContext, input: DeleteSecurityGroupRequest): void {
  const g = requireGroup(ctx, input.GroupId, input.GroupName);
  if (g.name === 'default') {
    throw new AwsError('CannotDelete', `the specified group: "${g.id}" name: "default" cannot be deleted by a user`);
  }
  for (const other of ctx.world.byId.values()) {
    if (other.kind !== 'securityGroup' || other.rec.id === g.id) continue;
    if (other.rec.rules.some((r) => r.group?.groupId === g.id)) {
      throw new AwsError('DependencyViolation', `resource ${g.id} has a dependent object (referenced by ${other.rec.id})`);
    }
  }
  checkDryRun(input);
  ctx.world.remove(g.id);
}

function permissionValues(egress: boolean, g: SecurityGroupRec, pick: (r: SgRuleRec) => string | number | undefined): (string | number | undefined)[] {
  return g.rules.filter((r) => r.egress === egress).map(pick);
}

function groupFilters(world: World): FilterSpec<SecurityGroupRec> {
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

/** DescribeSecurityGroups. */
export function describeSecurityGroups(ctx: CallContext, input: DescribeSecurityGroupsRequest): DescribeSecurityGroupsResult {
  let base: SecurityGroupRec[];
  if (input.GroupIds?.length) base = pickByIds('securityGroup', input.GroupIds, (id) => ctx.cell.securityGroups.get(id));
  else base = [...ctx.cell.securityGroups.values()];
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

const PROTOCOL_NUMBERS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };

function normalizeProtocol(raw: string | undefined, where: string): string {
  if (raw === undefined || raw === '') throw missingParameter(`${where}.IpProtocol`);
  const p = raw.toLowerCase();
  const mapped = PROTOCOL_NUMBERS[p] ?? p;
  if (['tcp', 'udp', 'icmp', 'icmpv6', '-1'].includes(mapped)) return mapped;
  if (/^\d+$/.test(mapped) && Number(mapped) <= 255) return mapped;
  throw new AwsError('InvalidParameterValue', `Invalid value '${raw}' for IP protocol. Unknown protocol.`);
}

function readPorts(protocol: string, from: number | undefined, to: number | undefined): { fromPort?: number; toPort?: number } {
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined) {
      throw new AwsError('InvalidParameterValue', `Invalid value for portRange. Must specify both from and to ports with TCP/UDP.`);
    }
    if (from < 0 || to > 65535 || from > to) {
      throw new AwsError('InvalidParameterValue', `Invalid ${protocol.toUpperCase()} port range ${from}-${to}: ports are 0-65535 and from <= to.`);
    }
    return { fromPort: from, toPort: to };
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const f = from ?? -1;
    const t = to ?? -1;
    if (f < -1 || f > 255 || t < -1 || t > 255) {
      throw new AwsError('InvalidParameterValue', `Invalid ICMP type/code ${f}/${t}: use -1 for all, or 0-255.`);
    }
    return { fromPort: f, toPort: t };
  }
  return {};
}

/** Resolves a referenced group under the peering rules, or throws AWS's "does not exist". */
function resolveGroupRef(ctx: CallContext, target: SecurityGroupRec, pair: UserIdGroupPair): GroupRefRec {
  let ref: SecurityGroupRec | undefined;
  if (pair.GroupId) {
    assertWellFormedId('securityGroup', pair.GroupId);
    const found = ctx.world.byId.get(pair.GroupId);
    ref = found?.kind === 'securityGroup' ? found.rec : undefined;
  } else if (pair.GroupName) {
    ref = [...ctx.cell.securityGroups.values()].find((g) => g.vpcId === target.vpcId && g.name === pair.GroupName);
  } else {
    throw missingParameter('UserIdGroupPairs.N.GroupId');
  }
  const missing = (): AwsError => new AwsError('InvalidGroup.NotFound', `The security group '${pair.GroupId ?? pair.GroupName}' does not exist`);
  if (!ref || ref.region !== target.region) throw missing();
  if (pair.UserId && pair.UserId !== ref.ownerId) throw missing();
  if (ref.vpcId === target.vpcId) return { groupId: ref.id, userId: ref.ownerId };
  // Another VPC: only through an active peering between the two VPCs, in this region.
  const via = ctx.world
    .peeringsOfVpc(target.vpcId)
    .find(
      (p) =>
        p.status === 'active' &&
        ((p.requester.vpcId === target.vpcId && p.accepter.vpcId === ref.vpcId) ||
          (p.accepter.vpcId === target.vpcId && p.requester.vpcId === ref.vpcId)),
    );
  if (!via || via.requester.region !== via.accepter.region) throw missing();
  if (pair.VpcPeeringConnectionId && pair.VpcPeeringConnectionId !== via.id) throw missing();
  return { groupId: ref.id, userId: ref.ownerId, vpcId: ref.vpcId, vpcPeeringConnectionId: via.id };
}

type RuleDraft = Omit<SgRuleRec, 'ruleId'>;

function draftRules(ctx: CallContext, g: SecurityGroupRec, egress: boolean, input: AuthorizeSecurityGroupIngressRequest): RuleDraft[] {
  const legacy = input.CidrIp !== undefined || input.IpProtocol !== undefined || input.FromPort !== undefined || input.ToPort !== undefined;
  if (input.SourceSecurityGroupName !== undefined || input.SourceSecurityGroupOwnerId !== undefined) {
    throw new AwsError(
      'InvalidParameterValue',
      'SourceSecurityGroupName/SourceSecurityGroupOwnerId apply to EC2-Classic and the default VPC only; use IpPermissions with UserIdGroupPairs.',
    );
  }
  if (legacy && input.IpPermissions?.length) {
    throw invalidCombination('The parameter IpPermissions cannot be used with the parameters CidrIp, IpProtocol, FromPort or ToPort.');
  }
  const perms: IpPermission[] = legacy
    ? [{ IpProtocol: input.IpProtocol, FromPort: input.FromPort, ToPort: input.ToPort, IpRanges: input.CidrIp ? [{ CidrIp: input.CidrIp }] : [] }]
    : (input.IpPermissions ?? []);
  if (perms.length === 0) throw missingParameter('IpPermissions');
  const out: RuleDraft[] = [];
  perms.forEach((perm, i) => {
    const where = `IpPermissions.${i + 1}`;
    const ipProtocol = normalizeProtocol(perm.IpProtocol, where);
    const ports = readPorts(ipProtocol, perm.FromPort, perm.ToPort);
    const base = { egress, ipProtocol, ...ports };
    let peers = 0;
    for (const r of perm.IpRanges ?? []) {
      const c = r.CidrIp ? parseCidr(r.CidrIp) : undefined;
      if (!c || c.family !== 4) throw new AwsError('InvalidParameterValue', `CIDR block ${r.CidrIp ?? ''} is malformed`);
      out.push({ ...base, cidrIpv4: formatCidr(c), ...(r.Description ? { description: r.Description } : {}) });
      peers++;
    }
    for (const r of perm.Ipv6Ranges ?? []) {
      const c = r.CidrIpv6 ? parseCidr(r.CidrIpv6) : undefined;
      if (!c || c.family !== 6) throw new AwsError('InvalidParameterValue', `CIDR block ${r.CidrIpv6 ?? ''} is malformed`);
      out.push({ ...base, cidrIpv6: formatCidr(c), ...(r.Description ? { description: r.Description } : {}) });
      peers++;
    }
    for (const r of perm.PrefixListIds ?? []) {
      if (!r.PrefixListId || !/^pl-[0-9a-f]+$/.test(r.PrefixListId)) {
        throw new AwsError('InvalidPrefixListId.Malformed', `Invalid id: "${r.PrefixListId ?? ''}" (expecting "pl-...")`);
      }
      out.push({ ...base, prefixListId: r.PrefixListId, ...(r.Description ? { description: r.Description } : {}) });
      peers++;
    }
    for (const pair of perm.UserIdGroupPairs ?? []) {
      out.push({ ...base, group: resolveGroupRef(ctx, g, pair), ...(pair.Description ? { description: pair.Description } : {}) });
      peers++;
    }
    if (peers === 0) {
      throw new AwsError('InvalidParameterValue', `${where} needs a source or destination: IpRanges, Ipv6Ranges, PrefixListIds or UserIdGroupPairs.`);
    }
  });
  return out;
}

function sameRule(a: RuleDraft, b: RuleDraft): boolean {
  return (
    a.egress === b.egress &&
    a.ipProtocol === b.ipProtocol &&
    (a.fromPort ?? -1) === (b.fromPort ?? -1) &&
    (a.toPort ?? -1) === (b.toPort ?? -1) &&
    a.cidrIpv4 === b.cidrIpv4 &&
    a.cidrIpv6 === b.cidrIpv6 &&
    a.prefixListId === b.prefixListId &&
    a.group?.groupId === b.group?.groupId
  );
}

function describeRule(r: RuleDraft): string {
  const peer = r.cidrIpv4 ?? r.cidrIpv6 ?? r.prefixListId ?? r.group?.groupId ?? '';
  const proto = r.ipProtocol === '-1' ? 'ALL' : r.ipProtocol.toUpperCase();
  return `peer: ${peer}, ${proto}, from port: ${r.fromPort ?? -1}, to port: ${r.toPort ?? -1}, ALLOW`;
}

function authorize(
  ctx: CallContext,
  egress: boolean,
  input: AuthorizeSecurityGroupIngressRequest,
): AuthorizeSecurityGroupIngressResult {
  const g = requireGroup(ctx, input.GroupId, egress ? undefined : input.GroupName);
  const drafts = draftRules(ctx, g, egress, input);
  drafts.forEach((d, i) => {
    if (g.rules.some((r) => sameRule(r, d)) || drafts.slice(0, i).some((x) => sameRule(x, d))) {
      throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(d)}" already exists`);
    }
  });
  if (g.rules.filter((r) => r.egress === egress).length + drafts.length > RULES_PER_DIRECTION) {
    throw new AwsError('RulesPerSecurityGroupLimitExceeded', 'The maximum number of rules per security group has been reached.');
  }
  const tags = tagsFromSpecs(input.TagSpecifications, 'security-group-rule');
  checkDryRun(input);
  const added = drafts.map((d) => ({ ruleId: ctx.world.newId('sgr'), ...d }));
  g.rules.push(...added);
  return {
    Return: true,
    SecurityGroupRules: added.map((r) => ({ ...renderRule(ctx.world, g, r), ...(Object.keys(tags).length ? { Tags: tagList(tags) } : {}) })),
  };
}

/** AuthorizeSecurityGroupIngress. */
export function authorizeSecurityGroupIngress(ctx: CallContext, input: AuthorizeSecurityGroupIngressRequest): AuthorizeSecurityGroupIngressResult {
  return authorize(ctx, false, input);
}

/** AuthorizeSecurityGroupEgress. */
export function authorizeSecurityGroupEgress(ctx: CallContext, input: AuthorizeSecurityGroupEgressRequest): AuthorizeSecurityGroupIngressResult {
  return authorize(ctx, true, input as AuthorizeSecurityGroupIngressRequest);
}

function revoke(ctx: CallContext, egress: boolean, input: RevokeSecurityGroupIngressRequest): RevokeSecurityGroupIngressResult {
  const g = requireGroup(ctx, input.GroupId, egress ? undefined : input.GroupName);
  const vpc = ctx.cell.vpcs.get(g.vpcId);
  if (input.SecurityGroupRuleIds?.length) {
    const ids = input.SecurityGroupRuleIds;
    for (const id of ids) {
      if (!g.rules.some((r) => r.ruleId === id && r.egress === egress)) {
        throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
      }
    }
    checkDryRun(input);
    g.rules = g.rules.filter((r) => !ids.includes(r.ruleId));
    return { Return: true };
  }
  // References to groups that are gone or no longer peered still match by group id.
  const lenient: RevokeSecurityGroupIngressRequest = {
    ...input,
    IpPermissions: input.IpPermissions?.map((p) => ({ ...p, UserIdGroupPairs: [] })),
  };
  const drafts = draftRulesForRevoke(ctx, g, egress, input, lenient);
  const matched = drafts.filter((d) => g.rules.some((r) => sameRule(r, d)));
  const unknown = drafts.filter((d) => !g.rules.some((r) => sameRule(r, d)));
  // Outside the default VPC an unknown rule is an error ("[Default VPC] … no error is returned").
  if (unknown.length > 0 && !vpc?.isDefault) {
    throw new AwsError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
  }
  checkDryRun(input);
  g.rules = g.rules.filter((r) => !matched.some((d) => sameRule(r, d)));
  return {
    Return: true,
    ...(unknown.length > 0 ? { UnknownIpPermissions: renderPermissions(ctx.world, unknown.map((d) => ({ ruleId: '', ...d }))) } : {}),
  };
}

function draftRulesForRevoke(
  ctx: CallContext,
  g: SecurityGroupRec,
  egress: boolean,
  input: RevokeSecurityGroupIngressRequest,
  withoutPairs: RevokeSecurityGroupIngressRequest,
): RuleDraft[] {
  const hasPeers = (p: IpPermission): boolean =>
    (p.IpRanges?.length ?? 0) + (p.Ipv6Ranges?.length ?? 0) + (p.PrefixListIds?.length ?? 0) > 0;
  const drafts: RuleDraft[] = [];
  const perms = input.IpPermissions ?? [];
  const plain = (withoutPairs.IpPermissions ?? []).filter(hasPeers);
  if (plain.length > 0 || perms.length === 0) {
    drafts.push(...draftRules(ctx, g, egress, { ...withoutPairs, IpPermissions: plain.length > 0 ? plain : withoutPairs.IpPermissions }));
  }
  perms.forEach((perm, i) => {
    for (const pair of perm.UserIdGroupPairs ?? []) {
      if (!pair.GroupId) throw missingParameter(`IpPermissions.${i + 1}.Groups.N.GroupId`);
      const ipProtocol = normalizeProtocol(perm.IpProtocol, `IpPermissions.${i + 1}`);
      drafts.push({ egress, ipProtocol, ...readPorts(ipProtocol, perm.FromPort, perm.ToPort), group: { groupId: pair.GroupId, userId: pair.UserId ?? '' } });
    }
  });
  return drafts;
}

/** RevokeSecurityGroupIngress. */
export function revokeSecurityGroupIngress(ctx: CallContext, input: RevokeSecurityGroupIngressRequest): RevokeSecurityGroupIngressResult {
  return revoke(ctx, false, input);
}

/** RevokeSecurityGroupEgress. */
export function revokeSecurityGroupEgress(ctx: CallContext, input: RevokeSecurityGroupIngressRequest): RevokeSecurityGroupIngressResult {
  return revoke(ctx, true, input);
}
