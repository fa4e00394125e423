/** The network ACL part of a path fix: an allow entry for each ACL hop the explainer finds blocked.
 *
 * Whether each ACL lets the traffic through, both ways and statelessly (the reply on the
 * ephemeral ports), is the explainer's evaluation (`reachability-acls.ts`); its `blockedBy`
 * names the ACL, the direction, the deny that decided and the traffic. What is kept here is the
 * proposal: an allow entry numbered below that deny, on a number no entry of that direction holds
 * (`freeRuleNumber`, the number the explainer's fix sentence gives too).
 */
import type { SubnetId, VpcId } from '../model/ids';
import type { Topology } from '../model/topology';
import { freeRuleNumber } from '../analysis/acl-rule-numbers';
import { aclOfSubnet } from '../analysis/reachability-acls';
import type { BlockedBy, ReachabilityCheck, TrafficProtocol } from '../analysis/reachability-types';
import { networkAclEntryStep, networkAclEntryStepId, type StepPlace } from './plan-steps';
import type { PlanNote, PlanStep } from './plan-types';
import type { NetworkAclEntryParams } from './step-params';

/** The rule number of the `*` entry closing each direction. */
const DEFAULT_RULE_NUMBER = 32767;

const ACL_PROTOCOL: Readonly<Record<TrafficProtocol, string>> = { '-1': '-1', tcp: '6', udp: '17', icmp: '1' };

/** One end of the path: its VPC, the subnets it stands for and where its steps run. */
export interface AclSide {
  readonly vpcId: VpcId;
  readonly subnetIds: readonly SubnetId[];
  readonly place: StepPlace;
}

type NaclBlock = Extract<BlockedBy, { kind: 'nacl' }>;

/**
 * The entries that let the traffic through the ACL hops the explainer's `checks` find blocked
 * (denied, or a reply allowed on only some of its ports). `words`: the forward traffic in words.
 */
export function aclEntrySteps(
  topology: Topology,
  checks: readonly ReachabilityCheck[],
  sides: { readonly source: AclSide; readonly destination: AclSide },
  words: string,
  notes: PlanNote[],
  label: (vpcId: VpcId) => string,
): PlanStep[] {
  for (const side of [sides.source, sides.destination]) {
    if (side.subnetIds.some((s) => aclOfSubnet(topology, side.vpcId, s) === undefined)) {
      notes.push({ level: 'info', message: `The network ACLs of ${label(side.vpcId)} are not in the snapshot: they were not checked.`, fix: 'Rescan to read them.' });
    }
  }
  const aclsById = new Map(topology.networkAcls.map((a) => [a.id, a]));
  const taken = new Map<string, Set<number>>();
  const out: PlanStep[] = [];
  for (const check of checks) {
    const block = check.blockedBy;
    if (block?.kind !== 'nacl') continue;
    const acl = aclsById.get(block.aclId);
    if (!acl) continue;
    const egress = block.direction === 'outbound';
    const side = check.kind === 'source-acl-outbound' || check.kind === 'source-acl-return' ? sides.source : sides.destination;
    const what = check.kind.endsWith('-return') ? replyWords(block, words) : words;
    const key = `${acl.id}:${egress}`;
    const used = taken.get(key) ?? new Set(acl.entries.filter((e) => e.egress === egress).map((e) => e.ruleNumber));
    taken.set(key, used);
    const ported = block.protocol === 'tcp' || block.protocol === 'udp';
    const ports = block.ports ?? (ported ? ([0, 65535] as const) : undefined);
    const denied = `rule ${block.ruleNumber >= DEFAULT_RULE_NUMBER ? '*' : block.ruleNumber} denies it`;
    for (const cidr of block.cidrs) {
      const number = freeRuleNumber(used, block.ruleNumber);
      if (number === undefined) {
        notes.push({
          level: 'warning',
          message: `${acl.id} denies ${what} with rule ${block.ruleNumber}, and no rule number below it is free: no entry can be planned.`,
          fix: `Renumber the entries of ${acl.id}, or move the deny.`,
        });
        break;
      }
      used.add(number);
      const params: NetworkAclEntryParams = {
        NetworkAclId: acl.id,
        RuleNumber: number,
        Egress: egress,
        Protocol: ACL_PROTOCOL[block.protocol],
        RuleAction: 'allow',
        ...(cidr.includes(':') ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
        ...(ports && ported ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
        ...(block.protocol === 'icmp' ? { IcmpTypeCode: { Type: -1, Code: -1 } } : {}),
      };
      if (!out.some((s) => s.id === networkAclEntryStepId(acl.id, egress, number))) {
        out.push(networkAclEntryStep(side.place, side.vpcId, params, `${what} ${egress ? 'to' : 'from'} ${cidr} (${denied})`, []));
      }
    }
  }
  return out;
}

/** The reply in words: the ephemeral ports it comes back on, for TCP and UDP. */
function replyWords(block: NaclBlock, words: string): string {
  return `return traffic (${block.ports && (block.protocol === 'tcp' || block.protocol === 'udp') ? `${block.protocol} ${block.ports[0]}-${block.ports[1]}` : words})`;
}
