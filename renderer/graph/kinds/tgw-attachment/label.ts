/** An attachment's label on the canvas: shown when selected, or in a small network when it is not routed both ways. */
import { tgwAttachmentDetail } from '../../../../shared/diagram/kinds/tgw-attachment/scene';
import type { AppState } from '../../../store/app-state';
import type { CanvasLabel } from '../../edges/edge-routes';
import { canvasLabel } from '../../edges/edge-routes';
import type { TgwAttachmentFlowEdge } from '../../flow-types';
import { ALWAYS_LABEL_LIMIT } from '../peering/label';
import { attachmentRoutingOf } from './routing';

/** The label of an attachment edge now, or none. */
export function tgwAttachmentLabel(s: AppState, edge: TgwAttachmentFlowEdge): CanvasLabel | undefined {
  const topology = s.snapshot?.topology;
  const a = edge.data?.attachment;
  if (!topology || !a) return undefined;
  const routing = attachmentRoutingOf(topology, a.transitGatewayId, a.id);
  const selected = s.selection.item?.kind === 'tgw-attachment' && s.selection.item.id === a.id;
  const healthy = a.state === 'available' && routing === 'complete';
  if (!selected && (healthy || topology.transitGatewayAttachments.length > ALWAYS_LABEL_LIMIT)) return undefined;
  return { ...canvasLabel(a.name ?? a.id, tgwAttachmentDetail(a.state, routing)), rank: selected ? 0 : 2 };
}
