/** Security-group rules that reference a peered VPC, and their words, for the VPC and peering sections. */
import { hasOverlap } from '../../../shared/cidr/overlap';
import { collectVpcBlocks } from '../../../shared/cidr/vpc-blocks';
import type { VpcId } from '../../../shared/model/ids';
import type { SecurityGroupRule, Topology } from '../../../shared/model/topology';
import { indexOf } from '../derive';

/** `tcp 443`, `udp 1000-2000`, `all traffic`. */
export function describeRule(rule: SecurityGroupRule): string {
  const protocol = rule.protocol === '-1' ? 'all traffic' : rule.protocol;
  if (rule.protocol === '-1' || rule.fromPort === undefined) return protocol;
  return rule.fromPort === rule.toPort ? `${protocol} ${rule.fromPort}` : `${protocol} ${rule.fromPort}-${rule.toPort}`;
}


/** The rule's other end: a block, a group (with its account when foreign) or a prefix list. */
export function describePeer(rule: SecurityGroupRule): string {
  switch (rule.peer.kind) {
    case 'cidr':
      return rule.peer.cidr;
    case 'group':
      return `${rule.peer.accountId ? `${rule.peer.accountId}/` : ''}${rule.peer.groupId}`;
    case 'prefix-list':
      return rule.peer.prefixListId;
  }
}


/** Security-group rules of `vpcId` whose peer is a block or a group of one of its peered VPCs. */
export function rulesReferencingPeers(topology: Topology, vpcId: VpcId, peers: ReadonlySet<VpcId>) {
  const index = indexOf(topology);
  const blocks = collectVpcBlocks(topology).byVpc;
  const found: { groupId: string; groupName: string; direction: 'in' | 'out'; rule: SecurityGroupRule; peerVpcId: VpcId }[] = [];
  for (const group of index.securityGroupsByVpc.get(vpcId) ?? []) {
    for (const [direction, rules] of [
      ['in', group.ingress],
      ['out', group.egress],
    ] as const) {
      for (const rule of rules) {
        let peerVpcId: VpcId | undefined;
        if (rule.peer.kind === 'cidr') {
          const range = index.rangeOf(rule.peer.cidr);
          // 0.0.0.0/0 overlaps everything; only rules aimed at a peer count as referencing it.
          if (range && range.prefixLength > 0) {
            for (const peer of peers) {
              if ((blocks.get(peer) ?? []).some((b) => hasOverlap(b, range))) peerVpcId = peer;
            }
          }
        } else if (rule.peer.kind === 'group') {
          const owner = index.securityGroupById.get(rule.peer.groupId)?.vpcId;
          if (owner && peers.has(owner)) peerVpcId = owner;
        }
        if (peerVpcId) found.push({ groupId: group.id, groupName: group.name, direction, rule, peerVpcId });
      }
    }
  }
  return found;
}
