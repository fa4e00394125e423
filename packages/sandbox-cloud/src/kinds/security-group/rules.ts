/** Security group rule actions: Authorize/Revoke ingress and egress rules, with CIDR,
 * prefix-list and security-group references, and ModifySecurityGroupRules by rule id.
 *
 * From the EC2 API reference and "Update your security groups to reference peer security
 * groups" (VPC peering guide): a rule may reference a group in the same VPC, or a group in a
 * peered VPC of the same region while the peering is active (account-qualified across
 * accounts); never across regions. Rules are stored one peer each.
 */
import type {
  AuthorizeSecurityGroupEgressRequest,
  AuthorizeSecurityGroupIngressRequest,
  AuthorizeSecurityGroupIngressResult,
  IpPermission,
  ModifySecurityGroupRulesRequest,
  ModifySecurityGroupRulesResult,
  RevokeSecurityGroupIngressRequest,
  RevokeSecurityGroupIngressResult,
  UserIdGroupPair,
} from '@aws-sdk/client-ec2';

import { formatCidr, parseCidr } from '../../cidr';
import { checkDryRun, tagsFromSpecs } from '../../ec2/common';
import type { CallContext } from '../../ec2/context';
import { AwsError, assertWellFormedId, invalidCombination, missingParameter, notFound } from '../../errors';
import { assertUsablePrefixList } from '../prefix-list/store';
import { SECURITY_GROUP_IDS, SECURITY_GROUP_RULE_IDS, type GroupRefRec, type SecurityGroupRec, type SgRuleRec } from './records';
import { renderPermissions, renderRule } from './render';
import { requireGroup } from './store';

/** Inbound or outbound rules per group (Amazon VPC quotas: 60 each). */
const RULES_PER_DIRECTION = 60;

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
    assertWellFormedId(SECURITY_GROUP_IDS, pair.GroupId);
    const found = ctx.world.byId.get(pair.GroupId);
    ref = found?.kind === 'securityGroup' ? found.rec : undefined;
  } else if (pair.GroupName) {
    ref = [...ctx.cell.table('securityGroup').values()].find((g) => g.vpcId === target.vpcId && g.name === pair.GroupName);
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

function draftRules(
  ctx: CallContext,
  g: SecurityGroupRec,
  egress: boolean,
  input: AuthorizeSecurityGroupIngressRequest,
  whereOf: (i: number) => string = (i) => `IpPermissions.${i + 1}`,
): RuleDraft[] {
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
    const where = whereOf(i);
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
      assertUsablePrefixList(ctx, r.PrefixListId);
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
  const added: SgRuleRec[] = drafts.map((d) => ({ ruleId: ctx.world.newId('sgr'), ...d, ...(Object.keys(tags).length > 0 ? { tags: { ...tags } } : {}) }));
  g.rules.push(...added);
  return { Return: true, SecurityGroupRules: added.map((r) => renderRule(ctx.world, g, r)) };
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
  const vpc = ctx.cell.table('vpc').get(g.vpcId);
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
    ...(unknown.length > 0 ? { UnknownIpPermissions: renderPermissions(ctx.world, g.vpcId, unknown.map((d) => ({ ruleId: '', ...d }))) } : {}),
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

/** ModifySecurityGroupRules: each named rule of the group takes the protocol, ports, one peer
 * (`CidrIpv4`, `CidrIpv6`, `PrefixListId` or `ReferencedGroupId`) and description given, and keeps
 * its id, direction and tags; the result may not duplicate another rule of the group. */
export function modifySecurityGroupRules(ctx: CallContext, input: ModifySecurityGroupRulesRequest): ModifySecurityGroupRulesResult {
  const g = requireGroup(ctx, input.GroupId);
  const updates = input.SecurityGroupRules ?? [];
  if (updates.length === 0) throw missingParameter('SecurityGroupRule');
  const replaced = updates.map((u, i): SgRuleRec => {
    const where = `SecurityGroupRule.${i + 1}`;
    if (!u.SecurityGroupRuleId) throw missingParameter(`${where}.SecurityGroupRuleId`);
    assertWellFormedId(SECURITY_GROUP_RULE_IDS, u.SecurityGroupRuleId);
    const current = g.rules.find((r) => r.ruleId === u.SecurityGroupRuleId);
    if (!current) throw notFound(SECURITY_GROUP_RULE_IDS, u.SecurityGroupRuleId);
    const req = u.SecurityGroupRule;
    if (!req) throw missingParameter(`${where}.SecurityGroupRule`);
    const peers = [req.CidrIpv4, req.CidrIpv6, req.PrefixListId, req.ReferencedGroupId].filter((x) => x !== undefined);
    if (peers.length > 1) throw invalidCombination('Only one of cidrIp, cidrIpv6, prefixListId, or referencedGroupId can be specified');
    if (peers.length === 0) {
      throw new AwsError('MissingParameter', 'The request must contain exactly one of: cidrIp, cidrIpv6, prefixListId, or referencedGroupId');
    }
    const d = req.Description !== undefined ? { Description: req.Description } : {};
    const perm: IpPermission = {
      IpProtocol: req.IpProtocol,
      FromPort: req.FromPort,
      ToPort: req.ToPort,
      IpRanges: req.CidrIpv4 !== undefined ? [{ CidrIp: req.CidrIpv4, ...d }] : [],
      Ipv6Ranges: req.CidrIpv6 !== undefined ? [{ CidrIpv6: req.CidrIpv6, ...d }] : [],
      PrefixListIds: req.PrefixListId !== undefined ? [{ PrefixListId: req.PrefixListId, ...d }] : [],
      UserIdGroupPairs: req.ReferencedGroupId !== undefined ? [{ GroupId: req.ReferencedGroupId, ...d }] : [],
    };
    const [draft] = draftRules(ctx, g, current.egress, { IpPermissions: [perm] }, () => `${where}.SecurityGroupRule`);
    return { ruleId: current.ruleId, ...(draft as RuleDraft), ...(current.tags ? { tags: current.tags } : {}) };
  });
  const ids = new Set(replaced.map((r) => r.ruleId));
  const kept = g.rules.filter((r) => !ids.has(r.ruleId));
  replaced.forEach((r, i) => {
    if (kept.some((k) => sameRule(k, r)) || replaced.slice(0, i).some((x) => sameRule(x, r))) {
      throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(r)}" already exists`);
    }
  });
  checkDryRun(input);
  const byRuleId = new Map(replaced.map((r) => [r.ruleId, r]));
  g.rules = g.rules.map((r) => byRuleId.get(r.ruleId) ?? r);
  return { Return: true };
}
