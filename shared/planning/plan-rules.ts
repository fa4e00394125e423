/** The security-group rules a peering plan adds: what a user may ask for, how it is checked, and the
 * AuthorizeSecurityGroupIngress steps it becomes (CIDR rules per side, or group references within
 * one region). Used by new-peering plans and by completion plans alike. */
import { indexTopology } from '../analysis/topology-index';
import { fail, ok, type Result } from '../core/result';
import type { SecurityGroupId } from '../model/ids';
import type { Topology, Vpc } from '../model/topology';
import type { StepPlace } from './plan-steps';
import { authorizeRuleStep, isIpv6Cidr, portWords, ruleDescription, vpcLabel } from './plan-steps';
import type { PlanSideRole, PlanStep } from './plan-types';
import type { IpPermissionParam, PeeringRef } from './step-params';

/** Protocols a rule request may name (`-1` is all traffic). */
export type RuleProtocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | '-1';

/** Optional ingress rules to add for the peering. */
export interface SecurityGroupRuleRequest {
  /** Groups (in either VPC) that get the rule; each allows traffic from the other VPC. */
  readonly groupIds: readonly SecurityGroupId[];
  readonly protocol: RuleProtocol;
  /** Inclusive port range (ICMP: type and code); required for tcp and udp, ignored for `-1`. */
  readonly ports?: { readonly from: number; readonly to: number };
  /** Allow the peer's CIDR blocks, or reference the peer's security groups (same region only). */
  readonly source: 'cidr' | 'sg-reference';
  /** For `sg-reference`: the peer groups to allow (default: the groups of `groupIds` on the other side). */
  readonly peerGroupIds?: readonly SecurityGroupId[];
}

function checkRuleRequest(rule: SecurityGroupRuleRequest, i: number): Result<{ fromPort?: number; toPort?: number }> {
  const label = `Security-group rule ${i + 1}`;
  if (rule.groupIds.length === 0) return fail('invalid-input', `${label} names no security group.`, 'Pick at least one group to add the rule to.');
  if (rule.protocol === '-1') return ok({});
  const ports = rule.ports;
  if (!ports) {
    return fail('invalid-input', `${label} (${rule.protocol}) has no ports.`, rule.protocol.startsWith('icmp') ? 'Give the ICMP type and code as the port range, e.g. from 8 to -1 for echo request, or -1/-1 for all.' : 'Give a port or range, e.g. 443 to 443.');
  }
  const min = rule.protocol.startsWith('icmp') ? -1 : 0;
  const max = rule.protocol.startsWith('icmp') ? 255 : 65535;
  for (const p of [ports.from, ports.to]) {
    if (!Number.isInteger(p) || p < min || p > max) return fail('invalid-input', `${label}: port ${p} is outside ${min}–${max}.`, `Use whole numbers from ${min} to ${max}.`);
  }
  if (!rule.protocol.startsWith('icmp') && ports.from > ports.to) {
    return fail('invalid-input', `${label}: the range ${ports.from}–${ports.to} runs backwards.`, `Write it as ${ports.to} to ${ports.from}.`);
  }
  return ok({ fromPort: ports.from, toPort: ports.to });
}

/** How rule steps name the peering and which steps they wait for. */
export interface RuleLink {
  /** `PEERING_ID_REF` for a peering the plan creates, else its id (rule descriptions name it). */
  readonly peering: PeeringRef;
  /** What a rule allowing the peer's CIDR blocks waits for, per side of the group. */
  readonly after: Readonly<Record<PlanSideRole, readonly string[]>>;
  /** What a rule referencing the peer's groups waits for (AWS takes it once the peering is active). */
  readonly referenceAfter: readonly string[];
}

/**
 * The ingress steps of `rules` for a peering between `vpcs`: a rule allowing the peer's CIDR
 * blocks (`destinations`, per side of the group) or referencing the peer's groups (one region
 * only). Refuses, with what to fix, groups outside the two VPCs and ports that do not fit.
 */
export function ruleSteps(
  topology: Topology,
  rules: readonly SecurityGroupRuleRequest[],
  vpcs: Record<PlanSideRole, Vpc>,
  places: Record<PlanSideRole, StepPlace>,
  destinations: Record<PlanSideRole, readonly string[]>,
  link: RuleLink,
): Result<{ cidrSteps: Record<PlanSideRole, PlanStep[]>; refSteps: PlanStep[] }> {
  const index = indexTopology(topology);
  const cidrSteps: Record<PlanSideRole, PlanStep[]> = { requester: [], accepter: [] };
  const refSteps: PlanStep[] = [];
  const sameRegion = vpcs.requester.region === vpcs.accepter.region;
  const sameAccount = vpcs.requester.accountId === vpcs.accepter.accountId;
  let n = 0;
  for (const [i, rule] of rules.entries()) {
    const checked = checkRuleRequest(rule, i);
    if (!checked.ok) return checked;
    const { fromPort, toPort } = checked.value;
    const base = { IpProtocol: rule.protocol, ...(fromPort !== undefined ? { FromPort: fromPort, ToPort: toPort ?? fromPort } : {}) };
    const what = portWords(rule.protocol, fromPort, toPort);
    const groups = rule.groupIds.map((id) => ({ id, group: index.securityGroupById.get(id) }));
    for (const { id, group } of groups) {
      if (!group) return fail('invalid-input', `Security group ${id} is not in the scanned topology.`, 'Pick groups from the list, or rescan if the group is new.');
      if (group.vpcId !== vpcs.requester.id && group.vpcId !== vpcs.accepter.id) {
        return fail('invalid-input', `Security group ${id} belongs to ${group.vpcId}, not to either peered VPC.`, 'Pick groups of the two VPCs being peered.');
      }
    }
    if (rule.source === 'sg-reference' && !sameRegion) {
      return fail(
        'invalid-input',
        `Security-group rule ${i + 1} references the peer's security groups, but ${vpcs.requester.region} and ${vpcs.accepter.region} differ: AWS allows security-group references across a peering only within one region.`,
        "Use source 'cidr' to allow the peer's CIDR blocks instead.",
      );
    }
    for (const { id, group } of groups) {
      const role: PlanSideRole = group!.vpcId === vpcs.requester.id ? 'requester' : 'accepter';
      const other: PlanSideRole = role === 'requester' ? 'accepter' : 'requester';
      const place = places[role];
      const peerVpc = vpcs[other];
      const dependsOn = link.after[role];
      n += 1;
      if (rule.source === 'cidr') {
        const peerCidrs = destinations[role];
        if (peerCidrs.length === 0) continue;
        const desc = ruleDescription(link.peering, peerVpc.id);
        const v4 = peerCidrs.filter((c) => !isIpv6Cidr(c)).map((c) => ({ CidrIp: c, Description: desc }));
        const v6 = peerCidrs.filter(isIpv6Cidr).map((c) => ({ CidrIpv6: c, Description: desc }));
        const permission: IpPermissionParam = { ...base, ...(v4.length ? { IpRanges: v4 } : {}), ...(v6.length ? { Ipv6Ranges: v6 } : {}) };
        cidrSteps[role].push(
          authorizeRuleStep('ingress', place, group!.vpcId, id, `ingress:${id}:${n}`, permission, `${what} from ${peerCidrs.join(', ')}`, dependsOn, false),
        );
      } else {
        const peerGroups = rule.peerGroupIds ?? rule.groupIds.filter((g) => index.securityGroupById.get(g)?.vpcId === peerVpc.id);
        if (peerGroups.length === 0) {
          return fail(
            'invalid-input',
            `Security-group rule ${i + 1} references the peer's groups, but names no group of ${vpcLabel(peerVpc)} to reference.`,
            `Add a group of ${peerVpc.id} to the rule (or to peerGroupIds), or use source 'cidr'.`,
          );
        }
        for (const pg of peerGroups) {
          const g = index.securityGroupById.get(pg);
          if (g && g.vpcId !== peerVpc.id) {
            return fail('invalid-input', `Peer group ${pg} belongs to ${g.vpcId}, not to the peer VPC ${peerVpc.id}.`, `Reference groups of ${peerVpc.id}.`);
          }
        }
        // Across accounts the reference is account-qualified (UserId); it works once the peering is active.
        const pairs = peerGroups.map((pg) => ({
          GroupId: pg,
          ...(sameAccount ? {} : { UserId: peerVpc.accountId }),
          Description: ruleDescription(link.peering, peerVpc.id),
        }));
        const permission: IpPermissionParam = { ...base, UserIdGroupPairs: pairs };
        refSteps.push(
          authorizeRuleStep(
            'ingress',
            place,
            group!.vpcId,
            id,
            `ingress:${id}:${n}`,
            permission,
            `${what} from ${sameAccount ? '' : `${peerVpc.accountId}/`}${peerGroups.join(', ')}`,
            link.referenceAfter,
            true,
          ),
        );
      }
    }
  }
  return ok({ cidrSteps, refSteps });
}
