/** Did an interrupted call go through? Asked of AWS with reads only, from the call as the audit log
 * recorded it (action, parameters, profile, region, call id).
 *
 * A peering Peerscape creates carries its run and call ids as tags (`TagSpecifications` of
 * CreateVpcPeeringConnection apply atomically with the create), so the one made by an
 * interrupted call is found exactly, whatever its status now. Routes and rules have no tags: a
 * route counts as gone through when the table routes the destination to the peering, a rule when
 * the group holds every source of the permission (and the opposite for their deletions).
 */
import type { EC2Client, IpPermission } from '@aws-sdk/client-ec2';

import type { AuditRecord } from '../../shared/planning/audit-filter';
import { CALL_TAG, RUN_TAG } from '../../shared/planning/plan-calls';
import type { AttachmentTagSpecification, Ec2ActionName, PeeringTagSpecification, StepCallOf } from '../../shared/planning/step-params';
import { attachmentAssociation, attachmentPropagations, describeAttachment, findAttachmentsByTag, findLiveAttachment, GONE_ATTACHMENT_STATES } from './tgw-reads';
import { describePeering, findLivePeering, findNetworkAclEntry, findPeeringsByTag, findRoute, groupEgress, groupIngress, type PeeringView } from './ec2-reads';

/** What AWS shows about an interrupted call. */
export interface Recognition {
  readonly outcome: 'went-through' | 'did-not-happen';
  /** What was found, in words (written to the resolution line). */
  readonly message: string;
  /** Ids the call made (the peering of a create). */
  readonly created?: readonly string[];
  /** The peering a create made, or the one an accept, reject or delete acted on. */
  readonly peering?: PeeringView;
}

/** Runs one read with the call's profile in the call's region. */
export type ReadAs = <T>(action: string, fn: (client: EC2Client, signal: AbortSignal) => Promise<T>) => Promise<T>;

/** The call with the run and call tags added to the peering's or attachment's TagSpecifications (other actions: unchanged). */
export function withCallTags<A extends Ec2ActionName>(call: StepCallOf<A>, runId: string, callId: string): StepCallOf<A> {
  if (isAttachmentCreate(call)) {
    const specs = call.params.TagSpecifications ?? [];
    const ours = [
      { Key: RUN_TAG, Value: runId },
      { Key: CALL_TAG, Value: callId },
    ];
    const spec = specs.find((s) => s.ResourceType === 'transit-gateway-attachment');
    const next: readonly AttachmentTagSpecification[] = spec
      ? specs.map((s) => (s === spec ? { ...s, Tags: [...s.Tags, ...ours] } : s))
      : [...specs, { ResourceType: 'transit-gateway-attachment', Tags: ours }];
    return { ...call, params: { ...call.params, TagSpecifications: next } };
  }
  if (!isCreate(call)) return call;
  const specs = call.params.TagSpecifications ?? [];
  const ours = [
    { Key: RUN_TAG, Value: runId },
    { Key: CALL_TAG, Value: callId },
  ];
  const peeringSpec = specs.find((s) => s.ResourceType === 'vpc-peering-connection');
  const next: readonly PeeringTagSpecification[] = peeringSpec
    ? specs.map((s) => (s === peeringSpec ? { ...s, Tags: [...s.Tags, ...ours] } : s))
    : [...specs, { ResourceType: 'vpc-peering-connection', Tags: ours }];
  return { ...call, params: { ...call.params, TagSpecifications: next } };
}

function isCreate(call: StepCallOf<Ec2ActionName>): call is StepCallOf<'CreateVpcPeeringConnection'> {
  return call.action === 'CreateVpcPeeringConnection';
}

function isAttachmentCreate(call: StepCallOf<Ec2ActionName>): call is StepCallOf<'CreateTransitGatewayVpcAttachment'> {
  return call.action === 'CreateTransitGatewayVpcAttachment';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };
const protocolOf = (p: unknown): string => {
  const s = String(p ?? '-1').toLowerCase();
  return PROTOCOL_NAMES[s] ?? s;
};
const portOf = (p: unknown): number => (typeof p === 'number' ? p : -1);

/** Each source of a permission as one string (`cidr:…`, `cidr6:…`, `sg:…`, `pl:…`). */
function sourcesOf(p: Readonly<Record<string, unknown>>): string[] {
  const list = (k: string): readonly Record<string, unknown>[] => (Array.isArray(p[k]) ? (p[k] as Record<string, unknown>[]) : []);
  return [
    ...list('IpRanges').map((r) => `cidr:${String(r.CidrIp)}`),
    ...list('Ipv6Ranges').map((r) => `cidr6:${String(r.CidrIpv6)}`),
    ...list('UserIdGroupPairs').map((r) => `sg:${String(r.GroupId)}`),
    ...list('PrefixListIds').map((r) => `pl:${String(r.PrefixListId)}`),
  ];
}

/** How many of the wanted permission's sources the group holds, out of how many. */
function heldSources(existing: readonly IpPermission[], wanted: Readonly<Record<string, unknown>>): { held: number; of: number } {
  const same = existing.filter(
    (e) => protocolOf(e.IpProtocol) === protocolOf(wanted.IpProtocol) && portOf(e.FromPort) === portOf(wanted.FromPort) && portOf(e.ToPort) === portOf(wanted.ToPort),
  );
  const have = new Set(same.flatMap((e) => sourcesOf(e as Record<string, unknown>)));
  const want = sourcesOf(wanted);
  return { held: want.filter((s) => have.has(s)).length, of: want.length };
}

const wentThrough = (message: string, extra: Partial<Recognition> = {}): Recognition => ({ outcome: 'went-through', message: `Found in AWS: it went through. ${message}`, ...extra });
const didNotHappen = (message: string, extra: Partial<Recognition> = {}): Recognition => ({ outcome: 'did-not-happen', message: `Not found in AWS: it did not happen. ${message}`, ...extra });

async function recogniseCreate(call: AuditRecord, read: ReadAs): Promise<Recognition> {
  const p = call.parameters;
  const vpcId = str(p.VpcId) ?? '?';
  const peerVpcId = str(p.PeerVpcId) ?? '?';
  if (call.callId) {
    const [tagged] = await read('DescribeVpcPeeringConnections', (c, s) => findPeeringsByTag(c, CALL_TAG, call.callId!, s));
    if (tagged) return wentThrough(`${tagged.id} from ${vpcId} to ${peerVpcId} carries this call's id (${tagged.status}).`, { created: [tagged.id], peering: tagged });
    return didNotHappen(`No peering carries this call's id; a resume creates it.`);
  }
  // A call logged before calls had ids: AWS allows one live peering per pair of VPCs.
  const live = await read('DescribeVpcPeeringConnections', (c, s) => findLivePeering(c, vpcId, peerVpcId, s));
  return live
    ? wentThrough(`${live.id} from ${vpcId} to ${peerVpcId} is ${live.status}.`, { created: [live.id], peering: live })
    : didNotHappen(`No live peering from ${vpcId} to ${peerVpcId}.`);
}

async function recognisePeeringStatus(call: AuditRecord, read: ReadAs): Promise<Recognition> {
  const pcx = str(call.parameters.VpcPeeringConnectionId) ?? '?';
  const v = await read('DescribeVpcPeeringConnections', (c, s) => describePeering(c, pcx, s));
  const status = v?.status ?? 'not visible';
  const extra = v ? { peering: v } : {};
  switch (call.action) {
    case 'AcceptVpcPeeringConnection':
      return v && (v.status === 'active' || v.status === 'provisioning') ? wentThrough(`${pcx} is ${status}.`, extra) : didNotHappen(`${pcx} is ${status}.`, extra);
    case 'RejectVpcPeeringConnection':
      return v?.status === 'rejected' ? wentThrough(`${pcx} is rejected.`, extra) : didNotHappen(`${pcx} is ${status}.`, extra);
    case 'DeleteVpcPeeringConnection':
      return !v || v.status === 'deleted' || v.status === 'deleting' ? wentThrough(`${pcx} is ${status}.`, extra) : didNotHappen(`${pcx} is ${status}.`, extra);
    default: {
      // ModifyVpcPeeringConnectionOptions: each side asked for must show the asked value.
      const asked = (k: string): boolean | undefined => {
        const o = call.parameters[k] as Readonly<Record<string, unknown>> | undefined;
        return typeof o?.AllowDnsResolutionFromRemoteVpc === 'boolean' ? o.AllowDnsResolutionFromRemoteVpc : undefined;
      };
      const want = { requester: asked('RequesterPeeringConnectionOptions'), accepter: asked('AccepterPeeringConnectionOptions') };
      const shown = { requester: v?.requesterDns, accepter: v?.accepterDns };
      const sides = (['requester', 'accepter'] as const).filter((side) => want[side] !== undefined);
      const done = !!v && sides.every((side) => shown[side] === want[side]);
      const words = sides.map((side) => `${side} DNS resolution ${shown[side] === undefined ? 'not shown' : shown[side] ? 'on' : 'off'}`).join(', ');
      return done ? wentThrough(`${pcx}: ${words}.`, extra) : didNotHappen(`${pcx} (${status}): ${words || 'no option shown'}.`, extra);
    }
  }
}

async function recogniseRoute(call: AuditRecord, read: ReadAs): Promise<Recognition> {
  const p = call.parameters;
  const table = str(p.RouteTableId) ?? '?';
  const dest = str(p.DestinationCidrBlock) ?? str(p.DestinationIpv6CidrBlock) ?? '?';
  const current = await read('DescribeRouteTables', (c, s) => findRoute(c, table, dest, s));
  if (call.action === 'DeleteRoute') {
    return current ? didNotHappen(`${table} still routes ${dest} to ${current.target}.`) : wentThrough(`${table} has no route for ${dest}.`);
  }
  const pcx = str(p.VpcPeeringConnectionId) ?? str(p.TransitGatewayId);
  return current && current.target === pcx
    ? wentThrough(`${table} routes ${dest} to ${pcx}.`)
    : didNotHappen(current ? `${table} routes ${dest} to ${current.target}, not ${pcx}.` : `${table} has no route for ${dest}.`);
}

async function recogniseRule(call: AuditRecord, read: ReadAs): Promise<Recognition> {
  const groupId = str(call.parameters.GroupId) ?? '?';
  const wanted = Array.isArray(call.parameters.IpPermissions) ? (call.parameters.IpPermissions as Readonly<Record<string, unknown>>[]) : [];
  const egress = call.action === 'AuthorizeSecurityGroupEgress' || call.action === 'RevokeSecurityGroupEgress';
  const revoke = call.action === 'RevokeSecurityGroupIngress' || call.action === 'RevokeSecurityGroupEgress';
  const existing = await read('DescribeSecurityGroups', (c, s) => (egress ? groupEgress(c, groupId, s) : groupIngress(c, groupId, s)));
  if (!existing) return revoke ? wentThrough(`${groupId} no longer exists.`) : didNotHappen(`${groupId} no longer exists.`);
  const counts = wanted.map((w) => heldSources(existing, w));
  const held = counts.reduce((n, c) => n + c.held, 0);
  const of = counts.reduce((n, c) => n + c.of, 0);
  if (revoke) {
    return held === 0 ? wentThrough(`${groupId} no longer has the rule.`) : didNotHappen(`${groupId} still has ${held} of its ${of} sources.`);
  }
  return of > 0 && held === of ? wentThrough(`${groupId} has the rule.`) : didNotHappen(`${groupId} has ${held} of its ${of} sources.`);
}

async function recogniseAclEntry(call: AuditRecord, read: ReadAs): Promise<Recognition> {
  const p = call.parameters;
  const aclId = str(p.NetworkAclId) ?? '?';
  const ruleNumber = typeof p.RuleNumber === 'number' ? p.RuleNumber : -1;
  const egress = p.Egress === true;
  const entry = await read('DescribeNetworkAcls', (c, s) => findNetworkAclEntry(c, aclId, ruleNumber, egress, s));
  const what = `${egress ? 'outbound' : 'inbound'} rule ${ruleNumber} of ${aclId}`;
  if (call.action === 'DeleteNetworkAclEntry') return entry ? didNotHappen(`${what} is still there.`) : wentThrough(`${what} is gone.`);
  if (entry === undefined) return didNotHappen(`${aclId} no longer exists.`);
  if (!entry) return didNotHappen(`${aclId} has no ${what}.`);
  const same = entry.RuleAction === p.RuleAction && (entry.CidrBlock ?? entry.Ipv6CidrBlock) === (str(p.CidrBlock) ?? str(p.Ipv6CidrBlock)) && entry.Protocol === str(p.Protocol);
  return same ? wentThrough(`${what} is there.`) : didNotHappen(`${what} is another entry (${entry.RuleAction} ${entry.Protocol} ${entry.CidrBlock ?? entry.Ipv6CidrBlock ?? ''}).`);
}

async function recogniseAttachmentCreate(call: AuditRecord, read: ReadAs): Promise<Recognition> {
  const vpcId = str(call.parameters.VpcId) ?? '?';
  const tgw = str(call.parameters.TransitGatewayId) ?? '?';
  if (call.callId) {
    const [tagged] = await read('DescribeTransitGatewayVpcAttachments', (c, s) => findAttachmentsByTag(c, CALL_TAG, call.callId!, s));
    if (tagged) return wentThrough(`${tagged.id} of ${vpcId} to ${tgw} carries this call's id (${tagged.state}).`, { created: [tagged.id] });
    return didNotHappen(`No attachment carries this call's id; a resume creates it.`);
  }
  const live = await read('DescribeTransitGatewayVpcAttachments', (c, s) => findLiveAttachment(c, vpcId, tgw, s));
  return live ? wentThrough(`${live.id} of ${vpcId} to ${tgw} is ${live.state}.`, { created: [live.id] }) : didNotHappen(`No live attachment of ${vpcId} to ${tgw}.`);
}

async function recogniseAttachmentState(call: AuditRecord, read: ReadAs): Promise<Recognition> {
  const id = str(call.parameters.TransitGatewayAttachmentId) ?? '?';
  const v = await read('DescribeTransitGatewayVpcAttachments', (c, s) => describeAttachment(c, id, s));
  const state = v?.state ?? 'not visible';
  if (call.action === 'DeleteTransitGatewayVpcAttachment') {
    return !v || GONE_ATTACHMENT_STATES.includes(v.state) ? wentThrough(`${id} is ${state}.`) : didNotHappen(`${id} is ${state}.`);
  }
  // AcceptTransitGatewayVpcAttachment: accepted once it left pendingAcceptance for pending or available.
  return v && (v.state === 'available' || v.state === 'pending') ? wentThrough(`${id} is ${state}.`) : didNotHappen(`${id} is ${state}.`);
}

async function recogniseAttachmentLink(call: AuditRecord, read: ReadAs): Promise<Recognition> {
  const id = str(call.parameters.TransitGatewayAttachmentId) ?? '?';
  const table = str(call.parameters.TransitGatewayRouteTableId) ?? '?';
  if (call.action === 'AssociateTransitGatewayRouteTable' || call.action === 'DisassociateTransitGatewayRouteTable') {
    const assoc = await read('DescribeTransitGatewayAttachments', (c, s) => attachmentAssociation(c, id, s));
    const there = assoc?.routeTableId === table && assoc.state !== 'disassociated' && assoc.state !== 'disassociating';
    const done = call.action === 'AssociateTransitGatewayRouteTable' ? there : !there;
    const words = assoc ? `${id} is ${assoc.state} with ${assoc.routeTableId}.` : `${id} is associated with no table.`;
    return done ? wentThrough(words) : didNotHappen(words);
  }
  const tables = await read('GetTransitGatewayAttachmentPropagations', (c, s) => attachmentPropagations(c, id, s));
  const there = tables.includes(table);
  const done = call.action === 'EnableTransitGatewayRouteTablePropagation' ? there : !there;
  const words = there ? `${id} propagates to ${table}.` : `${id} does not propagate to ${table}.`;
  return done ? wentThrough(words) : didNotHappen(words);
}

type Recogniser = (call: AuditRecord, read: ReadAs) => Promise<Recognition>;

/** How an interrupted call of each action is recognised in AWS. */
const RECOGNISERS = {
  CreateVpcPeeringConnection: recogniseCreate,
  AcceptVpcPeeringConnection: recognisePeeringStatus,
  RejectVpcPeeringConnection: recognisePeeringStatus,
  DeleteVpcPeeringConnection: recognisePeeringStatus,
  ModifyVpcPeeringConnectionOptions: recognisePeeringStatus,
  CreateRoute: recogniseRoute,
  ReplaceRoute: recogniseRoute,
  DeleteRoute: recogniseRoute,
  AuthorizeSecurityGroupIngress: recogniseRule,
  RevokeSecurityGroupIngress: recogniseRule,
  AuthorizeSecurityGroupEgress: recogniseRule,
  RevokeSecurityGroupEgress: recogniseRule,
  CreateNetworkAclEntry: recogniseAclEntry,
  DeleteNetworkAclEntry: recogniseAclEntry,
  CreateTransitGatewayVpcAttachment: recogniseAttachmentCreate,
  AcceptTransitGatewayVpcAttachment: recogniseAttachmentState,
  DeleteTransitGatewayVpcAttachment: recogniseAttachmentState,
  AssociateTransitGatewayRouteTable: recogniseAttachmentLink,
  DisassociateTransitGatewayRouteTable: recogniseAttachmentLink,
  EnableTransitGatewayRouteTablePropagation: recogniseAttachmentLink,
  DisableTransitGatewayRouteTablePropagation: recogniseAttachmentLink,
} satisfies Record<Ec2ActionName, Recogniser>;

/** Ask AWS whether `call` (an interrupted, non-DryRun call) went through. */
export function recogniseCall(call: AuditRecord, read: ReadAs): Promise<Recognition> {
  const recognise: Recogniser | undefined = Object.hasOwn(RECOGNISERS, call.action) ? RECOGNISERS[call.action as Ec2ActionName] : undefined;
  return recognise ? recognise(call, read) : Promise.reject(new Error(`Peerscape does not know how to check ${call.action} in AWS.`));
}
