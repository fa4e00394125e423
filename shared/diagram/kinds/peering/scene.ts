/** Peering edges: one per peering between two different shown VPCs, requester to accepter. */
import { routeStateWords } from '../../../export/labels';
import type { PeeringId, VpcId } from '../../../model/ids';
import type { Peering } from '../../../model/topology';
import type { EdgeStyle, PeeringRouteState } from '../../style';
import { PALETTES, peeringEdgeStyle, peeringRouteState } from '../../style';
import { peeringTitle } from '../../names';
import { estimateTextWidth } from '../../text-metrics';
import type { EdgeScene } from '../kind';

/** A peering edge, requester to accepter. */
export interface ScenePeering {
  readonly kind: 'peering';
  readonly id: PeeringId;
  readonly peering: Peering;
  readonly from: VpcId;
  readonly to: VpcId;
  readonly look: EdgeStyle;
  /** `look.colour` in the theme's palette. */
  readonly colour: string;
  readonly routeState: PeeringRouteState;
  /** The label's two lines: its title (Name tag, else pcx id), then its status (and route state when active). */
  readonly label: { readonly title: string; readonly detail: string };
}

/** A peering's label box: font sizes of its two lines, its height and padding. */
export const PEERING_LABEL = { titleSize: 11, detailSize: 10.5, height: 34, padding: 16 } as const;

export const peeringScene: EdgeScene<ScenePeering> = {
  edges: ({ doc, theme }, shown) =>
    doc.topology.peerings
      .filter((pc) => shown.get(pc.requester.vpcId) === 'vpc' && shown.get(pc.accepter.vpcId) === 'vpc' && pc.requester.vpcId !== pc.accepter.vpcId)
      .map((pc): ScenePeering => {
        const completeness = doc.analysis.routeCompleteness.get(pc.id);
        const look = peeringEdgeStyle(pc, completeness);
        const routeState = peeringRouteState(completeness);
        const detail = pc.status === 'active' ? `active · routes ${routeStateWords(routeState)}` : pc.status;
        return { kind: 'peering', id: pc.id, peering: pc, from: pc.requester.vpcId, to: pc.accepter.vpcId, look, colour: PALETTES[theme][look.colour], routeState, label: { title: peeringTitle(pc), detail } };
      }),
  labelSize: (edge) => ({
    width: Math.max(estimateTextWidth(edge.label.title, PEERING_LABEL.titleSize, { mono: true }), estimateTextWidth(edge.label.detail, PEERING_LABEL.detailSize)) + PEERING_LABEL.padding,
    height: PEERING_LABEL.height,
  }),
};
