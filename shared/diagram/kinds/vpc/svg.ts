/** A VPC card in SVG: outline, stripe, a badge when marked, title, id and as many blocks as fit. */
import { vpcCidrs, vpcTitle } from '../../../export/labels';
import type { SvgBox, Xml } from '../../../export/svg-markup';
import { outline, stripe, text } from '../../../export/svg-markup';
import { xml, xmlAttr, xmlJoin, xmlNum } from '../../../export/syntax/xml';
import { estimateTextWidth, fitText } from '../../text-metrics';
import type { SceneVpc } from './scene';

export const vpcSvg: SvgBox<SceneVpc> = {
  layer: 'over-edges',
  draw: (b, p) => {
    const { vpc: v, conflicted, external, style } = b;
    const inner = b.width - 28;
    const parts: Xml[] = [outline(b, style), stripe(b.x, b.y + 6, Math.max(b.height - 12, 4), style)];
    const title = external ? v.id : vpcTitle(v);
    const badge = conflicted || external;
    if (badge) {
      const words = conflicted ? 'CIDR overlap' : 'peer only';
      const bw = estimateTextWidth(words, 10, { bold: true }) + 12;
      parts.push(
        xml`<rect x="${xmlNum(b.x + b.width - 10 - bw)}" y="${xmlNum(b.y + 8)}" width="${xmlNum(bw)}" height="16" rx="8" fill="${conflicted ? p.bad : p.panel2}" fill-opacity="${conflicted ? 0.18 : 1}" stroke="${conflicted ? p.bad : p.border}"/>`,
        text(b.x + b.width - 10 - bw / 2, b.y + 19.5, words, { size: 10, fill: conflicted ? p.bad : p.muted, weight: 600, anchor: 'middle' }),
      );
    }
    const titleRoom = inner - (badge ? estimateTextWidth(conflicted ? 'CIDR overlap' : 'peer only', 10, { bold: true }) + 18 : 0);
    parts.push(text(b.x + 14, b.y + 22, fitText(title, titleRoom, 13.5, { bold: true }), { size: 13.5, fill: xmlAttr(style.text), weight: 650 }));
    parts.push(
      external
        ? text(b.x + 14, b.y + 39, fitText(`seen through a peering`, inner, 11), { size: 11, fill: p.muted })
        : text(b.x + 14, b.y + 39, fitText(v.id, inner, 11, { mono: true }), { size: 11, fill: p.muted, mono: true }),
    );
    const cidrs = vpcCidrs(v);
    const room = Math.max(1, Math.floor((b.height - 50) / 17));
    const shown = cidrs.length > room ? cidrs.slice(0, room - 1) : cidrs;
    shown.forEach((c, i) => {
      parts.push(text(b.x + 14, b.y + 58 + i * 17, fitText(c, inner, 11.5, { mono: true }), { size: 11.5, fill: p.text, mono: true }));
    });
    if (shown.length < cidrs.length) {
      parts.push(text(b.x + 14, b.y + 58 + shown.length * 17, `+${cidrs.length - shown.length} more`, { size: 11, fill: p.muted }));
    }
    return xml`<g data-vpc="${xmlAttr(v.id)}">${xmlJoin(parts, xml``)}</g>`;
  },
};
