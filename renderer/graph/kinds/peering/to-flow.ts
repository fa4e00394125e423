/** Peerings as React Flow edges. */
import type { Peering, Topology } from '../../../../shared/model/topology';
import type { PeeringFlowEdge } from '../../flow-types';
import { HANDLE_PEER_IN, HANDLE_PEER_OUT, Z } from '../../flow-types';

/** Whether `p` is drawn: between two different drawn VPCs, and deleted only when asked. */
export function isDrawnPeering(p: Peering, nodeIds: ReadonlySet<string>, showDeleted: boolean): boolean {
  if (p.status === 'deleted' && !showDeleted) return false;
  if (p.requester.vpcId === p.accepter.vpcId) return false;
  return nodeIds.has(p.requester.vpcId) && nodeIds.has(p.accepter.vpcId);
}

/** One edge per drawn peering. */
export function peeringEdges(topology: Topology, nodeIds: ReadonlySet<string>, showDeleted: boolean): PeeringFlowEdge[] {
  const edges: PeeringFlowEdge[] = [];
  for (const p of topology.peerings) {
    if (!isDrawnPeering(p, nodeIds, showDeleted)) continue;
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
