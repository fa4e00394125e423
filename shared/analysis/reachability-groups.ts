/** The security-group hops of a reachability question: egress out of the source, ingress into the destination.
 *
 * A rule matches the other side by CIDR, or by a group referenced across the peering, which
 * works only within one region ("Update your security groups to reference peer security
 * groups"); a rule naming a prefix list matches through the list's entries, and is `unknown`
 * only when the list is not in the snapshot.
 */
import { assertNever } from '../core/result';
import { hasOverlap, isWithin } from '../cidr/overlap';
import type { CidrRange } from '../cidr/parse-cidr';
import type { SecurityGroupId, VpcId } from '../model/ids';
import type { Peering, SecurityGroup, SecurityGroupRule } from '../model/topology';
import type { CliParam } from '../words/aws-cli';
import { awsCommandText, ec2Command } from '../words/aws-cli';
import type { BlockedBy, ReachabilityCheck, ResolvedEndpoint, TrafficProtocol } from './reachability-types';
import type { PrefixListLookup } from './prefix-lists';
import type { TopologyIndex } from './topology-index';
import { labelVpc } from './topology-index';

/** The groups of an endpoint: the named ones, else every group of its VPC. */
export function pickGroups(index: TopologyIndex, vpcId: VpcId, ids: readonly SecurityGroupId[] | undefined): readonly SecurityGroup[] {
  if (ids) return ids.map((id) => index.securityGroupById.get(id)).filter((g): g is SecurityGroup => g !== undefined);
  return index.securityGroupsByVpc.get(vpcId) ?? [];
}

/** The traffic asked about. */
export interface Traffic {
  readonly protocol: TrafficProtocol;
  readonly port?: number;
}

const PROTOCOL_NAMES: Readonly<Record<string, string>> = { '-1': '-1', all: '-1', '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6' };

/** A rule's protocol by name: `6` → `tcp`, `all` → `-1`. */
export function normaliseProtocol(p: string): string {
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
  lists: PrefixListLookup,
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
    case 'prefix-list': {
      const list = lists(peer.prefixListId, group.accountId, group.region);
      if (!list) return { kind: 'maybe', text: `${group.id} allows prefix list ${peer.prefixListId}, whose entries are not in the snapshot` };
      const entries = list.entries.map((e) => index.rangeOf(e.cidr)).filter((r): r is CidrRange => r !== null);
      const whole = entries.find((e) => otherRanges.every((r) => isWithin(r, e)));
      if (whole) return { kind: 'match', text: `prefix list ${peer.prefixListId} (entry ${whole.cidr})` };
      const part = entries.find((e) => otherRanges.some((r) => hasOverlap(r, e)));
      if (part) return { kind: 'match', text: `prefix list ${peer.prefixListId} (entry ${part.cidr}, part of the other side)` };
      return { kind: 'no', text: `prefix list ${peer.prefixListId} of ${group.id} holds none of the other side's addresses` };
    }
    default:
      return assertNever(peer);
  }
}

/** The egress or ingress hop of one endpoint's groups, towards the other side's ranges and groups. */
export function checkGroups(
  index: TopologyIndex,
  kind: 'source-egress' | 'destination-ingress',
  endpoint: ResolvedEndpoint,
  groups: readonly SecurityGroup[],
  otherRanges: readonly CidrRange[],
  otherGroups: readonly SecurityGroup[],
  traffic: Traffic,
  peering: Peering | null,
  /** The snapshot's prefix lists, which resolve a rule naming one; without it such a rule is `unknown`. */
  lists: PrefixListLookup = () => undefined,
): ReachabilityCheck {
  const egress = kind === 'source-egress';
  const direction = egress ? 'egress' : 'ingress';
  const what = `${describeTraffic(traffic)} ${egress ? 'to' : 'from'} ${otherRanges.map((r) => r.cidr).join(', ')}`;
  const blocked = (groupIds: readonly SecurityGroupId[]): BlockedBy => ({
    kind: 'security-group',
    groupIds,
    direction,
    protocol: traffic.protocol,
    ...(traffic.port !== undefined ? { port: traffic.port } : {}),
    cidrs: otherRanges.map((r) => r.cidr),
  });
  if (groups.length === 0) {
    return {
      kind,
      status: 'fail',
      resourceIds: [endpoint.vpcId],
      message: `No security group of ${labelVpc(index, endpoint.vpcId)} is in the snapshot (or among the named ones), so nothing allows ${direction} ${what}.`,
      fix: 'Name existing security groups, or rescan.',
      blockedBy: blocked([]),
    };
  }
  const maybes: string[] = [];
  const notes: string[] = [];
  const nearMisses: string[] = [];
  for (const group of groups) {
    for (const rule of egress ? group.egress : group.ingress) {
      const peerMatch = matchRulePeer(index, group, rule, otherRanges, otherGroups, peering, lists);
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
    blockedBy: blocked(groupIds),
  };
}
