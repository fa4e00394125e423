/** A peering of two transit gateways, hub to hub: a double line in the look of its state, a square at each hub, always labelled. */
import { BaseEdge, EdgeLabelRenderer } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo, useCallback } from 'react';
import type { CSSProperties, MouseEvent } from 'react';

import { edgeLookProperties } from '../../../../shared/diagram/css-variables';
import { tgwPeeringDetail } from '../../../../shared/diagram/kinds/tgw-peering/scene';
import { tgwPeeringLook } from '../../../../shared/diagram/style';
import type { AppState } from '../../../store/app-state';
import { useAppStore, useAppStoreApi } from '../../../store/store-context';
import type { CanvasLabel } from '../../edges/edge-routes';
import { canvasLabel, canvasRouteOf, curvePath } from '../../edges/edge-routes';
import { EdgeLabel } from '../../edges/EdgeLabel';
import type { TgwPeeringFlowEdge } from '../../flow-types';

/** A TGW peering always says what it is: there are few, and each joins regions. */
export function tgwPeeringLabel(s: AppState, edge: TgwPeeringFlowEdge): CanvasLabel | undefined {
  const p = edge.data?.peering;
  if (!p) return undefined;
  const selected = s.selection.item?.kind === 'tgw-peering' && s.selection.item.id === p.id;
  return { ...canvasLabel(p.name ?? p.id, tgwPeeringDetail(p)), rank: selected ? 0 : 1 };
}

function TgwPeeringEdgeView({ id, data }: EdgeProps<TgwPeeringFlowEdge>) {
  const store = useAppStoreApi();
  const route = useAppStore((st) => canvasRouteOf(st, id));
  const selected = useAppStore((st) => st.selection.item?.kind === 'tgw-peering' && st.selection.item.id === id);
  const select = useCallback(
    (e: MouseEvent) => {
      e.stopPropagation();
      store.getState().selectItem({ kind: 'tgw-peering', id });
    },
    [store, id],
  );
  if (!route || !data) return null;
  const p = data.peering;
  const look = tgwPeeringLook(p.state);
  const lookVars = edgeLookProperties(look) as CSSProperties;
  const { curve, label } = route;
  const path = curvePath(curve);
  const viewClass = selected ? 'is-selected' : '';
  return (
    <g className={`tgw-edge tgw-peering-edge ${look.key} ${viewClass}`} style={lookVars} data-tgw-peering-id={p.id} data-edge-style={look.key} data-from={p.requester.transitGatewayId} data-to={p.accepter.transitGatewayId}>
      <BaseEdge id={id} path={path} className="tgw-line" interactionWidth={16} />
      <path className="tgw-line-core" d={path} />
      <rect className="tgw-end" x={curve.start.x - 4} y={curve.start.y - 4} width={8} height={8} rx={1.5} />
      <rect className="tgw-end" x={curve.end.x - 4} y={curve.end.y - 4} width={8} height={8} rx={1.5} />
      {label?.place.leader && <line className="edge-leader" x1={label.place.anchor.x} y1={label.place.anchor.y} x2={label.place.leaderEnd.x} y2={label.place.leaderEnd.y} />}
      {label && (
        <EdgeLabelRenderer>
          <EdgeLabel className={`edge-label tgw-label ${viewClass}`} style={lookVars} label={label} testId={`edge-label-${p.id}`} onClick={select} ariaLabel={`TGW peering ${label.text.title}`} />
        </EdgeLabelRenderer>
      )}
    </g>
  );
}

/** The TGW peering edge component. */
export const TgwPeeringEdge = memo(TgwPeeringEdgeView);
