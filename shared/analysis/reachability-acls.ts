/** The network ACL hops of a reachability question, both ways, as AWS evaluates them.
 *
 * ACLs are stateless: traffic leaving the source subnet meets its ACL's outbound entries, and
 * entering the destination subnet that ACL's inbound entries; the reply is new traffic to the
 * source's ephemeral port (1024-65535), so it needs the destination ACL's outbound allow and the
 * source ACL's inbound allow of its own. In each direction the entries are read lowest rule
 * number first and the first one matching the traffic decides; nothing matching is the `*` deny.
 * A subnet with no explicit association is guarded by its VPC's default ACL; traffic between two
 * addresses of one subnet meets no ACL. A VPC whose ACLs are not in the snapshot gives `unknown`.
 *
 * An endpoint with several subnets (a VPC) passes when some pair of a source subnet and a
 * destination subnet passes all four hops: subnets sharing an ACL are one candidate. The rules are
 * in docs/reachability.md.
 */
import type { CidrRange } from '../cidr/parse-cidr';
import type { SubnetId, VpcId } from '../model/ids';
import type { NetworkAcl, NetworkAclEntry, Topology } from '../model/topology';
import { ACL_DEFAULT_RULE_NUMBER } from '../model/topology';
import type { Traffic } from './reachability-groups';
import { normaliseProtocol } from './reachability-groups';
import type { AclDirection, ReachabilityCheck, ResolvedEndpoint } from './reachability-types';
import type { AclHop, AclHopKind, AclVerdict } from './reachability-words';
import { aclHopWords, aclUnreadWords } from './reachability-words';
export { aclHopStatus } from './reachability-words';

/** The ports a reply is sent to: the client's ephemeral range, as AWS's ACL guide allows it. */
export const EPHEMERAL_PORTS: readonly [number, number] = [1024, 65535];


interface AclIndex {
  readonly byVpc: ReadonlyMap<VpcId, readonly NetworkAcl[]>;
  readonly bySubnet: ReadonlyMap<SubnetId, NetworkAcl>;
}

const cache = new WeakMap<Topology, AclIndex>();

function aclIndexOf(topology: Topology): AclIndex {
  const hit = cache.get(topology);
  if (hit) return hit;
  const byVpc = new Map<VpcId, NetworkAcl[]>();
  const bySubnet = new Map<SubnetId, NetworkAcl>();
  for (const acl of topology.networkAcls) {
    const list = byVpc.get(acl.vpcId);
    if (list) list.push(acl);
    else byVpc.set(acl.vpcId, [acl]);
    for (const s of acl.subnetIds) bySubnet.set(s, acl);
  }
  const index = { byVpc, bySubnet };
  cache.set(topology, index);
  return index;
}

/** The ACL guarding a subnet: its explicit association, else its VPC's default ACL; undefined when the VPC's ACLs were not read. */
export function aclOfSubnet(topology: Topology, vpcId: VpcId, subnetId: SubnetId): NetworkAcl | undefined {
  const index = aclIndexOf(topology);
  return index.bySubnet.get(subnetId) ?? index.byVpc.get(vpcId)?.find((a) => a.isDefault);
}

/** Traffic as an ACL matches it: a protocol and the destination ports asked about (none: any). */
export interface AclTraffic {
  readonly protocol: Traffic['protocol'];
  readonly ports?: readonly [number, number];
}

/** How one ACL direction decides: `allow` by an entry, or `deny` by one (the first deny that met the traffic, else `*`). */
export interface AclDecision {
  readonly allowed: boolean;
  readonly entry: NetworkAclEntry | undefined;
  readonly ruleNumber: number;
  /** An allow that covers only some of the other side's addresses or of the ports asked about. */
  readonly partial: boolean;
  /** For a port range that had to be covered whole (a reply): the ports allowed, when only some are. */
  readonly allowedPorts?: readonly (readonly [number, number])[];
}

const ALL_PORTS: readonly [number, number] = [0, 65535];

function entryPorts(entry: NetworkAclEntry): readonly [number, number] {
  if (entry.fromPort === undefined || entry.toPort === undefined || entry.fromPort === -1) return ALL_PORTS;
  return [entry.fromPort, entry.toPort];
}

/** `all`: the entry applies to every packet of the traffic; `some`: to part of it; `none`. */
function protocolMatch(entry: NetworkAclEntry, traffic: AclTraffic): 'all' | 'some' | 'none' {
  const p = normaliseProtocol(entry.protocol);
  if (p === '-1') return 'all';
  if (traffic.protocol === '-1') return 'some';
  if (traffic.protocol === 'icmp') return p === 'icmp' || p === 'icmpv6' ? 'all' : 'none';
  if (p !== traffic.protocol) return 'none';
  const [from, to] = entryPorts(entry);
  const [lo, hi] = traffic.ports ?? ALL_PORTS;
  if (from <= lo && hi <= to) return 'all';
  return from <= hi && lo <= to ? 'some' : 'none';
}

type Span = readonly [bigint, bigint];

function subtract(spans: readonly Span[], lo: bigint, hi: bigint): Span[] {
  const out: Span[] = [];
  for (const [a, b] of spans) {
    if (b < lo || a > hi) out.push([a, b]);
    else {
      if (a < lo) out.push([a, lo - 1n]);
      if (b > hi) out.push([hi + 1n, b]);
    }
  }
  return out;
}

/**
 * Evaluate one direction of `acl` for traffic to or from `peer` (the other side's addresses):
 * lowest rule number first, an entry deciding for the addresses it holds that no earlier entry
 * decided. Passes when some address of `peer` is allowed some of the traffic; a deny counts only
 * where it applies to all of the traffic asked about.
 */
function evaluateOnce(entries: readonly NetworkAclEntry[], traffic: AclTraffic, peer: readonly CidrRange[], rangeOf: (cidr: string) => CidrRange | null): AclDecision {
  let open: Span[] = peer.map((r) => [r.start, r.end] as Span);
  const family = peer[0]?.family;
  let firstDeny: NetworkAclEntry | undefined;
  for (const entry of entries) {
    const range = rangeOf(entry.cidr);
    if (!range || range.family !== family) continue;
    const match = protocolMatch(entry, traffic);
    if (match === 'none') continue;
    const hit = open.some(([a, b]) => a <= range.end && range.start <= b);
    if (!hit) continue;
    if (entry.action === 'allow') {
      const whole = firstDeny === undefined && peer.every((r) => r.start >= range.start && r.end <= range.end);
      return { allowed: true, entry, ruleNumber: entry.ruleNumber, partial: match !== 'all' || !whole };
    }
    if (match !== 'all') continue;
    firstDeny ??= entry;
    open = subtract(open, range.start, range.end);
    if (open.length === 0) break;
  }
  return { allowed: false, entry: firstDeny, ruleNumber: firstDeny?.ruleNumber ?? ACL_DEFAULT_RULE_NUMBER, partial: false };
}

const sortedEntries = new WeakMap<NetworkAcl, { readonly inbound: readonly NetworkAclEntry[]; readonly outbound: readonly NetworkAclEntry[] }>();

/** The entries of one direction of `acl`, lowest rule number first (sorted once per ACL: snapshots are immutable). */
function entriesOf(acl: NetworkAcl, direction: AclDirection): readonly NetworkAclEntry[] {
  let sorted = sortedEntries.get(acl);
  if (!sorted) {
    const byNumber = [...acl.entries].sort((a, b) => a.ruleNumber - b.ruleNumber);
    sorted = { inbound: byNumber.filter((e) => !e.egress), outbound: byNumber.filter((e) => e.egress) };
    sortedEntries.set(acl, sorted);
  }
  return sorted[direction];
}

/**
 * Evaluate one direction of `acl` (see `evaluateOnce`). With `need: 'all'` (a reply, to any
 * port of the ephemeral range) a TCP or UDP port range is split where entries start or end, and
 * passes only when every piece is allowed; `allowedPorts` lists the pieces that are when only
 * some are (then `allowed` is false and `partial` true).
 */
export function evaluateAcl(
  acl: NetworkAcl,
  direction: AclDirection,
  traffic: AclTraffic,
  peer: readonly CidrRange[],
  rangeOf: (cidr: string) => CidrRange | null,
  need: 'some' | 'all' = 'some',
): AclDecision {
  const entries = entriesOf(acl, direction);
  const ports = traffic.ports;
  if (need === 'some' || !ports || ports[0] === ports[1] || (traffic.protocol !== 'tcp' && traffic.protocol !== 'udp')) return evaluateOnce(entries, traffic, peer, rangeOf);
  const cuts = new Set<number>([ports[0], ports[1] + 1]);
  for (const e of entries) {
    const [from, to] = entryPorts(e);
    if (from > ports[0] && from <= ports[1]) cuts.add(from);
    if (to + 1 > ports[0] && to + 1 <= ports[1]) cuts.add(to + 1);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const pieces = sorted.slice(0, -1).map((lo, i) => [lo, sorted[i + 1]! - 1] as const);
  const decided = pieces.map((piece) => ({ piece, decision: evaluateOnce(entries, { ...traffic, ports: piece }, peer, rangeOf) }));
  const allowed = decided.filter((d) => d.decision.allowed);
  const denied = decided.find((d) => !d.decision.allowed);
  if (!denied) return { ...allowed[0]!.decision, partial: allowed.some((d) => d.decision.partial) };
  if (allowed.length === 0) return denied.decision;
  const merged: [number, number][] = [];
  for (const { piece } of allowed) {
    const last = merged[merged.length - 1];
    if (last && last[1] + 1 === piece[0]) last[1] = piece[1];
    else merged.push([piece[0], piece[1]]);
  }
  return { ...denied.decision, partial: true, allowedPorts: merged };
}

/** The subnets of one side that one ACL guards. */
export interface AclGroup {
  readonly acl: NetworkAcl;
  readonly subnetIds: readonly SubnetId[];
}

/** A side's subnets grouped by the ACL guarding them; `null` when some subnet's VPC has no ACL in the snapshot. */
export function aclGroupsOf(topology: Topology, endpoint: ResolvedEndpoint): AclGroup[] | null {
  const groups = new Map<string, { acl: NetworkAcl; subnetIds: SubnetId[] }>();
  for (const subnetId of endpoint.subnetIds) {
    const acl = aclOfSubnet(topology, endpoint.vpcId, subnetId);
    if (!acl) return null;
    const g = groups.get(acl.id);
    if (g) g.subnetIds.push(subnetId);
    else groups.set(acl.id, { acl, subnetIds: [subnetId] });
  }
  return [...groups.values()];
}

const HOP_KINDS: readonly AclHopKind[] = ['source-acl-outbound', 'destination-acl-inbound', 'destination-acl-return', 'source-acl-return'];

/**
 * The four hops of the pair of source and destination ACLs that lets the most of them through
 * (all four for the first pair that passes), and how many pairs there were to try. The sides are
 * grouped by `aclGroupsOf`, each non-empty.
 */
export function judgeAcls(
  srcAcls: readonly AclGroup[],
  srcRanges: readonly CidrRange[],
  dstAcls: readonly AclGroup[],
  dstRanges: readonly CidrRange[],
  traffic: Traffic,
  rangeOf: (cidr: string) => CidrRange | null,
): { readonly verdicts: readonly AclVerdict[]; readonly pairs: number } {
  const forward: AclTraffic = { protocol: traffic.protocol, ...(traffic.port !== undefined && traffic.protocol !== 'icmp' ? { ports: [traffic.port, traffic.port] as const } : {}) };
  const reply: AclTraffic = { protocol: traffic.protocol, ...(traffic.protocol === 'icmp' ? {} : { ports: EPHEMERAL_PORTS }) };
  let best: { verdicts: AclVerdict[]; passed: number } | undefined;
  for (const s of srcAcls) {
    for (const d of dstAcls) {
      const hops: AclHop[] = [
        { kind: 'source-acl-outbound', acl: s.acl, subnetIds: s.subnetIds, direction: 'outbound', traffic: forward, peer: dstRanges },
        { kind: 'destination-acl-inbound', acl: d.acl, subnetIds: d.subnetIds, direction: 'inbound', traffic: forward, peer: srcRanges },
        { kind: 'destination-acl-return', acl: d.acl, subnetIds: d.subnetIds, direction: 'outbound', traffic: reply, peer: srcRanges },
        { kind: 'source-acl-return', acl: s.acl, subnetIds: s.subnetIds, direction: 'inbound', traffic: reply, peer: dstRanges },
      ];
      const verdicts = hops.map((h): AclVerdict => ({ ...h, decision: evaluateAcl(h.acl, h.direction, h.traffic, h.peer, rangeOf, h.kind.endsWith('-return') ? 'all' : 'some') }));
      const passed = verdicts.filter((v) => v.decision.allowed).length;
      if (!best || passed > best.passed) best = { verdicts, passed };
      if (passed === verdicts.length) break;
    }
    if (best?.passed === 4) break;
  }
  return { verdicts: best!.verdicts, pairs: srcAcls.length * dstAcls.length };
}

/** Whether the ACLs need checking between `src` and `dst`: not within one subnet (its ACL never sees that traffic), nor for a side without subnets (the route hop says so). */
export function aclsApply(src: ResolvedEndpoint, dst: ResolvedEndpoint): boolean {
  if (src.subnetIds.length === 1 && dst.subnetIds.length === 1 && src.subnetIds[0] === dst.subnetIds[0]) return false;
  return src.subnetIds.length > 0 && dst.subnetIds.length > 0;
}

/**
 * The four ACL hops between `src` and `dst` (ranges: the addresses each stands for), for `traffic`.
 * Empty when both are the same one subnet (its ACL never sees that traffic).
 */
export function checkAcls(
  topology: Topology,
  rangeOf: (cidr: string) => CidrRange | null,
  src: ResolvedEndpoint,
  srcRanges: readonly CidrRange[],
  dst: ResolvedEndpoint,
  dstRanges: readonly CidrRange[],
  traffic: Traffic,
): ReachabilityCheck[] {
  if (!aclsApply(src, dst)) return [];
  const srcAcls = aclGroupsOf(topology, src);
  const dstAcls = aclGroupsOf(topology, dst);
  if (!srcAcls || !dstAcls) {
    // A hop of a side whose ACLs were read and that has subnets would still be decidable, but the
    // pair semantics needs both sides: every hop is unknown.
    return HOP_KINDS.map((kind): ReachabilityCheck => {
      const endpoint = kind.startsWith('source') ? src : dst;
      const acls = kind.startsWith('source') ? srcAcls : dstAcls;
      const reason = acls === null ? 'unread' : 'other-side';
      return { kind, status: 'unknown', resourceIds: [endpoint.vpcId, ...endpoint.subnetIds], message: aclUnreadWords(kind, endpoint.vpcId, reason) };
    });
  }
  const { verdicts, pairs } = judgeAcls(srcAcls, srcRanges, dstAcls, dstRanges, traffic, rangeOf);
  return verdicts.map((v) => aclHopWords(v, pairs, rangeOf));
}
