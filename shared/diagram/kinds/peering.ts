/** Peering edges: one per peering between two different shown VPCs, requester to accepter. */
import { routeStateWords } from '../../export/labels';
import type { PeeringId, VpcId } from '../../model/ids';
import type { Peering } from '../../model/topology';
import type { EdgeStyle, PeeringRouteState } from '../style';
import { PALETTES, peeringEdgeStyle, peeringRouteState } from '../style';
import type { EdgeKind } from './kind';

/** A peering edge, requester to accepter. */
export interface SceneEdge {
  readonly id: PeeringId;
  readonly peering: Peering;
  readonly from: VpcId;
  readonly to: VpcId;
  readonly look: EdgeStyle;
  /** `look.colour` in the theme's palette. */
  readonly colour: string;
  readonly routeState: PeeringRouteState;
  /** The label's two lines: the pcx id, then its status (and route state when active). */
  readonly label: { readonly id: string; readonly detail: string };
}

export const peeringEdges: EdgeKind<SceneEdge> = {
  edges: ({ doc, theme }, shown) =>
    doc.topology.peerings
      .filter((pc) => shown.get(pc.requester.vpcId) === 'vpc' && shown.get(pc.accepter.vpcId) === 'vpc' && pc.requester.vpcId !== pc.accepter.vpcId)
      .map((pc): SceneEdge => {
        const completeness = doc.analysis.routeCompleteness.get(pc.id);
        const look = peeringEdgeStyle(pc, completeness);
        const routeState = peeringRouteState(completeness);
        const detail = pc.status === 'active' ? `active · routes ${routeStateWords(routeState)}` : pc.status;
        return { id: pc.id, peering: pc, from: pc.requester.vpcId, to: pc.accepter.vpcId, look, colour: PALETTES[theme][look.colour], routeState, label: { id: pc.id, detail } };
      }),
};
