/** Transit gateway peerings as React Flow edges, hub to hub. */
import type { Topology } from '../../../../shared/model/topology';
import type { TgwPeeringFlowEdge } from '../../flow-types';
import { HANDLE_TGW_IN, HANDLE_TGW_OUT, Z } from '../../flow-types';

/** One edge per TGW peering whose two hubs are drawn; deleted ones only when asked. */
export function tgwPeeringEdges(topology: Topology, nodeIds: ReadonlySet<string>, showDeleted: boolean): TgwPeeringFlowEdge[] {
  const edges: TgwPeeringFlowEdge[] = [];
  for (const p of topology.transitGatewayPeerings) {
    const from = p.requester.transitGatewayId;
    const to = p.accepter.transitGatewayId;
    if ((p.state === 'deleted' && !showDeleted) || from === to || !nodeIds.has(from) || !nodeIds.has(to)) continue;
    edges.push({ id: p.id, type: 'tgw-peering', source: from, target: to, sourceHandle: HANDLE_TGW_OUT, targetHandle: HANDLE_TGW_IN, data: { peering: p }, zIndex: Z.edge, ariaLabel: `Transit gateway peering ${p.id} (${p.state})` });
  }
  return edges;
}
