/** The network ACL part of a path fix. ACLs are stateless: each direction of each ACL guarding the
 * path's subnets is judged on its own, the forward traffic on its port and the return traffic on
 * the ephemeral ports 1024-65535; a denied direction gets an allow entry numbered below the entry
 * that denies it, on a number no entry of that direction holds.
 */
import { hasOverlap, isWithin } from '../cidr/overlap';
import { parseCidrRange, type CidrRange } from '../cidr/parse-cidr';
import type { SubnetId, VpcId } from '../model/ids';
import type { NetworkAcl, NetworkAclEntry } from '../model/kinds/network-acl';
import type { Topology, Vpc } from '../model/topology';
import type { TrafficProtocol } from '../analysis/reachability-types';
import { networkAclEntryStep, networkAclEntryStepId, type StepPlace } from './plan-steps';
import type { PlanNote, PlanStep } from './plan-types';
import type { NetworkAclEntryParams } from './step-params';

/** The ephemeral ports return traffic comes back on (the range AWS's guide tells ACLs to allow). */
export const EPHEMERAL_PORTS = { from: 1024, to: 65535 } as const;

/** The highest rule number a customer entry may have. */
const MAX_RULE_NUMBER = 32766;

const ACL_PROTOCOL: Readonly<Record<TrafficProtocol, string>> = { '-1': '-1', tcp: '6', udp: '17', icmp: '1' };
const PROTOCOL_NUMBERS: Readonly<Record<string, string>> = { all: '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };

/** One end of the path: its VPC, the subnets it stands for, where its steps run, and the other end's ranges. */
export interface AclSide {
  readonly vpc: Vpc;
  readonly subnetIds: readonly SubnetId[];
  readonly place: StepPlace;
  readonly role: 'source' | 'destination';
  readonly peers: readonly CidrRange[];
}

type Ports = { readonly from: number; readonly to: number } | undefined;

interface AclQuestion {
  readonly egress: boolean;
  readonly protocol: TrafficProtocol;
  readonly ports: Ports;
  readonly words: string;
}

/**
 * The entries that let the traffic through every ACL of both sides, both directions: the source
 * side's outbound and the destination side's inbound for the traffic, the other two for its return.
 */
export function aclEntrySteps(
  topology: Topology,
  sides: readonly AclSide[],
  traffic: { readonly protocol: TrafficProtocol; readonly port?: number },
  words: string,
  notes: PlanNote[],
  label: (vpcId: VpcId) => string,
): PlanStep[] {
  const { protocol } = traffic;
  const ported = protocol === 'tcp' || protocol === 'udp';
  const forward: Ports = ported ? (traffic.port !== undefined ? { from: traffic.port, to: traffic.port } : { from: 0, to: 65535 }) : undefined;
  const back: Ports = ported ? EPHEMERAL_PORTS : undefined;
  const backWords = `return traffic (${ported ? `${protocol} ${EPHEMERAL_PORTS.from}-${EPHEMERAL_PORTS.to}` : words})`;
  const taken = new Map<string, Set<number>>();
  const out: PlanStep[] = [];
  for (const side of sides) {
    const source = side.role === 'source';
    const questions: readonly AclQuestion[] = [
      { egress: source, protocol, ports: forward, words },
      { egress: !source, protocol, ports: back, words: backWords },
    ];
    const acls = aclsOf(topology, side.vpc.id, side.subnetIds);
    if (acls === undefined) {
      notes.push({ level: 'info', message: `The network ACLs of ${label(side.vpc.id)} are not in the snapshot: they were not checked.`, fix: 'Rescan to read them.' });
      continue;
    }
    for (const acl of acls) {
      for (const q of questions) {
        for (const peer of side.peers) {
          const decision = evaluateAcl(acl, q.egress, q.protocol, q.ports, peer);
          if (decision.allowed) continue;
          const key = `${acl.id}:${q.egress}`;
          const used = taken.get(key) ?? new Set(acl.entries.filter((e) => e.egress === q.egress).map((e) => e.ruleNumber));
          taken.set(key, used);
          const number = freeRuleNumber(used, decision.deciding?.ruleNumber ?? MAX_RULE_NUMBER + 1);
          if (number === undefined) {
            notes.push({
              level: 'warning',
              message: `${acl.id} denies ${q.words} with rule ${decision.deciding?.ruleNumber}, and no rule number below it is free: no entry can be planned.`,
              fix: `Renumber the entries of ${acl.id}, or move the deny.`,
            });
            continue;
          }
          used.add(number);
          const params: NetworkAclEntryParams = {
            NetworkAclId: acl.id,
            RuleNumber: number,
            Egress: q.egress,
            Protocol: ACL_PROTOCOL[q.protocol],
            RuleAction: 'allow',
            ...(peer.family === 'ipv4' ? { CidrBlock: peer.cidr } : { Ipv6CidrBlock: peer.cidr }),
            ...(q.ports ? { PortRange: { From: q.ports.from, To: q.ports.to } } : {}),
            ...(q.protocol === 'icmp' ? { IcmpTypeCode: { Type: -1, Code: -1 } } : {}),
          };
          const deciding = decision.deciding?.ruleNumber;
          const denied = deciding !== undefined ? `rule ${deciding >= 32767 ? '*' : deciding} denies it` : 'no rule allows it';
          if (!out.some((s) => s.id === networkAclEntryStepId(acl.id, q.egress, number))) {
            out.push(networkAclEntryStep(side.place, side.vpc.id, params, `${q.words} ${q.egress ? 'to' : 'from'} ${peer.cidr} (${denied})`, []));
          }
        }
      }
    }
  }
  return out;
}

/**
 * The ACLs guarding `subnetIds` of `vpcId` (a subnet without an association of its own has the
 * VPC's default ACL); `undefined` when the snapshot holds no ACL of the VPC (read before ACLs were).
 */
function aclsOf(topology: Topology, vpcId: VpcId, subnetIds: readonly SubnetId[]): NetworkAcl[] | undefined {
  const ofVpc = topology.networkAcls.filter((a) => a.vpcId === vpcId);
  if (ofVpc.length === 0) return undefined;
  const out = new Map<string, NetworkAcl>();
  const fallback = ofVpc.find((a) => a.isDefault);
  for (const id of subnetIds) {
    const acl = ofVpc.find((a) => a.subnetIds.includes(id)) ?? fallback;
    if (acl) out.set(acl.id, acl);
  }
  return [...out.values()];
}

function aclProtocol(p: string): string {
  const lower = p.toLowerCase();
  return PROTOCOL_NUMBERS[lower] ?? lower;
}

/**
 * What one direction of an ACL decides for traffic with `peer`: entries by rule number, the first
 * that matches decides. An allow decides only when it covers the whole peer block and port range;
 * a deny that covers any of them decides, since it drops part of the traffic.
 */
export function evaluateAcl(acl: NetworkAcl, egress: boolean, protocol: TrafficProtocol, ports: Ports, peer: CidrRange): { readonly allowed: boolean; readonly deciding?: NetworkAclEntry } {
  const entries = acl.entries.filter((e) => e.egress === egress).sort((a, b) => a.ruleNumber - b.ruleNumber);
  const wanted = ACL_PROTOCOL[protocol];
  for (const entry of entries) {
    const range = parseCidrRange(entry.cidr);
    if (!range.ok || range.value.family !== peer.family) continue;
    const entryProtocol = aclProtocol(entry.protocol);
    const protocolCovers = entryProtocol === '-1' || entryProtocol === wanted;
    const protocolTouches = protocolCovers || wanted === '-1';
    const portsApply = entryProtocol === '6' || entryProtocol === '17';
    const entryPorts = portsApply && entry.fromPort !== undefined && entry.toPort !== undefined ? { from: entry.fromPort, to: entry.toPort } : undefined;
    const portsCover = !entryPorts || (ports !== undefined && entryPorts.from <= ports.from && ports.to <= entryPorts.to);
    const portsTouch = !entryPorts || ports === undefined || (entryPorts.from <= ports.to && ports.from <= entryPorts.to);
    if (entry.action === 'allow') {
      if (protocolCovers && portsCover && isWithin(peer, range.value)) return { allowed: true, deciding: entry };
    } else if (protocolTouches && portsTouch && hasOverlap(peer, range.value)) {
      return { allowed: false, deciding: entry };
    }
  }
  return { allowed: false };
}

/**
 * A free rule number below `below`: the next ten above the highest entry under it when that is
 * free, else the highest free number under it; `undefined` when none is.
 */
export function freeRuleNumber(used: ReadonlySet<number>, below: number): number | undefined {
  const limit = Math.min(below - 1, MAX_RULE_NUMBER);
  const under = [...used].filter((n) => n <= limit);
  const highest = under.length > 0 ? Math.max(...under) : 0;
  const tidy = (Math.floor(highest / 10) + 1) * 10;
  if (tidy <= limit && !used.has(tidy)) return tidy;
  for (let n = limit; n >= 1; n--) if (!used.has(n)) return n;
  return undefined;
}
