/** Transit gateway attachment edges: one per VPC attachment whose VPC card and hub are both shown, VPC to hub. */
import type { TransitGatewayAttachment } from '../../../model/topology';
import type { TgwAttachmentRoutingLook, TgwEdgeStyle } from '../../style';
import { PALETTES, tgwAttachmentLook } from '../../style';
import { estimateTextWidth } from '../../text-metrics';
import type { EdgeScene } from '../kind';

/** A VPC attachment, from the VPC's card to its gateway's hub. */
export interface SceneTgwAttachment {
  readonly kind: 'tgw-attachment';
  /** The attachment id (a VPC attachment has one record, so it is unique among the edges). */
  readonly id: string;
  readonly attachment: TransitGatewayAttachment;
  readonly from: string;
  readonly to: string;
  readonly routing: TgwAttachmentRoutingLook;
  readonly look: TgwEdgeStyle;
  /** `look.colour` in the theme's palette. */
  readonly colour: string;
  /** Its title (Name tag, else id), then its state or, when available, how it is routed. */
  readonly label: { readonly title: string; readonly detail: string };
}

/** An attachment's label box: font sizes, height and padding (a little smaller than a peering's). */
export const TGW_ATTACHMENT_LABEL = { titleSize: 10.5, detailSize: 10, height: 32, padding: 14 } as const;

const ROUTING_WORDS: Readonly<Record<TgwAttachmentRoutingLook, string>> = {
  complete: 'routed both ways',
  'one-way': 'routed one way',
  'not-routed': 'not routed',
  unknown: 'routing not read',
  'nothing-to-route': 'nothing to route',
  'not-applicable': '',
};

/** What an attachment's label says of it: its routing when available, else its state. */
export function tgwAttachmentDetail(state: string, routing: TgwAttachmentRoutingLook): string {
  return state === 'available' ? `available · ${ROUTING_WORDS[routing]}` : state === 'pendingAcceptance' ? 'pending acceptance' : state;
}

export const tgwAttachmentScene: EdgeScene<SceneTgwAttachment> = {
  edges: ({ doc, theme }, shown) =>
    doc.topology.transitGatewayAttachments
      .filter((a) => a.resourceType === 'vpc' && shown.get(a.resourceId) === 'vpc' && shown.get(a.transitGatewayId) === 'tgw')
      .map((a): SceneTgwAttachment => {
        const routing = doc.analysis.tgwAttachmentRouting.get(`${a.transitGatewayId}/${a.id}`) ?? 'not-applicable';
        const look = tgwAttachmentLook(a.state, routing);
        return {
          kind: 'tgw-attachment',
          id: a.id,
          attachment: a,
          from: a.resourceId,
          to: a.transitGatewayId,
          routing,
          look,
          colour: PALETTES[theme][look.colour],
          label: { title: a.name ?? a.id, detail: tgwAttachmentDetail(a.state, routing) },
        };
      }),
  labelSize: (edge) => ({
    width: Math.max(estimateTextWidth(edge.label.title, TGW_ATTACHMENT_LABEL.titleSize, { mono: true }), estimateTextWidth(edge.label.detail, TGW_ATTACHMENT_LABEL.detailSize)) + TGW_ATTACHMENT_LABEL.padding,
    height: TGW_ATTACHMENT_LABEL.height,
  }),
};
