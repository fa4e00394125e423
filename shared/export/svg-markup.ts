/** The small pieces every part of the SVG export is built from: encoded palette, text, groups,
 * and what a diagram kind gives the SVG writer to draw its boxes or edges. */
import type { Rect } from '../diagram/geometry';
import type { ResolvedBoxStyle } from '../diagram/kinds/kind';
import type { RoutedEdge } from '../diagram/scene-routes';
import type { DiagramPalette } from '../diagram/style';
import { FONT_MONO, FONT_SANS } from '../diagram/style';
import type { Encoded } from './syntax/encoded';
import { xml, xmlAttr, xmlJoin, xmlNum, xmlText } from './syntax/xml';

/** SVG markup. */
export type Xml = Encoded<'xml'>;
/** A palette with every colour encoded for an attribute. */
export type XmlPalette = { readonly [K in keyof DiagramPalette]: Xml };

/** `palette` encoded for attributes. */
export function xmlPalette(palette: DiagramPalette): XmlPalette {
  return Object.fromEntries(Object.entries(palette).map(([k, v]) => [k, xmlAttr(v)])) as unknown as XmlPalette;
}

/** One `<text>` showing `s` (hidden characters shown, markup escaped). */
export function text(x: number, y: number, s: string, attrs: { size: number; fill: Xml; mono?: boolean; weight?: number; anchor?: 'start' | 'middle' | 'end'; spacing?: number }): Xml {
  const anchor = attrs.anchor === 'middle' ? xml` text-anchor="middle"` : attrs.anchor === 'end' ? xml` text-anchor="end"` : xml``;
  const weight = attrs.weight ? xml` font-weight="${attrs.weight}"` : xml``;
  const spacing = attrs.spacing ? xml` letter-spacing="${attrs.spacing}"` : xml``;
  return xml`<text x="${xmlNum(x)}" y="${xmlNum(y)}" font-family="${xmlAttr(attrs.mono ? FONT_MONO : FONT_SANS)}" font-size="${attrs.size}"${weight}${spacing}${anchor} fill="${attrs.fill}">${xmlText(s)}</text>`;
}

/** The dotted leader from an edge's label back to its line, when the label was set away from it; nothing otherwise. */
export function labelLeader(r: { readonly leader: boolean; readonly anchor: { x: number; y: number }; readonly leaderEnd: { x: number; y: number } }, colour: Xml): Xml {
  return r.leader
    ? xml`<line x1="${xmlNum(r.anchor.x)}" y1="${xmlNum(r.anchor.y)}" x2="${xmlNum(r.leaderEnd.x)}" y2="${xmlNum(r.leaderEnd.y)}" stroke="${colour}" stroke-width="1" stroke-dasharray="2 3" opacity="0.8"/>`
    : xml``;
}

/** Parts inside one `<g>`. */
export function group(parts: readonly Xml[]): Xml {
  return xml`<g>${xmlJoin(parts, xml``)}</g>`;
}


/** A box's outline from its resolved style. */
export function outline(b: Rect, style: ResolvedBoxStyle, fill: Xml = xmlAttr(style.fill)): Xml {
  const dash = style.dash ? xml` stroke-dasharray="${xmlAttr(style.dash)}"` : xml``;
  return xml`<rect x="${xmlNum(b.x)}" y="${xmlNum(b.y)}" width="${xmlNum(b.width)}" height="${xmlNum(b.height)}" rx="${style.radius}" fill="${fill}" stroke="${xmlAttr(style.stroke)}" stroke-width="${style.strokeWidth}"${dash}/>`;
}

/** The stripe down a card's left side, in its account's colour (or its mark's). */
export function stripe(x: number, y: number, height: number, style: ResolvedBoxStyle, width = 4): Xml {
  return xml`<rect x="${xmlNum(x)}" y="${xmlNum(y)}" width="${width}" height="${xmlNum(height)}" rx="${width / 2}" fill="${xmlAttr(style.stripe)}"/>`;
}

/** How a box kind is drawn in SVG: on which layer (frames under the edges, cards over them) and its markup. */
export interface SvgBox<B> {
  readonly layer: 'under-edges' | 'over-edges';
  draw(box: B, p: XmlPalette): Xml;
}

/** How an edge kind is drawn in SVG: the definitions it refers to, its line, and its label (drawn over every box). */
export interface SvgEdge<E> {
  defs(p: XmlPalette): readonly Xml[];
  line(routed: RoutedEdge<E>, p: XmlPalette): Xml;
  label(routed: RoutedEdge<E>, p: XmlPalette): Xml;
}
