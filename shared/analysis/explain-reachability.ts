/** Can traffic get from A to B over a peering? Each hop checked offline, like AWS Reachability Analyzer.
 *
 * Checks, in the order a packet meets them: both endpoints exist; an active peering joins their
 * VPCs ("VPC peering connection lifecycle": only `active` carries traffic); the source subnet's
 * route table sends the destination to that peering and the destination's table sends the
 * source back ("Update your route tables for a VPC peering connection"); a security group on the
 * source side allows the traffic out and one on the destination side allows it in, by CIDR or by
 * a group referenced across the peering, which works only within one region ("Update your
 * security groups to reference peer security groups"). Network ACLs are not in the model.
 */
import { assertNever } from '../api/result';
import { findVpcsByAddress } from '../cidr/find-vpcs-by-ip';
import { hasOverlap, isWithin } from '../cidr/overlap';
import type { CidrRange, IpFamily } from '../cidr/parse-cidr';
import { addressToRange, parseIpAddress } from '../cidr/parse-cidr';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { PeeringId, RouteTableId, SecurityGroupId, SubnetId, VpcId } from '../model/ids';
import type { Peering, RouteTable, SecurityGroup, SecurityGroupRule, Topology } from '../model/topology';
import type { CliParam } from '../words/aws-cli';
import { awsCommandText, ec2Command } from '../words/aws-cli';
import { checkTableRoute } from './route-completeness';
import { describeRouteCheck, describeTarget, needsReplace, peeringRouteCommand } from './route-words';
import type { TopologyIndex } from './topology-index';
import { findSubnetRouteTable, indexTopology, labelVpc } from './topology-index';
import { explainNoDirectPath } from './transitive-paths';

/** Traffic protocol: `-1` means any. */
export type TrafficProtocol = 'tcp' | 'udp' | 'icmp' | '-1';

/** What to check; without a protocol, any traffic at all counts. */
export interface ReachabilityOptions {
  readonly protocol?: TrafficProtocol;
  /** Destination port (TCP/UDP). Without it, a rule allowing any port of the protocol counts. */
  readonly port?: number;
  /** The address family to check between VPC or subnet endpoints (default IPv4; IP endpoints decide it). */
  readonly family?: IpFamily;
  /** The source instance's groups; default: every group of the source VPC (instances are not in the model). */
  readonly sourceSecurityGroupIds?: readonly SecurityGroupId[];
  /** The destination instance's groups; default: every group of the destination VPC. */
  readonly destinationSecurityGroupIds?: readonly SecurityGroupId[];
}

/** An endpoint as resolved from a VPC id, subnet id or IP address. */
export interface ResolvedEndpoint {
  readonly input: string;
  readonly kind: 'vpc' | 'subnet' | 'ip';
  readonly vpcId: VpcId;
  /** The subnets whose route tables carry this endpoint's traffic. */
  readonly subnetIds: readonly SubnetId[];
  /** The addresses the endpoint stands for, in the checked family (`10.0.1.5/32`, a subnet, or the VPC's blocks). */
  readonly cidrs: readonly string[];
}

/** Which hop a check is about. */
export type ReachabilityCheckKind =
  | 'source'
  | 'destination'
  | 'peering'
  | 'source-route'
  | 'return-route'
  | 'source-egress'
  | 'destination-ingress';

/** `unknown`: cannot be decided offline (e.g. a prefix list); `skipped`: an earlier failure makes it moot. */
export type CheckStatus = 'pass' | 'fail' | 'unknown' | 'skipped';

/** One hop's verdict. */
export interface ReachabilityCheck {
  readonly kind: ReachabilityCheckKind;
  readonly status: CheckStatus;
  /** The resources the check is about (VPC, subnet, route table, peering, security group ids). */
  readonly resourceIds: readonly string[];
  /** One sentence in the style of Reachability Analyzer's explanations. */
  readonly message: string;
  /** What to change, for a failing check. */
  readonly fix?: string;
}

/** The whole explanation. */
export interface ReachabilityExplanation {
  /** `reachable` when every check passes; `unreachable` when one fails; else `undetermined`. */
  readonly verdict: 'reachable' | 'unreachable' | 'undetermined';
  readonly from: ResolvedEndpoint | null;
  readonly to: ResolvedEndpoint | null;
  readonly peeringId: PeeringId | null;
  readonly checks: readonly ReachabilityCheck[];
  /** What the analysis could not see (network ACLs, instances …). */
  readonly notes: readonly string[];
}

type Resolution =
  | { readonly ok: true; readonly endpoint: ResolvedEndpoint; readonly ranges: readonly CidrRange[]; readonly check: ReachabilityCheck }
  | { readonly ok: false; readonly check: ReachabilityCheck; readonly ambiguous?: true };

/** Which of several VPCs holding an address is meant: the one that is, or is actively peered with, the other endpoint's VPC. */
type PreferVpc = (vpcId: VpcId) => boolean;

/** Explain whether traffic from `from` reaches `to` (each a VPC id, subnet id or IP address). */
export function explainReachability(topology: Topology, from: string, to: string, opts: ReachabilityOptions = {}): ReachabilityExplanation {
  const index = indexTopology(topology);
  const protocol = opts.protocol ?? '-1';
  const familyHint = pickFamily(from, to, opts.family);
  let source = resolveEndpoint(topology, index, from, 'source', familyHint);
  let destination = resolveEndpoint(topology, index, to, 'destination', familyHint);
  // An address in overlapping VPCs is read as the one the other endpoint can talk to, if only one can.
  if (!source.ok && source.ambiguous && destination.ok) source = resolveEndpoint(topology, index, from, 'source', familyHint, reachableFrom(index, destination.endpoint.vpcId));
  if (!destination.ok && destination.ambiguous && source.ok) destination = resolveEndpoint(topology, index, to, 'destination', familyHint, reachableFrom(index, source.endpoint.vpcId));
  const checks: ReachabilityCheck[] = [source.check, destination.check];
  const notes = [
    'Network ACLs are not in the snapshot and were not checked.',
    ...(opts.sourceSecurityGroupIds || opts.destinationSecurityGroupIds
      ? []
      : ['Instances are not in the snapshot: any security group of a VPC counts as the endpoint\'s; name the groups to be exact.']),
  ];
  if (!source.ok || !destination.ok) {
    return finish(checks, source.ok ? source.endpoint : null, destination.ok ? destination.endpoint : null, null, notes);
  }
  const src = source.endpoint;
  const dst = destination.endpoint;
  const sameVpc = src.vpcId === dst.vpcId;
  let peering: Peering | null = null;

  if (sameVpc) {
    checks.push({
      kind: 'peering',
      status: 'pass',
      resourceIds: [src.vpcId],
      message: `Both endpoints are in ${labelVpc(index, src.vpcId)}: the local route carries the traffic, no peering is needed.`,
    });
  } else {
    const result = checkPeering(topology, index, src.vpcId, dst.vpcId);
    peering = result.peering;
    checks.push(result.check);
  }

  if (!sameVpc) {
    const blocks = collectVpcBlocks(topology).byVpc;
    checks.push(...checkRoutes(index, 'source-route', src, destination.ranges, blocks.get(dst.vpcId) ?? [], peering));
    checks.push(...checkRoutes(index, 'return-route', dst, source.ranges, blocks.get(src.vpcId) ?? [], peering));
  }

  const sourceGroups = pickGroups(index, src.vpcId, opts.sourceSecurityGroupIds);
  const destinationGroups = pickGroups(index, dst.vpcId, opts.destinationSecurityGroupIds);
  const traffic: Traffic = { protocol, ...(opts.port !== undefined ? { port: opts.port } : {}) };
  checks.push(
    checkGroups(index, 'source-egress', src, sourceGroups, destination.ranges, destinationGroups, traffic, peering),
    checkGroups(index, 'destination-ingress', dst, destinationGroups, source.ranges, sourceGroups, traffic, peering),
  );
  return finish(checks, src, dst, peering?.id ?? null, notes);
}

function finish(
  checks: readonly ReachabilityCheck[],
  from: ResolvedEndpoint | null,
  to: ResolvedEndpoint | null,
  peeringId: PeeringId | null,
  notes: readonly string[],
): ReachabilityExplanation {
  const verdict = checks.some((c) => c.status === 'fail')
    ? 'unreachable'
    : checks.every((c) => c.status === 'pass')
      ? 'reachable'
      : 'undetermined';
  return { verdict, from, to, peeringId, checks, notes };
}

function pickFamily(from: string, to: string, requested: IpFamily | undefined): IpFamily {
  for (const text of [from, to]) {
    const ip = parseIpAddress(text);
    if (ip.ok) return ip.value.family;
  }
  return requested ?? 'ipv4';
}

function reachableFrom(index: TopologyIndex, vpcId: VpcId): PreferVpc {
  const peers = new Set<VpcId>([vpcId]);
  for (const p of index.peeringsByVpc.get(vpcId) ?? []) {
    if (p.status === 'active') peers.add(p.requester.vpcId === vpcId ? p.accepter.vpcId : p.requester.vpcId);
  }
  return (id) => peers.has(id);
}

function resolveEndpoint(topology: Topology, index: TopologyIndex, input: string, role: 'source' | 'destination', family: IpFamily, prefer?: PreferVpc): Resolution {
  const text = input.trim();
  const fail = (message: string, fix: string, resourceIds: readonly string[] = []): Resolution => ({
    ok: false,
    check: { kind: role, status: 'fail', resourceIds, message, fix },
  });
  if (text.startsWith('vpc-')) {
    const vpc = index.vpcById.get(text as VpcId);
    if (!vpc) return fail(`The ${role} VPC ${text} is not in the snapshot.`, 'Check the id, or scan the account and region that own it.', [text]);
    const ranges = (collectVpcBlocks(topology).byVpc.get(vpc.id) ?? []).filter((b) => b.family === family);
    if (ranges.length === 0) return fail(`${labelVpc(index, vpc.id)} has no ${family === 'ipv4' ? 'IPv4' : 'IPv6'} block.`, `Check ${family === 'ipv4' ? 'IPv6' : 'IPv4'} instead, or associate a block.`, [vpc.id]);
    const subnetIds = (index.subnetsByVpc.get(vpc.id) ?? []).map((s) => s.id);
    const endpoint: ResolvedEndpoint = { input, kind: 'vpc', vpcId: vpc.id, subnetIds, cidrs: ranges.map((r) => r.cidr) };
    return {
      ok: true,
      endpoint,
      ranges,
      check: {
        kind: role,
        status: 'pass',
        resourceIds: [vpc.id],
        message: `${cap(role)} is ${labelVpc(index, vpc.id)} (${endpoint.cidrs.join(', ')}), ${subnetIds.length} subnet${subnetIds.length === 1 ? '' : 's'}.`,
      },
    };
  }
  if (text.startsWith('subnet-')) {
    const subnet = index.subnetById.get(text as SubnetId);
    if (!subnet) return fail(`The ${role} subnet ${text} is not in the snapshot.`, 'Check the id, or scan the account and region that own it.', [text]);
    const ranges = (family === 'ipv4' ? [subnet.cidr] : subnet.ipv6Cidrs).map((c) => index.rangeOf(c)).filter((r): r is CidrRange => r !== null);
    if (ranges.length === 0) return fail(`${subnet.id} has no ${family === 'ipv4' ? 'IPv4' : 'IPv6'} block.`, 'Check the other address family.', [subnet.id]);
    const endpoint: ResolvedEndpoint = { input, kind: 'subnet', vpcId: subnet.vpcId, subnetIds: [subnet.id], cidrs: ranges.map((r) => r.cidr) };
    return {
      ok: true,
      endpoint,
      ranges,
      check: {
        kind: role,
        status: 'pass',
        resourceIds: [subnet.id, subnet.vpcId],
        message: `${cap(role)} is subnet ${subnet.name ? `${subnet.name} (${subnet.id})` : subnet.id} (${endpoint.cidrs.join(', ')}) in ${labelVpc(index, subnet.vpcId)}.`,
      },
    };
  }
  const ip = parseIpAddress(text);
  if (!ip.ok) {
    return fail(`The ${role} "${text}" is not a VPC id, subnet id or IP address: ${ip.error.message}`, 'Give vpc-…, subnet-… or an address such as 10.0.1.5.');
  }
  const matches = findVpcsByAddress(topology, ip.value);
  if (matches.length === 0) {
    return fail(`No scanned VPC holds ${ip.value.text}.`, 'Check the address, or scan the account and region of the VPC that holds it.');
  }
  const inSubnet = matches.filter((m) => m.subnetId !== undefined);
  const all = inSubnet.length > 0 ? inSubnet : matches;
  const preferred = prefer ? all.filter((m) => prefer(m.vpcId)) : [];
  const candidates = preferred.length === 1 ? preferred : all;
  if (candidates.length > 1) {
    return {
      ok: false,
      ambiguous: true,
      check: {
        kind: role,
        status: 'fail',
        resourceIds: candidates.map((m) => m.vpcId),
        message: `${ip.value.text} is in ${candidates.length} VPCs whose blocks overlap (${candidates.map((m) => `${m.vpcId} ${m.block}`).join(', ')}): the address is ambiguous.`,
        fix: `Give the subnet id instead (${candidates.map((m) => m.subnetId ?? m.vpcId).join(' or ')}).`,
      },
    };
  }
  const match = candidates[0]!;
  const alsoIn = all.filter((m) => m !== match).map((m) => m.vpcId);
  const range = addressToRange(ip.value);
  const endpoint: ResolvedEndpoint = {
    input,
    kind: 'ip',
    vpcId: match.vpcId,
    subnetIds: match.subnetId ? [match.subnetId] : [],
    cidrs: [range.cidr],
  };
  if (!match.subnetId) {
    return fail(
      `${ip.value.text} is in ${labelVpc(index, match.vpcId)} (${match.block}) but in none of its subnets, so nothing can have that address.`,
      'Check the address against the subnets of the VPC.',
      [match.vpcId],
    );
  }
  return {
    ok: true,
    endpoint,
    ranges: [range],
    check: {
      kind: role,
      status: 'pass',
      resourceIds: [match.subnetId, match.vpcId],
      message:
        `${cap(role)} ${ip.value.text} is in subnet ${match.subnetId} (${match.subnetCidr}) of ${labelVpc(index, match.vpcId)}` +
        (alsoIn.length > 0 ? ` (also in overlapping ${alsoIn.join(', ')}, which the other endpoint is not peered with).` : '.'),
    },
  };
}

function checkPeering(topology: Topology, index: TopologyIndex, a: VpcId, b: VpcId): { peering: Peering | null; check: ReachabilityCheck } {
  const between = (index.peeringsByVpc.get(a) ?? []).filter(
    (p) => (p.requester.vpcId === a && p.accepter.vpcId === b) || (p.requester.vpcId === b && p.accepter.vpcId === a),
  );
  const active = between.find((p) => p.status === 'active');
  if (active) {
    return {
      peering: active,
      check: {
        kind: 'peering',
        status: 'pass',
        resourceIds: [active.id, a, b],
        message: `${active.id} joins ${labelVpc(index, a)} and ${labelVpc(index, b)} and is active.`,
      },
    };
  }
  const why = explainNoDirectPath(topology, a, b);
  switch (why.status) {
    case 'direct':
      // Unreachable in practice: `active` above would have matched.
      return { peering: null, check: { kind: 'peering', status: 'pass', resourceIds: [why.peeringId], message: why.message } };
    case 'not-yet-active':
      return {
        peering: null,
        check: { kind: 'peering', status: 'fail', resourceIds: [why.peeringId, a, b], message: why.message, fix: why.fix },
      };
    case 'indirect':
    case 'unconnected': {
      const verdict = why.proposal.verdict;
      return {
        peering: null,
        check: {
          kind: 'peering',
          status: 'fail',
          resourceIds: [a, b, ...why.peeringIds],
          message: why.status === 'indirect' ? why.message : `No active peering joins ${labelVpc(index, a)} and ${labelVpc(index, b)}.`,
          fix: verdict.ok
            ? `Create a peering from ${a} to ${b}. ${verdict.summary}`
            : `A direct peering is not possible: ${verdict.reasons.map((r) => r.message).join(' ')} ${verdict.reasons[0]?.fix ?? ''}`.trim(),
        },
      };
    }
    default:
      return assertNever(why);
  }
}

function checkRoutes(
  index: TopologyIndex,
  kind: 'source-route' | 'return-route',
  endpoint: ResolvedEndpoint,
  towards: readonly CidrRange[],
  /** The other VPC's blocks: a fix routes the whole block, as the peering guide does, not one address. */
  towardsBlocks: readonly CidrRange[],
  peering: Peering | null,
): ReachabilityCheck[] {
  const direction = kind === 'source-route' ? 'to the destination' : 'back to the source';
  if (!peering) {
    return [{ kind, status: 'skipped', resourceIds: [endpoint.vpcId], message: `Routes ${direction} were not checked: there is no active peering to route to.` }];
  }
  const tables = new Map<RouteTableId, { table: RouteTable; subnets: SubnetId[] }>();
  for (const subnetId of endpoint.subnetIds) {
    const subnet = index.subnetById.get(subnetId);
    const table = subnet ? findSubnetRouteTable(index, subnet) : undefined;
    if (!table) continue;
    const entry = tables.get(table.id);
    if (entry) entry.subnets.push(subnetId);
    else tables.set(table.id, { table, subnets: [subnetId] });
  }
  if (tables.size === 0) {
    return [
      {
        kind,
        status: endpoint.subnetIds.length === 0 ? 'fail' : 'unknown',
        resourceIds: [endpoint.vpcId, ...endpoint.subnetIds],
        message:
          endpoint.subnetIds.length === 0
            ? `${labelVpc(index, endpoint.vpcId)} has no subnets, so nothing in it can send traffic.`
            : `No route table of ${labelVpc(index, endpoint.vpcId)} is in the snapshot.`,
        fix: endpoint.subnetIds.length === 0 ? 'Create a subnet.' : 'Rescan the VPC\'s account and region.',
      },
    ];
  }
  const checks: ReachabilityCheck[] = [];
  for (const { table, subnets } of tables.values()) {
    const results = towards.map((r) => checkTableRoute(index, table, r, peering.id));
    const bad = results.filter((r) => r.state !== 'ok' && r.state !== 'unknown');
    const unsure = results.filter((r) => r.state === 'unknown');
    const where = `${table.id}${table.main ? ' (main)' : ''}, serving ${subnets.length === 1 ? subnets[0] : `${subnets.length} subnets`}`;
    if (bad.length === 0 && unsure.length === 0) {
      checks.push({
        kind,
        status: 'pass',
        resourceIds: [table.id, peering.id],
        message: `${where}, routes ${direction} via ${peering.id}: ${results.map((r) => describeRouteCheck(r, peering.id)).join('; ')}.`,
      });
      continue;
    }
    const first = bad[0] ?? unsure[0]!;
    const firstRange = towards[results.indexOf(first)]!;
    const block = towardsBlocks.find((b) => isWithin(firstRange, b))?.cidr ?? first.peerCidr;
    const create = peeringRouteCommand('CreateRoute', table.id, block, peering.id);
    if (bad.length === 0) {
      checks.push({
        kind,
        status: 'unknown',
        resourceIds: [table.id, peering.id, ...subnets],
        message: `${where}, may route ${direction} via ${peering.id}: ${unsure.map((r) => describeRouteCheck(r, peering.id)).join('; ')}.`,
        fix: `Check the entries of ${[...new Set(unsure.map((r) => (r.state === 'unknown' ? r.route.destination : '')))].join(', ')}, or route ${block} itself (it outranks the prefix list): ${create}`,
      });
      continue;
    }
    const replace = needsReplace(first, block);
    checks.push({
      kind,
      status: 'fail',
      resourceIds: [table.id, peering.id, ...subnets],
      message: `${where}, does not route ${direction} via ${peering.id}: ${bad.map((r) => describeRouteCheck(r, peering.id)).join('; ')}.`,
      fix:
        first.state === 'elsewhere'
          ? `Route ${block} to ${peering.id} in ${table.id} (it now goes to ${describeTarget(first.route.target)}): ${replace ? peeringRouteCommand('ReplaceRoute', table.id, block, peering.id) : create}`
          : `Add a route ${block} → ${peering.id} in ${table.id}: ${create}`,
    });
  }
  return checks;
}

function pickGroups(index: TopologyIndex, vpcId: VpcId, ids: readonly SecurityGroupId[] | undefined): readonly SecurityGroup[] {
  if (ids) return ids.map((id) => index.securityGroupById.get(id)).filter((g): g is SecurityGroup => g !== undefined);
  return index.securityGroupsByVpc.get(vpcId) ?? [];
}

interface Traffic {
  readonly protocol: TrafficProtocol;
  readonly port?: number;
}

const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '-1': '-1', all: '-1', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

function normaliseProtocol(p: string): string {
  const lower = p.toLowerCase();
  return PROTOCOL_NAMES[lower] ?? lower;
}

/** True when a rule's protocol and ports admit the traffic. */
function isTrafficAllowed(rule: SecurityGroupRule, traffic: Traffic): boolean {
  const ruleProtocol = normaliseProtocol(rule.protocol);
  if (ruleProtocol === '-1') return true;
  switch (traffic.protocol) {
    case '-1':
      // "Any traffic": a rule allowing some protocol allows some of it.
      return true;
    case 'icmp':
      return ruleProtocol === 'icmp' || ruleProtocol === 'icmpv6';
    case 'tcp':
    case 'udp':
      if (ruleProtocol !== traffic.protocol) return false;
      if (traffic.port === undefined || rule.fromPort === undefined || rule.toPort === undefined) return true;
      // fromPort/toPort of -1 mean all ports in the EC2 API.
      if (rule.fromPort === -1) return true;
      return rule.fromPort <= traffic.port && traffic.port <= rule.toPort;
    default:
      return assertNever(traffic.protocol);
  }
}

function describeRule(rule: SecurityGroupRule): string {
  const protocol = normaliseProtocol(rule.protocol);
  if (protocol === '-1') return 'all traffic';
  if (rule.fromPort === undefined || rule.toPort === undefined || rule.fromPort === -1) return `${protocol} (all ports)`;
  if (protocol === 'icmp' || protocol === 'icmpv6') return `${protocol} type ${rule.fromPort}`;
  return rule.fromPort === rule.toPort ? `${protocol} ${rule.fromPort}` : `${protocol} ${rule.fromPort}-${rule.toPort}`;
}

function describeTraffic(traffic: Traffic): string {
  if (traffic.protocol === '-1') return 'traffic';
  return traffic.port !== undefined && traffic.protocol !== 'icmp' ? `${traffic.protocol}/${traffic.port}` : traffic.protocol;
}

type RuleMatch = { readonly kind: 'match'; readonly text: string } | { readonly kind: 'maybe'; readonly text: string } | { readonly kind: 'no'; readonly text?: string };

function matchRulePeer(
  index: TopologyIndex,
  group: SecurityGroup,
  rule: SecurityGroupRule,
  otherRanges: readonly CidrRange[],
  otherGroups: readonly SecurityGroup[],
  peering: Peering | null,
): RuleMatch {
  const peer = rule.peer;
  switch (peer.kind) {
    case 'cidr': {
      const range = index.rangeOf(peer.cidr);
      if (!range) return { kind: 'no' };
      if (otherRanges.every((r) => isWithin(r, range))) return { kind: 'match', text: peer.cidr };
      if (otherRanges.some((r) => hasOverlap(r, range))) return { kind: 'match', text: `${peer.cidr} (part of the other side)` };
      return { kind: 'no' };
    }
    case 'group': {
      const target = otherGroups.find((g) => g.id === peer.groupId);
      if (!target) return { kind: 'no' };
      if (target.vpcId === group.vpcId) return { kind: 'match', text: `group ${peer.groupId}` };
      // Group references across a peering work only inside one region (AWS: "Update your security groups to reference peer security groups").
      if (target.region !== group.region) {
        return { kind: 'no', text: `${group.id} references ${peer.groupId}, but references across an inter-region peering do not work; use the CIDR instead` };
      }
      if (!peering) return { kind: 'no', text: `${group.id} references ${peer.groupId}, which only works over an active peering` };
      return { kind: 'match', text: `group ${peer.accountId ? `${peer.accountId}/` : ''}${peer.groupId} across ${peering.id}` };
    }
    case 'prefix-list':
      return { kind: 'maybe', text: `${group.id} allows prefix list ${peer.prefixListId}, whose entries are not in the snapshot` };
    default:
      return assertNever(peer);
  }
}

function checkGroups(
  index: TopologyIndex,
  kind: 'source-egress' | 'destination-ingress',
  endpoint: ResolvedEndpoint,
  groups: readonly SecurityGroup[],
  otherRanges: readonly CidrRange[],
  otherGroups: readonly SecurityGroup[],
  traffic: Traffic,
  peering: Peering | null,
): ReachabilityCheck {
  const egress = kind === 'source-egress';
  const direction = egress ? 'egress' : 'ingress';
  const what = `${describeTraffic(traffic)} ${egress ? 'to' : 'from'} ${otherRanges.map((r) => r.cidr).join(', ')}`;
  if (groups.length === 0) {
    return {
      kind,
      status: 'fail',
      resourceIds: [endpoint.vpcId],
      message: `No security group of ${labelVpc(index, endpoint.vpcId)} is in the snapshot (or among the named ones), so nothing allows ${direction} ${what}.`,
      fix: 'Name existing security groups, or rescan.',
    };
  }
  const maybes: string[] = [];
  const notes: string[] = [];
  const nearMisses: string[] = [];
  for (const group of groups) {
    for (const rule of egress ? group.egress : group.ingress) {
      const peerMatch = matchRulePeer(index, group, rule, otherRanges, otherGroups, peering);
      if (peerMatch.kind === 'no') {
        if (peerMatch.text) notes.push(peerMatch.text);
        continue;
      }
      if (!isTrafficAllowed(rule, traffic)) {
        nearMisses.push(`${group.id} allows only ${describeRule(rule)} ${egress ? 'to' : 'from'} ${peerMatch.text}`);
        continue;
      }
      if (peerMatch.kind === 'maybe') {
        maybes.push(peerMatch.text);
        continue;
      }
      return {
        kind,
        status: 'pass',
        resourceIds: [group.id],
        message: `${group.name ? `${group.name} (${group.id})` : group.id} ${direction} allows ${describeRule(rule)} ${egress ? 'to' : 'from'} ${peerMatch.text}.`,
      };
    }
  }
  const groupIds = groups.map((g) => g.id);
  const detail = [...nearMisses, ...notes].slice(0, 3).join('; ');
  if (maybes.length > 0) {
    return {
      kind,
      status: 'unknown',
      resourceIds: groupIds,
      message: `Only a prefix list might allow ${direction} ${what}: ${maybes.join('; ')}.`,
      fix: 'Check the prefix list entries in the console, or add a rule for the CIDR.',
    };
  }
  const cidr = otherRanges[0]?.cidr ?? '';
  const protocol = traffic.protocol === '-1' ? '-1' : traffic.protocol;
  const hasPort = traffic.port !== undefined && (protocol === 'tcp' || protocol === 'udp');
  // The CLI's --cidr shorthand takes IPv4 only; IPv6 needs --ip-permissions (AWS CLI reference).
  const permission: Readonly<Record<string, CliParam>> = cidr.includes(':')
    ? { IpPermissions: `IpProtocol=${protocol}${hasPort ? `,FromPort=${traffic.port},ToPort=${traffic.port}` : ''},Ipv6Ranges=[{CidrIpv6=${cidr}}]` }
    : { Protocol: protocol, ...(hasPort ? { Port: traffic.port! } : {}), Cidr: cidr };
  const authorize = ec2Command(egress ? 'AuthorizeSecurityGroupEgress' : 'AuthorizeSecurityGroupIngress', { GroupId: groupIds[0]!, ...permission });
  return {
    kind,
    status: 'fail',
    resourceIds: groupIds,
    message: `No security group of ${labelVpc(index, endpoint.vpcId)} (${groupIds.join(', ')}) allows ${direction} ${what}${detail ? ` (${detail})` : ''}.`,
    fix: `Add an ${direction} rule, e.g. ${awsCommandText(authorize)}`,
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
