/** A would-be path (two VPCs joined only through others) as a React Flow edge. */
import type { NoDirectPathExplanation } from '../../../../shared/analysis/transitive-paths';
import type { VpcId } from '../../../../shared/model/ids';
import type { GhostFlowEdge } from '../../flow-types';
import { HANDLE_PEER_IN, HANDLE_PEER_OUT, Z } from '../../flow-types';

/** What every dashed edge shares: peer handles, not selectable, drawn at edge level. */
function dashedEdge(id: string, from: VpcId, to: VpcId): Omit<GhostFlowEdge, 'data'> {
  return { id, type: 'ghost', source: from, target: to, sourceHandle: HANDLE_PEER_OUT, targetHandle: HANDLE_PEER_IN, selectable: false, focusable: false, zIndex: Z.edge };
}

/** The dashed edge of a peering a fix plan proposes, labelled with what the fix changes. */
export function proposedEdge(from: VpcId, to: VpcId, label: string): GhostFlowEdge {
  return {
    ...dashedEdge(`proposed:${from}:${to}`, from, to),
    className: 'is-proposed',
    data: { via: [], peeringIds: [], label, proposed: true },
  };
}

/** The dashed edge from `from` to `to` along the path `why` found. */
export function ghostEdge(why: Extract<NoDirectPathExplanation, { path: readonly VpcId[] }>, from: VpcId, to: VpcId, labelOf: (id: VpcId) => string): GhostFlowEdge {
  const via = why.path.slice(1, -1);
  return {
    ...dashedEdge(`ghost:${from}:${to}`, from, to),
    data: {
      via,
      peeringIds: why.peeringIds,
      label: `only via ${via.map(labelOf).join(' → ')}: not transitive`,
    },
  };
}
