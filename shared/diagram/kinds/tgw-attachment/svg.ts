/** An attachment in SVG: the curve from the VPC with a dot at the VPC and a square at the hub (no arrow: an attachment has no direction), and its label box. */
import type { SvgEdge } from '../../../export/svg-markup';
import { labelLeader, text } from '../../../export/svg-markup';
import { xml, xmlAttr, xmlJoin, xmlNum } from '../../../export/syntax/xml';
import type { SceneTgwAttachment } from './scene';
import { TGW_ATTACHMENT_LABEL } from './scene';

export const tgwAttachmentSvg: SvgEdge<SceneTgwAttachment> = {
  defs: () => [],

  line: ({ edge, start, ctrl, end }, p) => {
    const colour = xmlAttr(edge.colour);
    const dash = edge.look.dash ? xml` stroke-dasharray="${xmlAttr(edge.look.dash)}"` : xml``;
    const d = xml`M${xmlNum(start.x)} ${xmlNum(start.y)} Q${xmlNum(ctrl.x)} ${xmlNum(ctrl.y)} ${xmlNum(end.x)} ${xmlNum(end.y)}`;
    return xmlJoin(
      [
        xml`<g data-tgw-attachment="${xmlAttr(edge.id)}">`,
        xml`<path d="${d}" fill="none" stroke="${p.bg}" stroke-width="${edge.look.width + 4}" stroke-linecap="round" opacity="0.85"/>`,
        xml`<path d="${d}" fill="none" stroke="${colour}" stroke-width="${edge.look.width}"${dash} stroke-linecap="round"/>`,
        xml`<circle cx="${xmlNum(start.x)}" cy="${xmlNum(start.y)}" r="3" fill="${colour}"/>`,
        xml`<rect x="${xmlNum(end.x - 3.5)}" y="${xmlNum(end.y - 3.5)}" width="7" height="7" rx="1.5" fill="${colour}"/>`,
        xml`</g>`,
      ],
      xml``,
    );
  },

  label: (r, p) => {
    const { edge, label: box } = r;
    const colour = xmlAttr(edge.colour);
    const leader = labelLeader(r, colour);
    return xmlJoin(
      [
        xml`<g data-label="${xmlAttr(edge.id)}">`,
        xml`<rect x="${xmlNum(box.x)}" y="${xmlNum(box.y)}" width="${xmlNum(box.width)}" height="${TGW_ATTACHMENT_LABEL.height}" rx="7" fill="${p.panel}" stroke="${colour}" stroke-width="1" stroke-dasharray="3 2"/>`,
        text(box.x + box.width / 2, box.y + 13.5, edge.label.title, { size: TGW_ATTACHMENT_LABEL.titleSize, fill: p.text, mono: true, anchor: 'middle' }),
        text(box.x + box.width / 2, box.y + 26, edge.label.detail, { size: TGW_ATTACHMENT_LABEL.detailSize, fill: colour, weight: 600, anchor: 'middle' }),
        leader,
        xml`</g>`,
      ],
      xml``,
    );
  },
};
