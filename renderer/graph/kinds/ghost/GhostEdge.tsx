/** A dashed would-be path: two VPCs connected only through others, which peering does not carry; or
 * the peering a fix plan proposes, dashed in the colour of a valid drag-to-peer line. */
import { BaseEdge, EdgeLabelRenderer } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CSSProperties } from 'react';

import { edgeLookProperties } from '../../../../shared/diagram/css-variables';
import { GHOST_EDGE, PROPOSED_EDGE } from '../../../../shared/diagram/style';
import type { AppState } from '../../../store/app-state';
import { useAppStore } from '../../../store/store-context';
import type { CanvasLabel } from '../../edges/edge-routes';
import { canvasLabel, canvasRouteOf, curvePath } from '../../edges/edge-routes';
import { EdgeLabel } from '../../edges/EdgeLabel';
import type { GhostFlowEdge } from '../../flow-types';

const lookVars = edgeLookProperties(GHOST_EDGE) as CSSProperties;
const proposedVars = edgeLookProperties(PROPOSED_EDGE) as CSSProperties;

function GhostEdgeView({ id, source, target, data }: EdgeProps<GhostFlowEdge>) {
  const route = useAppStore((st) => canvasRouteOf(st, id));
  if (!route || !data) return null;
  const vars = data.proposed ? proposedVars : lookVars;
  return (
    <g className={`ghost-edge${data.proposed ? ' is-proposed' : ''}`} style={vars} data-testid={data.proposed ? `proposed-${source}-${target}` : `ghost-${source}-${target}`}>
      <BaseEdge id={id} path={curvePath(route.curve)} className="ghost-line" interactionWidth={0} />
      {route.label?.place.leader && <line className="edge-leader" x1={route.label.place.anchor.x} y1={route.label.place.anchor.y} x2={route.label.place.leaderEnd.x} y2={route.label.place.leaderEnd.y} />}
      {route.label && (
        <EdgeLabelRenderer>
          <EdgeLabel className={`edge-label ghost-label${data.proposed ? ' is-proposed' : ''}`} style={vars} label={route.label} />
        </EdgeLabelRenderer>
      )}
    </g>
  );
}

/** The would-be path's label: always shown, it says why there is no direct path. */
export function ghostLabel(_s: AppState, edge: GhostFlowEdge): CanvasLabel | undefined {
  return edge.data ? { ...canvasLabel(edge.data.label, undefined, { titleMono: false }), rank: 1 } : undefined;
}

/** The would-be path edge component. */
export const GhostEdge = memo(GhostEdgeView);
