/** Peering edges of the SVG export: each routed edge of the scene as a curve with an arrow, and its label. */
import type { RoutedEdge } from '../diagram/scene-routes';
import { EDGE_LABEL } from '../diagram/scene-routes';
import type { Xml, XmlPalette } from './svg-markup';
import { text } from './svg-markup';
import { xml, xmlAttr, xmlJoin, xmlNum } from './syntax/xml';

/** The curve, over a halo of the background so crossing lines stay apart, with a dot at the requester and an arrow at the accepter. */
export function edgeMarkup(r: RoutedEdge, p: XmlPalette): Xml {
  const { edge, start, ctrl, end } = r;
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
}

/** The label box: the pcx id, then its state in the edge's colour; a leader back to the line when set away from it. */
export function labelMarkup(r: RoutedEdge, p: XmlPalette): Xml {
  const { edge, label: box } = r;
  const colour = xmlAttr(edge.colour);
  const leader = r.leader
    ? xml`<line x1="${xmlNum(r.anchor.x)}" y1="${xmlNum(r.anchor.y)}" x2="${xmlNum(r.leaderEnd.x)}" y2="${xmlNum(r.leaderEnd.y)}" stroke="${colour}" stroke-width="1" stroke-dasharray="2 3" opacity="0.8"/>`
    : xml``;
  return xmlJoin(
    [
      xml`<g data-label="${xmlAttr(edge.id)}">`,
      xml`<rect x="${xmlNum(box.x)}" y="${xmlNum(box.y)}" width="${xmlNum(box.width)}" height="${EDGE_LABEL.height}" rx="7" fill="${p.panel}" stroke="${colour}" stroke-width="1.25"/>`,
      text(box.x + box.width / 2, box.y + 14.5, edge.label.id, { size: EDGE_LABEL.idSize, fill: p.text, mono: true, anchor: 'middle' }),
      text(box.x + box.width / 2, box.y + 28, edge.label.detail, { size: EDGE_LABEL.detailSize, fill: colour, weight: 600, anchor: 'middle' }),
      leader,
      xml`</g>`,
    ],
    xml``,
  );
}
