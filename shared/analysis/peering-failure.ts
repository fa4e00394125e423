/** Why a peering failed, when the snapshot shows it.
 *
 * AWS reports one generic message for every failed request ("Failed due to incorrect VPC-ID,
 * Account ID, or overlapping CIDR range"). Overlapping blocks are the cause the snapshot can
 * prove: when the two VPCs' blocks overlap, the failure names them instead.
 */
import { findOverlappingPairs } from '../cidr/overlap';
import { collectVpcBlocks } from '../cidr/vpc-blocks';
import type { Peering, Topology } from '../model/topology';
import { indexTopology, labelVpc } from './topology-index';

/** A known cause of a failed peering: the overlapping blocks, in words. */
export interface PeeringFailureCause {
  readonly kind: 'cidr-overlap';
  /** "10.0.0.0/16 in app (vpc-a) overlaps 10.0.1.0/24 in legacy (vpc-c)", one per overlapping pair. */
  readonly overlaps: readonly string[];
  /** The overlaps as one clause. */
  readonly message: string;
}

/** The cause the snapshot shows for `peering` failing (or that it would fail), or undefined when it shows none. */
export function knownFailureCause(topology: Topology, peering: Peering): PeeringFailureCause | undefined {
  const blocks = collectVpcBlocks(topology).byVpc;
  const pairs = findOverlappingPairs(blocks.get(peering.requester.vpcId) ?? [], blocks.get(peering.accepter.vpcId) ?? []);
  if (pairs.length === 0) return undefined;
  const index = indexTopology(topology);
  const requester = labelVpc(index, peering.requester.vpcId);
  const accepter = labelVpc(index, peering.accepter.vpcId);
  const overlaps = pairs.map(([r, a]) => `${r.cidr} in ${requester} overlaps ${a.cidr} in ${accepter}`);
  const shown = overlaps.slice(0, 3).join('; ') + (overlaps.length > 3 ? `; and ${overlaps.length - 3} more` : '');
  return { kind: 'cidr-overlap', overlaps, message: shown };
}
