/** Peerings as React Flow edges. */
import type { Topology } from '../../../../shared/model/topology';
import type { PeeringFlowEdge } from '../../flow-types';
import { HANDLE_PEER_IN, HANDLE_PEER_OUT, Z } from '../../flow-types';

/** One edge per peering between two drawn VPCs; deleted peerings only when asked. */
export function peeringEdges(topology: Topology, nodeIds: ReadonlySet<string>, showDeleted: boolean): PeeringFlowEdge[] {
  const edges: PeeringFlowEdge[] = [];
  for (const p of topology.peerings) {
    if (p.status === 'deleted' && !showDeleted) continue;
    if (p.requester.vpcId === p.accepter.vpcId) continue;
    if (!nodeIds.has(p.requester.vpcId) || !nodeIds.has(p.accepter.vpcId)) continue;
    edges.push({
      id: p.id,
      type: 'peering',
      source: p.requester.vpcId,
      target: p.accepter.vpcId,
      sourceHandle: HANDLE_PEER_OUT,
      targetHandle: HANDLE_PEER_IN,
      data: { peering: p },
      zIndex: Z.edge,
      ariaLabel: `Peering ${p.id} (${p.status})`,
    });
  }
  return edges;
}
