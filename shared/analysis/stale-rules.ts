/** Security-group rules left pointing across a peering that no longer exists, as
 * DescribeStaleSecurityGroups reports them for one VPC, and everything left pointing at deleted
 * peerings from one VPC or one peering: those rules (read live, per VPC) and the routes the
 * snapshot shows (`staleRoutesOfVpc`).
 *
 * DescribeStaleSecurityGroups is asked per VPC, with that VPC's account: a VPC whose account has
 * no local profile, or whose call fails, carries its own error and the other VPC's rules stay.
 */
import type { ApiError } from '../core/result';
import type { AccountId, PeeringId, Region, SecurityGroupId, VpcId } from '../model/ids';
import type { StaleRoute } from './peering-leftovers';
import { portWords } from '../words/port-words';

/** One stale rule: a group's inbound or outbound rule whose peer group is across a peering that is gone. */
export interface StaleRule {
  readonly vpcId: VpcId;
  readonly groupId: SecurityGroupId;
  readonly groupName: string;
  readonly direction: 'ingress' | 'egress';
  /** `-1` (all), `tcp`, `udp`, `icmp`, `icmpv6` or a protocol number. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** The referenced group, in the peer VPC. */
  readonly peerGroupId: SecurityGroupId;
  readonly peerGroupName?: string;
  readonly peerAccountId?: AccountId;
  readonly peerVpcId?: VpcId;
  /** The peering the reference crossed, when AWS names it. */
  readonly peeringId?: PeeringId;
  /** `deleted` for a reference across a deleted peering, as AWS reports it. */
  readonly peeringStatus?: string;
  readonly description?: string;
}

/** The stale rules of one VPC, or why they could not be read. */
export interface StaleVpcRules {
  readonly vpcId: VpcId;
  readonly accountId: AccountId;
  readonly region: Region;
  /** The profile that asked, when one acts in the account. */
  readonly profile?: string;
  readonly rules: readonly StaleRule[];
  /** Set when this VPC's rules could not be read (no profile for its account, a refused call). */
  readonly error?: ApiError;
}

/** What is left pointing at deleted peerings, from one VPC or from both VPCs of one peering. */
export interface StaleLeftovers {
  /** One entry per VPC asked, each with its own error when its call failed. */
  readonly vpcs: readonly StaleVpcRules[];
  /** Routes to ended or forgotten peerings, from the snapshot. */
  readonly routes: readonly StaleRoute[];
}

/** How many rules and routes are left (those that could be read). */
export function staleCount(leftovers: StaleLeftovers): number {
  return leftovers.routes.length + leftovers.vpcs.reduce((n, v) => n + v.rules.length, 0);
}

/** "web (sg-1) inbound tcp 443 from 222233334444/sg-9 (db) across pcx-1 (deleted)". */
export function staleRuleWords(r: StaleRule): string {
  const peer = `${r.peerAccountId ? `${r.peerAccountId}/` : ''}${r.peerGroupId}${r.peerGroupName ? ` (${r.peerGroupName})` : ''}`;
  const across = r.peeringId ? ` across ${r.peeringId}${r.peeringStatus ? ` (${r.peeringStatus})` : ''}` : r.peerVpcId ? ` in ${r.peerVpcId}` : '';
  return `${r.groupName} (${r.groupId}) ${r.direction === 'ingress' ? 'inbound' : 'outbound'} ${portWords(r.protocol, r.fromPort, r.toPort)} ${r.direction === 'ingress' ? 'from' : 'to'} ${peer}${across}`;
}
