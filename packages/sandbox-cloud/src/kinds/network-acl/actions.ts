/** Network ACL actions: Create/Delete/DescribeNetworkAcls, Create/Replace/DeleteNetworkAclEntry,
 * ReplaceNetworkAclAssociation.
 *
 * From "Control subnet traffic with network ACLs" (Amazon VPC user guide) and the EC2 API
 * reference: every VPC has a default ACL that allows all traffic and cannot be deleted; every
 * subnet is associated with exactly one ACL (the VPC's default one until
 * ReplaceNetworkAclAssociation moves it); a new ACL denies all traffic; each direction ends in
 * the `*` rules, shown as 32767 (and 32768 for IPv6), which cannot be changed; other rules are
 * numbered 1 to 32766 per direction; a protocol given by name is stored as its number; ports
 * count for TCP and UDP only, ICMP type and code for ICMP and ICMPv6 only.
 */
import type {
  CreateNetworkAclEntryRequest,
  CreateNetworkAclRequest,
  CreateNetworkAclResult,
  DeleteNetworkAclEntryRequest,
  DeleteNetworkAclRequest,
  DescribeNetworkAclsRequest,
  DescribeNetworkAclsResult,
  NetworkAcl,
  NetworkAclEntry,
  ReplaceNetworkAclAssociationRequest,
  ReplaceNetworkAclAssociationResult,
  ReplaceNetworkAclEntryRequest,
} from '@aws-sdk/client-ec2';

import { formatCidr, parseCidr } from '../../cidr';
import { applyFilters, byId, checkDryRun, paginate, pickByIds, tagList, tagsFromSpecs } from '../../ec2/common';
import type { CallContext, SubnetDeleteHook, VpcDeleteHook } from '../../ec2/context';
import { AwsError, invalidCombination, invalidValue, missingParameter } from '../../errors';
import { requireVpc, vpcHasDependencies } from '../vpc/store';
import { NETWORK_ACL_FILTERS } from './filters';
import { NETWORK_ACL_IDS, sortEntries, type NetworkAclEntryRec, type NetworkAclRec } from './records';
import { createNetworkAclRec, requireNetworkAcl } from './store';

function renderEntry(e: NetworkAclEntryRec): NetworkAclEntry {
  return {
    ...(e.cidrBlock ? { CidrBlock: e.cidrBlock } : {}),
    Egress: e.egress,
    ...(e.icmpTypeCode ? { IcmpTypeCode: { Code: e.icmpTypeCode.code, Type: e.icmpTypeCode.type } } : {}),
    ...(e.ipv6CidrBlock ? { Ipv6CidrBlock: e.ipv6CidrBlock } : {}),
    ...(e.portRange ? { PortRange: { From: e.portRange.from, To: e.portRange.to } } : {}),
    Protocol: e.protocol,
    RuleAction: e.ruleAction,
    RuleNumber: e.ruleNumber,
  };
}

/** The wire form of a network ACL. */
export function renderNetworkAcl(acl: NetworkAclRec): NetworkAcl {
  return {
    Associations: acl.associations.map((a) => ({ NetworkAclAssociationId: a.id, NetworkAclId: acl.id, SubnetId: a.subnetId })),
    Entries: acl.entries.map(renderEntry),
    IsDefault: acl.isDefault,
    NetworkAclId: acl.id,
    ...(Object.keys(acl.tags).length > 0 ? { Tags: tagList(acl.tags) } : {}),
    VpcId: acl.vpcId,
    OwnerId: acl.ownerId,
  };
}

/** CreateNetworkAcl: a new ACL denies all traffic until rules are added. */
export function createNetworkAcl(ctx: CallContext, input: CreateNetworkAclRequest): CreateNetworkAclResult {
  const v = requireVpc(ctx, input.VpcId);
  const tags = tagsFromSpecs(input.TagSpecifications, 'network-acl');
  checkDryRun(input);
  return { NetworkAcl: renderNetworkAcl(createNetworkAclRec(ctx.world, v, false, tags)) };
}

/** DeleteNetworkAcl: never the default ACL, never one a subnet is associated with. */
export function deleteNetworkAcl(ctx: CallContext, input: DeleteNetworkAclRequest): void {
  const acl = requireNetworkAcl(ctx, input.NetworkAclId);
  if (acl.isDefault) throw new AwsError('InvalidParameterValue', `cannot delete default network ACL ${acl.id}`);
  if (acl.associations.length > 0) {
    throw new AwsError('DependencyViolation', `The networkAcl '${acl.id}' has dependencies and cannot be deleted.`);
  }
  checkDryRun(input);
  ctx.world.remove(acl.id);
}

/** DescribeNetworkAcls. */
export function describeNetworkAcls(ctx: CallContext, input: DescribeNetworkAclsRequest): DescribeNetworkAclsResult {
  const table = ctx.cell.table('networkAcl');
  const base = input.NetworkAclIds?.length ? pickByIds(NETWORK_ACL_IDS, input.NetworkAclIds, (id) => table.get(id)) : table.values();
  const filtered = applyFilters(byId(base), input.Filters, NETWORK_ACL_FILTERS, (a) => a.tags);
  checkDryRun(input);
  const { page, nextToken } = paginate(filtered, (a) => a.id, input.MaxResults, input.NextToken);
  return { NetworkAcls: page.map(renderNetworkAcl), ...(nextToken ? { NextToken: nextToken } : {}) };
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { all: '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };

function readProtocol(text: string | undefined): string {
  if (text === undefined) throw missingParameter('protocol');
  const named = PROTOCOL_NUMBERS[text.toLowerCase()];
  if (named) return named;
  if (/^(-1|\d{1,3})$/.test(text) && Number(text) <= 255) return String(Number(text));
  throw invalidValue('protocol', text, 'Specify a protocol number from 0 to 255, -1 for all protocols, or tcp, udp, icmp or icmpv6.');
}

function readRuleNumber(n: number | undefined): number {
  if (n === undefined) throw missingParameter('ruleNumber');
  if (!Number.isInteger(n) || n < 1 || n > 32766) {
    throw invalidValue('ruleNumber', n, 'Rule numbers are from 1 to 32766; 32767 and above are reserved for the rules AWS manages.');
  }
  return n;
}

/** The entry a Create or Replace call describes, validated and in AWS's canonical form. */
function readEntry(input: CreateNetworkAclEntryRequest & ReplaceNetworkAclEntryRequest): NetworkAclEntryRec {
  const ruleNumber = readRuleNumber(input.RuleNumber);
  const protocol = readProtocol(input.Protocol);
  if (input.RuleAction === undefined) throw missingParameter('ruleAction');
  if (input.CidrBlock === undefined && input.Ipv6CidrBlock === undefined) {
    throw new AwsError('MissingParameter', "Either 'cidrBlock' or 'ipv6CidrBlock' should be provided.");
  }
  if (input.CidrBlock !== undefined && input.Ipv6CidrBlock !== undefined) {
    throw invalidCombination("Specify either 'cidrBlock' or 'ipv6CidrBlock', not both.");
  }
  const v6 = input.Ipv6CidrBlock !== undefined;
  const text = (input.CidrBlock ?? input.Ipv6CidrBlock) as string;
  const c = parseCidr(text);
  if (!c || c.family !== (v6 ? 6 : 4)) throw invalidValue(v6 ? 'ipv6CidrBlock' : 'cidrBlock', text, 'This is not a valid CIDR block.');
  const entry: NetworkAclEntryRec = {
    ruleNumber,
    egress: input.Egress ?? false,
    protocol,
    ruleAction: input.RuleAction,
    ...(v6 ? { ipv6CidrBlock: formatCidr(c) } : { cidrBlock: formatCidr(c) }),
  };
  if (protocol === '6' || protocol === '17') {
    const from = input.PortRange?.From;
    const to = input.PortRange?.To;
    if (from === undefined || to === undefined) throw missingParameter(from === undefined ? 'portRange.from' : 'portRange.to');
    for (const [name, p] of [['portRange.from', from], ['portRange.to', to]] as const) {
      if (p < 0 || p > 65535) throw invalidValue(name, p, 'Ports are from 0 to 65535.');
    }
    if (from > to) throw invalidValue('portRange.from', from, `The first port must not be greater than the last (${to}).`);
    entry.portRange = { from, to };
  } else if (protocol === '1' || (protocol === '58' && v6)) {
    const code = input.IcmpTypeCode?.Code;
    const type = input.IcmpTypeCode?.Type;
    if (code === undefined || type === undefined) throw missingParameter(code === undefined ? 'icmpTypeCode.code' : 'icmpTypeCode.type');
    for (const [name, n] of [['icmpTypeCode.code', code], ['icmpTypeCode.type', type]] as const) {
      if (n < -1 || n > 255) throw invalidValue(name, n, 'ICMP types and codes are from 0 to 255, or -1 for all.');
    }
    entry.icmpTypeCode = { code, type };
  }
  return entry;
}

function entryNotFound(acl: NetworkAclRec, egress: boolean, ruleNumber: number): AwsError {
  return new AwsError('InvalidNetworkAclEntry.NotFound', `no ${egress ? 'egress' : 'ingress'} entry with number ${ruleNumber} in network ACL ${acl.id}`);
}

/** CreateNetworkAclEntry: one rule number per direction. */
export function createNetworkAclEntry(ctx: CallContext, input: CreateNetworkAclEntryRequest): void {
  const acl = requireNetworkAcl(ctx, input.NetworkAclId);
  const entry = readEntry(input);
  if (acl.entries.some((e) => e.egress === entry.egress && e.ruleNumber === entry.ruleNumber)) {
    throw new AwsError('NetworkAclEntryAlreadyExists', `The network acl entry identified by ${entry.ruleNumber} already exists.`);
  }
  checkDryRun(input);
  acl.entries.push(entry);
  sortEntries(acl.entries);
}

/** ReplaceNetworkAclEntry: the rule of that number and direction must exist. */
export function replaceNetworkAclEntry(ctx: CallContext, input: ReplaceNetworkAclEntryRequest): void {
  const acl = requireNetworkAcl(ctx, input.NetworkAclId);
  const entry = readEntry(input);
  const i = acl.entries.findIndex((e) => e.egress === entry.egress && e.ruleNumber === entry.ruleNumber);
  if (i < 0) throw entryNotFound(acl, entry.egress, entry.ruleNumber);
  checkDryRun(input);
  acl.entries[i] = entry;
}

/** DeleteNetworkAclEntry: never a `*` rule. */
export function deleteNetworkAclEntry(ctx: CallContext, input: DeleteNetworkAclEntryRequest): void {
  const acl = requireNetworkAcl(ctx, input.NetworkAclId);
  const ruleNumber = readRuleNumber(input.RuleNumber);
  const egress = input.Egress ?? false;
  const i = acl.entries.findIndex((e) => e.egress === egress && e.ruleNumber === ruleNumber);
  if (i < 0) throw entryNotFound(acl, egress, ruleNumber);
  checkDryRun(input);
  acl.entries.splice(i, 1);
}

/** ReplaceNetworkAclAssociation: moves a subnet to another ACL of its VPC, under a new association id. */
export function replaceNetworkAclAssociation(ctx: CallContext, input: ReplaceNetworkAclAssociationRequest): ReplaceNetworkAclAssociationResult {
  const id = input.AssociationId;
  if (!id) throw missingParameter('associationId');
  const target = requireNetworkAcl(ctx, input.NetworkAclId);
  let from: NetworkAclRec | undefined;
  for (const acl of ctx.cell.table('networkAcl').values()) if (acl.associations.some((a) => a.id === id)) from = acl;
  if (!from) throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${id}' does not exist`);
  const assoc = from.associations.find((a) => a.id === id) as { id: string; subnetId: string };
  if (from.vpcId !== target.vpcId) {
    throw invalidValue('networkAclId', target.id, `Network ACL ${target.id} and subnet ${assoc.subnetId} belong to different networks.`);
  }
  checkDryRun(input);
  from.associations = from.associations.filter((a) => a.id !== id);
  const newId = ctx.world.newLaterId('aclassoc');
  target.associations.push({ id: newId, subnetId: assoc.subnetId });
  return { NewAssociationId: newId };
}

/** A VPC's deletion waits for the ACLs created in it and takes its default ACL along. */
export const networkAclsOnVpcDelete: VpcDeleteHook = {
  refuse: (ctx, v) => {
    for (const acl of ctx.cell.table('networkAcl').values()) if (acl.vpcId === v.id && !acl.isDefault) return vpcHasDependencies(v);
    return undefined;
  },
  cascade: (ctx, v) => {
    for (const acl of [...ctx.cell.table('networkAcl').values()]) if (acl.vpcId === v.id) ctx.world.remove(acl.id);
  },
};

/** A subnet's association goes with it. */
export const networkAclsOnSubnetDelete: SubnetDeleteHook = {
  cascade: (ctx, s) => {
    for (const acl of ctx.cell.table('networkAcl').values()) {
      if (acl.vpcId === s.vpcId) acl.associations = acl.associations.filter((a) => a.subnetId !== s.id);
    }
  },
};
