/** Sentences and fixes of the route hops of a reachability explanation. */
import type { CidrRange } from '../cidr/parse-cidr';
import type { ForwardTarget, TargetKind } from '../forwarding/targets';
import type { PeeringId, SubnetId, VpcId } from '../model/ids';
import type { NetworkAcl, RouteTable } from '../model/topology';
import { ACL_DEFAULT_RULE_NUMBER } from '../model/topology';
import { awsCommandText, ec2Command } from '../words/aws-cli';
import { freeRuleNumber } from './acl-rule-numbers';
import type { AclDecision, AclTraffic } from './reachability-acls';
import type { AclDirection, ReachabilityCheck } from './reachability-types';
import type { RouteCheck } from './route-checks';
import { describeRouteCheck, describeTarget, needsReplace, peeringRouteCommand } from './route-words';
import type { TopologyIndex } from './topology-index';
import { labelRouteTable, labelVpc } from './topology-index';

type RouteHopKind = 'source-route' | 'return-route';

function direction(kind: RouteHopKind): string {
  return kind === 'source-route' ? 'to the destination' : 'back to the source';
}

/** Why a route hop was not checked. */
export function routesSkippedWords(kind: RouteHopKind): string {
  return `Routes ${direction(kind)} were not checked: there is no active peering to route to.`;
}

/** A route hop with no table to read: no subnets, or no table in the snapshot. */
export function noRouteTableWords(index: TopologyIndex, vpcId: VpcId, noSubnets: boolean): { readonly message: string; readonly fix: string } {
  return noSubnets
    ? { message: `${labelVpc(index, vpcId)} has no subnets, so nothing in it can send traffic.`, fix: 'Create a subnet.' }
    : { message: `No route table of ${labelVpc(index, vpcId)} is in the snapshot.`, fix: "Rescan the VPC's account and region." };
}

/** What one table's route hop found. */
export interface RouteHopFindings {
  readonly kind: RouteHopKind;
  readonly table: RouteTable;
  readonly subnets: readonly SubnetId[];
  readonly peeringId: PeeringId;
  /** The peering as people name it: `name (pcx-id)`. */
  readonly peeringLabel?: string;
  /** One check per destination range. */
  readonly results: readonly RouteCheck[];
  readonly bad: readonly RouteCheck[];
  readonly unsure: readonly RouteCheck[];
  /** The other VPC's block a fix routes (when some check is not ok). */
  readonly block?: string;
  /** Where the deciding route of a failing hop sends the block (a gateway is named in the sentence). */
  readonly target?: ForwardTarget;
}

const GATEWAY_WORDS: Partial<Readonly<Record<TargetKind, string>>> = {
  'internet-gateway': 'internet gateway',
  'egress-only-internet-gateway': 'egress-only internet gateway',
  'nat-gateway': 'NAT gateway',
  'virtual-private-gateway': 'virtual private gateway',
  'vpc-endpoint': 'VPC endpoint',
  'transit-gateway': 'transit gateway',
  'local-gateway': 'local gateway',
  'carrier-gateway': 'carrier gateway',
};

/** True for a target that takes traffic out of the VPC some other way than a peering: a gateway or an endpoint. */
export function isGateway(kind: TargetKind): boolean {
  return GATEWAY_WORDS[kind] !== undefined;
}

/** Why a gateway as the route's target fails a peering hop. */
function gatewayWords(target: ForwardTarget): string {
  const what = GATEWAY_WORDS[target.kind];
  if (!what) return '';
  const why =
    target.kind === 'internet-gateway' || target.kind === 'egress-only-internet-gateway' || target.kind === 'nat-gateway'
      ? `${target.kind === 'nat-gateway' ? 'a' : 'an'} ${what} path cannot carry traffic to a peered VPC (a peering carries no edge-to-edge traffic)`
      : `the ${what} takes it out of the VPC, not over the peering`;
  return ` The route for it points at ${what} ${target.id}: ${why}.`;
}

/** The sentence of one table's route hop, and its fix when it does not pass. */
export function routeHopWords(f: RouteHopFindings): { readonly message: string; readonly fix?: string } {
  const { table, subnets, peeringId } = f;
  const via = f.peeringLabel ?? peeringId;
  const where = `${labelRouteTable(table)}${table.main ? ' (main)' : ''}, serving ${subnets.length === 1 ? subnets[0] : `${subnets.length} subnets`}`;
  const checks = (list: readonly RouteCheck[]) => list.map((r) => describeRouteCheck(r, peeringId)).join('; ');
  const first = f.bad[0] ?? f.unsure[0];
  if (!first || f.block === undefined) return { message: `${where}, routes ${direction(f.kind)} via ${via}: ${checks(f.results)}.` };
  const block = f.block;
  const create = peeringRouteCommand('CreateRoute', table.id, block, peeringId);
  if (f.bad.length === 0) {
    const lists = [...new Set(f.unsure.map((r) => (r.state === 'unknown' ? r.route.destination : '')))].join(', ');
    return {
      message: `${where}, may route ${direction(f.kind)} via ${via}: ${checks(f.unsure)}.`,
      fix: `Check the entries of ${lists}, or route ${block} itself (it outranks the prefix list): ${create}`,
    };
  }
  return {
    message: `${where}, does not route ${direction(f.kind)} via ${via}: ${checks(f.bad)}.${f.target ? gatewayWords(f.target) : ''}`,
    fix:
      first.state === 'elsewhere'
        ? `Route ${block} to ${peeringId} in ${table.id} (it now goes to ${describeTarget(first.route.target)}): ${needsReplace(first, block) ? peeringRouteCommand('ReplaceRoute', table.id, block, peeringId) : create}`
        : `Add a route ${block} → ${peeringId} in ${table.id}: ${create}`,
  };
}

/** The network ACL hops. */
export type AclHopKind = 'source-acl-outbound' | 'destination-acl-inbound' | 'destination-acl-return' | 'source-acl-return';

/** One ACL hop to check: which check, which side's subnets and ACL, which direction, what traffic to or from which addresses. */
export interface AclHop {
  readonly kind: AclHopKind;
  readonly acl: NetworkAcl;
  readonly subnetIds: readonly SubnetId[];
  readonly direction: AclDirection;
  readonly traffic: AclTraffic;
  readonly peer: readonly CidrRange[];
}

/** One ACL hop evaluated, with how it decided. */
export interface AclVerdict extends AclHop {
  readonly decision: AclDecision;
}

const ACL_HOP_SUBJECT: Readonly<Record<AclHopKind, string>> = {
  'source-acl-outbound': "The source subnet's network ACL",
  'destination-acl-inbound': "The destination subnet's network ACL",
  'destination-acl-return': "The destination subnet's network ACL",
  'source-acl-return': "The source subnet's network ACL",
};

/** Why an ACL hop is unknown: the VPC's ACLs were not read, or the other side's were not. */
export function aclUnreadWords(kind: AclHopKind, vpcId: VpcId, reason: 'unread' | 'other-side'): string {
  switch (reason) {
    case 'unread':
      return `${ACL_HOP_SUBJECT[kind]} was not checked: the network ACLs of ${vpcId} are not in the snapshot (rescan its account and region).`;
    case 'other-side':
      return `${ACL_HOP_SUBJECT[kind]} was not checked: the other side's network ACLs are not in the snapshot, so no pair of subnets can be judged.`;
  }
}

function aclTrafficWords(t: AclTraffic): string {
  const protocol = t.protocol === '-1' ? 'traffic' : t.protocol;
  if (!t.ports || t.protocol === '-1' || t.protocol === 'icmp') return protocol;
  return t.ports[0] === t.ports[1] ? `${protocol}/${t.ports[0]}` : `${protocol} ports ${t.ports[0]}-${t.ports[1]}`;
}

function ruleWords(ruleNumber: number): string {
  return ruleNumber === ACL_DEFAULT_RULE_NUMBER ? 'rule *' : `rule ${ruleNumber}`;
}

const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { tcp: '6', udp: '17', icmp: '1', '-1': '-1' };

/** A free rule number that is evaluated before `before`, in the direction `egress` of `acl`. */
function freeRuleNumberOf(acl: NetworkAcl, egress: boolean, before: number): number | undefined {
  return freeRuleNumber(new Set(acl.entries.filter((e) => e.egress === egress).map((e) => e.ruleNumber)), before);
}

/** How a hop's decision reads: allowed; denied; or a reply allowed on only some of its ephemeral ports (`unknown`: it depends on the client). */
export function aclHopStatus(decision: AclDecision): 'pass' | 'fail' | 'unknown' {
  return decision.allowed ? 'pass' : decision.allowedPorts ? 'unknown' : 'fail';
}

/** The sentence of one ACL hop, its fix and what blocked it. `pairs`: how many source × destination ACL pairs were tried. */
export function aclHopWords(v: AclVerdict, pairs: number, rangeOf: (cidr: string) => CidrRange | null): ReachabilityCheck {
  const { acl, decision } = v;
  const reply = v.kind === 'destination-acl-return' || v.kind === 'source-acl-return';
  const towards = v.direction === 'outbound' ? 'to' : 'from';
  const cidrs = v.peer.map((r) => r.cidr);
  const what = `${reply ? 'the reply, ' : ''}${aclTrafficWords(v.traffic)} ${towards} ${cidrs.join(', ')}`;
  const where = `${acl.name ? `${acl.name} (${acl.id})` : acl.id}${acl.isDefault ? ' (default)' : ''} of ${v.subnetIds.length === 1 ? v.subnetIds[0] : `${v.subnetIds.length} subnets`}`;
  const ofPairs = pairs > 1 ? ` (the best of ${pairs} pairs of source and destination ACLs)` : '';
  const resourceIds = [acl.id, ...v.subnetIds];
  if (decision.allowed) {
    const e = decision.entry!;
    return {
      kind: v.kind,
      status: 'pass',
      resourceIds,
      message: `${where}, ${v.direction}, allows ${what} by ${ruleWords(e.ruleNumber)} (${e.action} ${e.protocol === '-1' ? 'all' : e.protocol}${e.fromPort !== undefined && e.protocol !== '-1' ? ` ${e.fromPort}-${e.toPort}` : ''} ${e.cidr})${decision.partial ? ', for part of it' : ''}.`,
    };
  }
  const egress = v.direction === 'outbound';
  const number = freeRuleNumberOf(acl, egress, decision.ruleNumber);
  const cidr = cidrs[0] ?? '';
  const v6 = rangeOf(cidr)?.family === 'ipv6';
  const protocol = PROTOCOL_NUMBERS[v.traffic.protocol] ?? '-1';
  const ports = v.traffic.ports && (v.traffic.protocol === 'tcp' || v.traffic.protocol === 'udp') ? v.traffic.ports : undefined;
  const command = ec2Command('CreateNetworkAclEntry', {
    NetworkAclId: acl.id,
    RuleNumber: number ?? decision.ruleNumber,
    Protocol: protocol,
    RuleAction: 'allow',
    Egress: egress,
    ...(v6 ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
    ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
    ...(v.traffic.protocol === 'icmp' ? { IcmpTypeCode: { Type: -1, Code: -1 } } : {}),
  });
  const denied = decision.entry ? `${ruleWords(decision.ruleNumber)} (deny ${decision.entry.cidr})` : `${ruleWords(decision.ruleNumber)}: no entry allows it`;
  const some = decision.allowedPorts?.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(', ');
  return {
    kind: v.kind,
    // Some ephemeral ports allowed: replies reach only clients whose system picks its ports there.
    status: aclHopStatus(decision),
    resourceIds,
    message: some
      ? `${where}, ${v.direction}, allows ${what} only on ports ${some}; the rest goes to ${denied}: a reply reaches only a client whose ephemeral port falls in the allowed ports${ofPairs}.`
      : `${where}, ${v.direction}, denies ${what} by ${denied}${reply ? '; ACLs are stateless, so the reply needs its own allow' : ''}${ofPairs}.`,
    fix:
      number === undefined
        ? `No rule number is free before ${ruleWords(decision.ruleNumber)} of ${acl.id}: replace it (ReplaceNetworkAclEntry) with an allow for ${what}.`
        : `Allow ${what} in ${acl.id} before ${ruleWords(decision.ruleNumber)}: ${awsCommandText(command)}`,
    blockedBy: {
      kind: 'nacl',
      aclId: acl.id,
      direction: v.direction,
      ruleNumber: decision.ruleNumber,
      subnetIds: v.subnetIds,
      protocol: v.traffic.protocol,
      ...(v.traffic.ports && v.traffic.protocol !== '-1' && v.traffic.protocol !== 'icmp' ? { ports: v.traffic.ports } : {}),
      cidrs,
    },
  };
}
