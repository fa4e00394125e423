/** A peering in SVG: an arrow marker per look, the curve with a dot at the requester and an arrow at the accepter, and its label box. */
import type { SvgEdge } from '../../../export/svg-markup';
import { labelLeader, text } from '../../../export/svg-markup';
import { xml, xmlAttr, xmlJoin, xmlNum } from '../../../export/syntax/xml';
import { EDGE_STYLES } from '../../style';
import type { ScenePeering } from './scene';
import { PEERING_LABEL } from './scene';

export const peeringSvg: SvgEdge<ScenePeering> = {
  defs: (p) =>
    EDGE_STYLES.map(
      (s) =>
        xml`<marker id="arrow-${xmlAttr(s.category)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${p[s.colour]}"/></marker>`,
    ),

  // The curve, over a halo of the background so crossing lines stay apart.
  line: ({ edge, start, ctrl, end }, p) => {
    const colour = xmlAttr(edge.colour);
    const dash = edge.look.dash ? xml` stroke-dasharray="${xmlAttr(edge.look.dash)}"` : xml``;
    const d = xml`M${xmlNum(start.x)} ${xmlNum(start.y)} Q${xmlNum(ctrl.x)} ${xmlNum(ctrl.y)} ${xmlNum(end.x)} ${xmlNum(end.y)}`;
    return xmlJoin(
      [
        xml`<g data-peering="${xmlAttr(edge.id)}">`,
        xml`<path d="${d}" fill="none" stroke="${p.bg}" stroke-width="${edge.look.width + 4}" stroke-linecap="round" opacity="0.85"/>`,
        xml`<path d="${d}" fill="none" stroke="${colour}" stroke-width="${edge.look.width}"${dash} stroke-linecap="round" marker-end="url(#arrow-${xmlAttr(edge.look.category)})"/>`,
        xml`<circle cx="${xmlNum(start.x)}" cy="${xmlNum(start.y)}" r="3.5" fill="${colour}"/>`,
        xml`</g>`,
      ],
      xml``,
    );
  },

  // Its title, then its state in the edge's colour; a leader back to the line when set away from it.
  label: (r, p) => {
    const { edge, label: box } = r;
    const colour = xmlAttr(edge.colour);
    const leader = labelLeader(r, colour);
    return xmlJoin(
      [
        xml`<g data-label="${xmlAttr(edge.id)}">`,
        xml`<rect x="${xmlNum(box.x)}" y="${xmlNum(box.y)}" width="${xmlNum(box.width)}" height="${PEERING_LABEL.height}" rx="7" fill="${p.panel}" stroke="${colour}" stroke-width="1.25"/>`,
        text(box.x + box.width / 2, box.y + 14.5, edge.label.title, { size: PEERING_LABEL.titleSize, fill: p.text, mono: true, anchor: 'middle' }),
        text(box.x + box.width / 2, box.y + 28, edge.label.detail, { size: PEERING_LABEL.detailSize, fill: colour, weight: 600, anchor: 'middle' }),
        leader,
        xml`</g>`,
      ],
      xml``,
    );
  },
};
