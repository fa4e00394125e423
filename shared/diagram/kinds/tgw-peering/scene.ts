/** Transit gateway peering edges: one per peering whose two hubs are shown, requester to accepter. */
import type { TransitGatewayPeering } from '../../../model/topology';
import type { TgwEdgeStyle } from '../../style';
import { PALETTES, tgwPeeringLook } from '../../style';
import { estimateTextWidth } from '../../text-metrics';
import type { EdgeScene } from '../kind';

/** A peering of two gateways, requester's hub to accepter's. */
export interface SceneTgwPeering {
  readonly kind: 'tgw-peering';
  /** The peering attachment's id. */
  readonly id: string;
  readonly peering: TransitGatewayPeering;
  readonly from: string;
  readonly to: string;
  readonly look: TgwEdgeStyle;
  readonly colour: string;
  /** Its title (Name tag, else id), then `TGW peering · <state>` with the two regions. */
  readonly label: { readonly title: string; readonly detail: string };
}

/** A TGW peering's label box. */
export const TGW_PEERING_LABEL = { titleSize: 11, detailSize: 10.5, height: 34, padding: 16 } as const;

/** A TGW peering's second label line: its state, and the regions when they differ. */
export function tgwPeeringDetail(p: TransitGatewayPeering): string {
  const state = p.state === 'pendingAcceptance' ? 'pending acceptance' : p.state;
  const regions = p.requester.region === p.accepter.region ? '' : ` · ${p.requester.region} ↔ ${p.accepter.region}`;
  return `TGW peering · ${state}${regions}`;
}

export const tgwPeeringScene: EdgeScene<SceneTgwPeering> = {
  edges: ({ doc, theme }, shown) =>
    doc.topology.transitGatewayPeerings
      .filter((p) => shown.get(p.requester.transitGatewayId) === 'tgw' && shown.get(p.accepter.transitGatewayId) === 'tgw' && p.requester.transitGatewayId !== p.accepter.transitGatewayId)
      .map((p): SceneTgwPeering => {
        const look = tgwPeeringLook(p.state);
        return { kind: 'tgw-peering', id: p.id, peering: p, from: p.requester.transitGatewayId, to: p.accepter.transitGatewayId, look, colour: PALETTES[theme][look.colour], label: { title: p.name ?? p.id, detail: tgwPeeringDetail(p) } };
      }),
  labelSize: (edge) => ({
    width: Math.max(estimateTextWidth(edge.label.title, TGW_PEERING_LABEL.titleSize, { mono: true }), estimateTextWidth(edge.label.detail, TGW_PEERING_LABEL.detailSize)) + TGW_PEERING_LABEL.padding,
    height: TGW_PEERING_LABEL.height,
  }),
};
