/** VPC attachments as React Flow edges, VPC card to hub. */
import type { Topology } from '../../../../shared/model/topology';
import type { TgwAttachmentFlowEdge } from '../../flow-types';
import { HANDLE_PEER_OUT, HANDLE_TGW_IN, Z } from '../../flow-types';

/** One edge per VPC attachment whose VPC and hub are drawn; deleted ones only when asked. */
export function tgwAttachmentEdges(topology: Topology, nodeIds: ReadonlySet<string>, showDeleted: boolean): TgwAttachmentFlowEdge[] {
  const edges: TgwAttachmentFlowEdge[] = [];
  for (const a of topology.transitGatewayAttachments) {
    if (a.resourceType !== 'vpc' || (a.state === 'deleted' && !showDeleted)) continue;
    if (!nodeIds.has(a.resourceId) || !nodeIds.has(a.transitGatewayId)) continue;
    edges.push({
      id: a.id,
      type: 'tgw-attachment',
      source: a.resourceId,
      target: a.transitGatewayId,
      sourceHandle: HANDLE_PEER_OUT,
      targetHandle: HANDLE_TGW_IN,
      data: { attachment: a },
      zIndex: Z.edge,
      ariaLabel: `Transit gateway attachment ${a.id} (${a.state})`,
    });
  }
  return edges;
}
