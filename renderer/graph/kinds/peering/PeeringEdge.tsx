/** A peering between two VPC cards: the diagram style's look for its status and route state, end dots per side, routed round the cards it does not join. */
import { BaseEdge, EdgeLabelRenderer } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo, useCallback } from 'react';
import type { CSSProperties, MouseEvent } from 'react';

import type { RouteSummary } from '../../../../shared/analysis/route-completeness';
import { describeRouteSummary } from '../../../../shared/analysis/route-words';
import { edgeLookProperties } from '../../../../shared/diagram/css-variables';
import { peeringEdgeStyle } from '../../../../shared/diagram/style';
import type { PeeringId } from '../../../../shared/model/ids';
import { routesOf } from '../../derive';
import type { PeeringFlowEdge } from '../../flow-types';
import { edgeClassOf } from '../../view-state';
import { useAppStore, useAppStoreApi } from '../../../store/store-context';
import { canvasRouteOf, curvePath } from '../../edges/edge-routes';
import { EdgeLabel } from '../../edges/EdgeLabel';

export { ALWAYS_LABEL_LIMIT } from './label';

function endClass(summary: RouteSummary): string {
  return `route-end route-${summary}`;
}

function PeeringEdgeView({ id, data }: EdgeProps<PeeringFlowEdge>) {
  const store = useAppStoreApi();
  const route = useAppStore((st) => canvasRouteOf(st, id));
  const viewClass = useAppStore((st) => edgeClassOf(st, id as PeeringId));
  const topology = useAppStore((st) => st.snapshot?.topology);
  // A click on the label selects the peering, as a click on its line does (React Flow's onEdgeClick).
  const select = useCallback((e: MouseEvent) => {
    e.stopPropagation();
    store.getState().selectItem({ kind: 'peering', id });
  }, [store, id]);
  if (!route || !data) return null;
  const p = data.peering;
  const routes = topology && p.status === 'active' ? routesOf(topology).byPeering.get(p.id) : undefined;
  const { curve, label } = route;
  const quality = p.status === 'active' ? `routes-${routes?.overall ?? 'unknown'}` : '';
  const look = peeringEdgeStyle(p, routes?.detail);
  const lookVars = edgeLookProperties(look) as CSSProperties;
  return (
    <g className={`peering-edge status-${p.status} edge-${look.category} ${quality} ${viewClass}`} style={lookVars} data-peering-id={p.id} data-edge-style={look.category} data-from={p.requester.vpcId} data-to={p.accepter.vpcId} data-crossings={curve.crossings}>
      <BaseEdge id={id} path={curvePath(curve)} className="peering-line" interactionWidth={14} />
      {routes && (
        <>
          <circle className={endClass(routes.detail.requester.summary)} cx={curve.start.x} cy={curve.start.y} r={4.5}>
            <title>{`${p.requester.vpcId}: routes ${describeRouteSummary(routes.detail.requester.summary)}`}</title>
          </circle>
          <circle className={endClass(routes.detail.accepter.summary)} cx={curve.end.x} cy={curve.end.y} r={4.5}>
            <title>{`${p.accepter.vpcId}: routes ${describeRouteSummary(routes.detail.accepter.summary)}`}</title>
          </circle>
        </>
      )}
      {label?.place.leader && <line className="edge-leader" x1={label.place.anchor.x} y1={label.place.anchor.y} x2={label.place.leaderEnd.x} y2={label.place.leaderEnd.y} />}
      {label && (
        <EdgeLabelRenderer>
          <EdgeLabel
            className={`edge-label status-${p.status} ${quality} ${viewClass}`}
            style={lookVars}
            label={label}
            testId={`edge-label-${p.id}`}
            onClick={select}
            ariaLabel={`Peering ${label.text.title}`}
          />
        </EdgeLabelRenderer>
      )}
    </g>
  );
}

/** The peering edge component. */
export const PeeringEdge = memo(PeeringEdgeView);
