/** A peering between two VPC cards: the diagram style's look for its status and route state, end dots per side. */
import { BaseEdge, EdgeLabelRenderer, useInternalNode } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CSSProperties } from 'react';

import type { RouteSummary } from '../../../../shared/analysis/route-completeness';
import { describeRouteSummary } from '../../../../shared/analysis/route-words';
import { edgeLookProperties } from '../../../../shared/diagram/css-variables';
import { peeringTitle } from '../../../../shared/diagram/names';
import { peeringEdgeStyle } from '../../../../shared/diagram/style';
import type { PeeringId } from '../../../../shared/model/ids';
import { routesOf } from '../../derive';
import type { PeeringRoutes } from '../../derive';
import type { PeeringFlowEdge } from '../../flow-types';
import { edgeClassOf } from '../../view-state';
import { useAppStore } from '../../../store/store-context';
import { curvedPath, floatingEnds } from '../../edges/floating';
import { STATUS_WORDS, shortPeeringId } from './peering-words';

/** With this many peerings or fewer, every edge carries its label; above, only highlighted ones do. */
export const ALWAYS_LABEL_LIMIT = 60;

/**
 * A small, stable bow per edge (±14 to ±26 px, from the id), so peerings that leave a card in
 * nearly the same direction stay apart instead of drawing one thick line.
 */
function bendOf(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  const magnitude = 14 + (Math.abs(h) % 13);
  return h & 1 ? magnitude : -magnitude;
}

function endClass(summary: RouteSummary): string {
  return `route-end route-${summary}`;
}

function routeWords(routes: PeeringRoutes | undefined): string | undefined {
  switch (routes?.overall) {
    case undefined:
      return undefined;
    case 'both':
      return 'routes both sides';
    case 'one':
      return 'routes one side';
    case 'partial':
      return 'routes partial';
    case 'none':
      return 'no routes';
    case 'unknown':
      return 'routes: peer not scanned';
    case 'nothing-to-route':
      return 'no subnets: nothing to route';
  }
}

function PeeringEdgeView({ id, source, target, data }: EdgeProps<PeeringFlowEdge>) {
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  const viewClass = useAppStore((st) => edgeClassOf(st, id as PeeringId));
  const topology = useAppStore((st) => st.snapshot?.topology);
  const fewEdges = useAppStore((st) => (st.snapshot?.topology.peerings.length ?? 0) <= ALWAYS_LABEL_LIMIT);
  if (!s || !t || !data) return null;
  const p = data.peering;
  const routes = topology && p.status === 'active' ? routesOf(topology).byPeering.get(p.id) : undefined;
  const { from, to } = floatingEnds(s, t, 5);
  const { path, labelX, labelY } = curvedPath(from, to, bendOf(p.id));
  const highlighted = /is-(incident|selected|on-path|match)/.test(viewClass);
  // Drawn from calls a rescan has not confirmed yet: always says so.
  const updating = viewClass.includes('is-updating');
  // A healthy peering needs no words; the rest say what is wrong, unless there are too many to read.
  const healthy = p.status === 'active' && routes?.overall === 'both';
  const showLabel = highlighted || updating || (fewEdges && !healthy && !viewClass.includes('is-dimmed'));
  const words = p.status === 'active' ? routeWords(routes) : STATUS_WORDS[p.status];
  const detail = updating ? [words, viewClass.includes('is-update-failed') ? 'not confirmed' : 'updating…'].filter(Boolean).join(' · ') : words;
  const quality = p.status === 'active' ? `routes-${routes?.overall ?? 'unknown'}` : '';
  const look = peeringEdgeStyle(p, routes?.detail);
  const lookVars = edgeLookProperties(look) as CSSProperties;
  return (
    <g className={`peering-edge status-${p.status} edge-${look.category} ${quality} ${viewClass}`} style={lookVars} data-peering-id={p.id} data-edge-style={look.category}>
      <BaseEdge id={id} path={path} className="peering-line" interactionWidth={14} />
      {routes && (
        <>
          <circle className={endClass(routes.detail.requester.summary)} cx={from.x} cy={from.y} r={4.5}>
            <title>{`${p.requester.vpcId}: routes ${describeRouteSummary(routes.detail.requester.summary)}`}</title>
          </circle>
          <circle className={endClass(routes.detail.accepter.summary)} cx={to.x} cy={to.y} r={4.5}>
            <title>{`${p.accepter.vpcId}: routes ${describeRouteSummary(routes.detail.accepter.summary)}`}</title>
          </circle>
        </>
      )}
      {showLabel && (
        <EdgeLabelRenderer>
          <div
            className={`edge-label status-${p.status} ${quality} ${viewClass}`}
            style={{ ...lookVars, transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`edge-label-${p.id}`}
          >
            <span className="edge-label-name">{peeringTitle(p, shortPeeringId(p.id))}</span>
            {detail && <span className="edge-label-detail">{detail}</span>}
          </div>
        </EdgeLabelRenderer>
      )}
    </g>
  );
}

/** The peering edge component. */
export const PeeringEdge = memo(PeeringEdgeView);
