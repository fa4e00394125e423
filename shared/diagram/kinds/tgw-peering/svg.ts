/** A TGW peering in SVG: a wide curve hub to hub with a thin line of the background down its middle (a double line, apart from VPC peerings), a square at each hub, and its label box. */
import type { SvgEdge } from '../../../export/svg-markup';
import { labelLeader, text } from '../../../export/svg-markup';
import { xml, xmlAttr, xmlJoin, xmlNum } from '../../../export/syntax/xml';
import type { SceneTgwPeering } from './scene';
import { TGW_PEERING_LABEL } from './scene';

export const tgwPeeringSvg: SvgEdge<SceneTgwPeering> = {
  defs: () => [],

  line: ({ edge, start, ctrl, end }, p) => {
    const colour = xmlAttr(edge.colour);
    const dash = edge.look.dash ? xml` stroke-dasharray="${xmlAttr(edge.look.dash)}"` : xml``;
    const d = xml`M${xmlNum(start.x)} ${xmlNum(start.y)} Q${xmlNum(ctrl.x)} ${xmlNum(ctrl.y)} ${xmlNum(end.x)} ${xmlNum(end.y)}`;
    return xmlJoin(
      [
        xml`<g data-tgw-peering="${xmlAttr(edge.id)}">`,
        xml`<path d="${d}" fill="none" stroke="${p.bg}" stroke-width="${edge.look.width + 6}" stroke-linecap="round" opacity="0.85"/>`,
        xml`<path d="${d}" fill="none" stroke="${colour}" stroke-width="${edge.look.width + 2}"${dash} stroke-linecap="round"/>`,
        xml`<path d="${d}" fill="none" stroke="${p.bg}" stroke-width="1.25"${dash} stroke-linecap="round"/>`,
        xml`<rect x="${xmlNum(start.x - 4)}" y="${xmlNum(start.y - 4)}" width="8" height="8" rx="1.5" fill="${colour}"/>`,
        xml`<rect x="${xmlNum(end.x - 4)}" y="${xmlNum(end.y - 4)}" width="8" height="8" rx="1.5" fill="${colour}"/>`,
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
        xml`<rect x="${xmlNum(box.x)}" y="${xmlNum(box.y)}" width="${xmlNum(box.width)}" height="${TGW_PEERING_LABEL.height}" rx="7" fill="${p.panel}" stroke="${colour}" stroke-width="1.25"/>`,
        text(box.x + box.width / 2, box.y + 14.5, edge.label.title, { size: TGW_PEERING_LABEL.titleSize, fill: p.text, mono: true, anchor: 'middle' }),
        text(box.x + box.width / 2, box.y + 28, edge.label.detail, { size: TGW_PEERING_LABEL.detailSize, fill: colour, weight: 600, anchor: 'middle' }),
        leader,
        xml`</g>`,
      ],
      xml``,
    );
  },
};
