/** A transit gateway hub in SVG: a rounded box in its owner's colour, a hub glyph, title, id, and a badge with its VPN / Direct Connect / Connect attachments. */
import type { SvgBox, Xml } from '../../../export/svg-markup';
import { outline, text } from '../../../export/svg-markup';
import { xml, xmlAttr, xmlJoin, xmlNum } from '../../../export/syntax/xml';
import { estimateTextWidth, fitText } from '../../text-metrics';
import type { SceneTgw } from './scene';
import { tgwEndpointWords, tgwTitle } from './scene';

export const tgwSvg: SvgBox<SceneTgw> = {
  layer: 'over-edges',
  draw: (b, p) => {
    const { gateway: g, style } = b;
    const stroke = xmlAttr(style.stroke);
    const cx = b.x + 26;
    const cy = b.y + 26;
    const parts: Xml[] = [
      outline(b, style),
      // The hub glyph: a ring with four spokes.
      xml`<circle cx="${xmlNum(cx)}" cy="${xmlNum(cy)}" r="9" fill="none" stroke="${stroke}" stroke-width="2"/>`,
      xml`<circle cx="${xmlNum(cx)}" cy="${xmlNum(cy)}" r="3" fill="${stroke}"/>`,
      xml`<path d="M${xmlNum(cx - 14)} ${xmlNum(cy)} H${xmlNum(cx - 9)} M${xmlNum(cx + 9)} ${xmlNum(cy)} H${xmlNum(cx + 14)} M${xmlNum(cx)} ${xmlNum(cy - 14)} V${xmlNum(cy - 9)} M${xmlNum(cx)} ${xmlNum(cy + 9)} V${xmlNum(cy + 14)}" stroke="${stroke}" stroke-width="2"/>`,
    ];
    const inner = b.width - 58;
    parts.push(text(b.x + 46, b.y + 24, fitText(tgwTitle(g), inner, 13.5, { bold: true }), { size: 13.5, fill: xmlAttr(style.text), weight: 650 }));
    parts.push(text(b.x + 46, b.y + 40, fitText(g.id, inner, 11, { mono: true }), { size: 11, fill: p.muted, mono: true }));
    const badges: { words: string; colour: Xml }[] = [];
    if (b.unread) badges.push({ words: 'routing not read', colour: p.accent });
    const endpoints = tgwEndpointWords(b.endpoints);
    if (endpoints) badges.push({ words: endpoints, colour: p.muted });
    let bx = b.x + 14;
    for (const badge of badges) {
      const room = b.x + b.width - 12 - bx;
      if (room < 30) break;
      const words = fitText(badge.words, room - 12, 10, { bold: true });
      const bw = Math.min(estimateTextWidth(words, 10, { bold: true }) + 12, room);
      parts.push(xml`<rect x="${xmlNum(bx)}" y="${xmlNum(b.y + b.height - 26)}" width="${xmlNum(bw)}" height="16" rx="8" fill="${p.panel2}" stroke="${badge.colour}"/>`);
      parts.push(text(bx + bw / 2, b.y + b.height - 14.5, words, { size: 10, fill: badge.colour, weight: 600, anchor: 'middle' }));
      bx += bw + 6;
    }
    return xml`<g data-tgw="${xmlAttr(g.id)}">${xmlJoin(parts, xml``)}</g>`;
  },
};
