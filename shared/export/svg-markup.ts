/** The small pieces every part of the SVG export is built from: encoded palette, text, groups. */
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

/** Parts inside one `<g>`. */
export function group(parts: readonly Xml[]): Xml {
  return xml`<g>${xmlJoin(parts, xml``)}</g>`;
}

