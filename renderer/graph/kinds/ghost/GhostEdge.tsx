/** A dashed would-be path: two VPCs connected only through others, which peering does not carry. */
import { BaseEdge, EdgeLabelRenderer, useInternalNode } from '@xyflow/react';
import type { EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CSSProperties } from 'react';

import { edgeLookProperties } from '../../../../shared/diagram/css-variables';
import { GHOST_EDGE } from '../../../../shared/diagram/style';
import type { GhostFlowEdge } from '../../flow-types';
import { curvedPath, floatingEnds } from '../../edges/floating';

function GhostEdgeView({ id, source, target, data }: EdgeProps<GhostFlowEdge>) {
  const s = useInternalNode(source);
  const t = useInternalNode(target);
  if (!s || !t || !data) return null;
  const { from, to } = floatingEnds(s, t, 5);
  // Bow the would-be path so it never hides the real peerings it is compared with.
  const { path, labelX, labelY } = curvedPath(from, to, 36);
  const lookVars = edgeLookProperties(GHOST_EDGE) as CSSProperties;
  return (
    <g className="ghost-edge" style={lookVars} data-testid={`ghost-${source}-${target}`}>
      <BaseEdge id={id} path={path} className="ghost-line" interactionWidth={0} />
      <EdgeLabelRenderer>
        <div className="edge-label ghost-label" style={{ ...lookVars, transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
          {data.label}
        </div>
      </EdgeLabelRenderer>
    </g>
  );
}

/** The would-be path edge component. */
export const GhostEdge = memo(GhostEdgeView);
