/** A VPC attachment, card to hub: the diagram style's look for its state and routing, a dot at the VPC and a square at the hub, routed round the cards. */
import { BaseEdge, EdgeLabelRenderer } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo, useCallback } from 'react';
import type { CSSProperties, MouseEvent } from 'react';

import { edgeLookProperties } from '../../../../shared/diagram/css-variables';
import { tgwAttachmentLook } from '../../../../shared/diagram/style';
import type { TgwAttachmentFlowEdge } from '../../flow-types';
import { useAppStore, useAppStoreApi } from '../../../store/store-context';
import { canvasRouteOf, curvePath } from '../../edges/edge-routes';
import { EdgeLabel } from '../../edges/EdgeLabel';
import { attachmentRoutingOf } from './routing';

function TgwAttachmentEdgeView({ id, data }: EdgeProps<TgwAttachmentFlowEdge>) {
  const store = useAppStoreApi();
  const route = useAppStore((st) => canvasRouteOf(st, id));
  const topology = useAppStore((st) => st.snapshot?.topology);
  const selected = useAppStore((st) => st.selection.item?.kind === 'tgw-attachment' && st.selection.item.id === id);
  const select = useCallback(
    (e: MouseEvent) => {
      e.stopPropagation();
      store.getState().selectItem({ kind: 'tgw-attachment', id });
    },
    [store, id],
  );
  if (!route || !data || !topology) return null;
  const a = data.attachment;
  const routing = attachmentRoutingOf(topology, a.transitGatewayId, a.id);
  const look = tgwAttachmentLook(a.state, routing);
  const lookVars = edgeLookProperties(look) as CSSProperties;
  const { curve, label } = route;
  const viewClass = selected ? 'is-selected' : '';
  return (
    <g className={`tgw-edge tgw-attachment-edge ${look.key} ${viewClass}`} style={lookVars} data-attachment-id={a.id} data-edge-style={look.key} data-routing={routing} data-from={a.resourceId} data-to={a.transitGatewayId}>
      <BaseEdge id={id} path={curvePath(curve)} className="tgw-line" interactionWidth={14} />
      <circle className="tgw-end" cx={curve.start.x} cy={curve.start.y} r={3.5} />
      <rect className="tgw-end" x={curve.end.x - 4} y={curve.end.y - 4} width={8} height={8} rx={1.5} />
      {label?.place.leader && <line className="edge-leader" x1={label.place.anchor.x} y1={label.place.anchor.y} x2={label.place.leaderEnd.x} y2={label.place.leaderEnd.y} />}
      {label && (
        <EdgeLabelRenderer>
          <EdgeLabel className={`edge-label tgw-label ${viewClass}`} style={lookVars} label={label} testId={`edge-label-${a.id}`} onClick={select} ariaLabel={`Attachment ${label.text.title}`} />
        </EdgeLabelRenderer>
      )}
    </g>
  );
}

/** The attachment edge component. */
export const TgwAttachmentEdge = memo(TgwAttachmentEdgeView);
