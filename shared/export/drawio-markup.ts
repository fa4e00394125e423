/** The pieces of the draw.io export every kind's cells are built from: style attributes, a box's
 * outline in draw.io's terms, and what a diagram kind gives the draw.io writer to draw its boxes
 * or edges. */
import type { ResolvedBoxStyle } from '../diagram/kinds/kind';
import type { RoutedEdge } from '../diagram/scene-routes';
import type { DiagramPalette } from '../diagram/style';
import type { Encoded } from './syntax/encoded';
import { xmlAttr } from './syntax/xml';

/** draw.io markup. */
export type Xml = Encoded<'xml'>;

/** A draw.io style attribute value from key/value pairs (a `;` in a value becomes `,`). */
export function drawioStyle(parts: Record<string, string | number>): Xml {
  return xmlAttr(
    Object.entries(parts)
      .map(([k, v]) => (v === '' ? k : `${k}=${String(v).replace(/;/g, ',')}`))
      .join(';') + ';',
  );
}

/** Corners and border of a box in draw.io's terms: an absolute arc (draw.io's `arcSize` is the diameter) and a fixed dash. */
export function drawioOutline(style: ResolvedBoxStyle): Record<string, string | number> {
  return {
    rounded: 1,
    absoluteArcSize: 1,
    arcSize: style.radius * 2,
    strokeColor: style.stroke,
    strokeWidth: style.strokeWidth,
    ...(style.dash ? { dashed: 1, dashPattern: style.dash, fixDash: 1 } : {}),
  };
}

/** Where the writer puts a box's cell: its id, its container's id, its geometry relative to that container (mxGraph's way). */
export interface DrawioPlace {
  readonly id: Xml;
  readonly parent: Xml;
  readonly geometry: Xml;
}

/** The ids of an edge's cell and of the cells it joins. */
export interface DrawioEnds {
  readonly id: Xml;
  readonly source: Xml;
  readonly target: Xml;
}

/** How a box kind is drawn in draw.io: as a container (written before every other box, so each child's container exists first) or not, and its cell. */
export interface DrawioBox<B> {
  readonly container: boolean;
  cell(box: B, at: DrawioPlace): Xml;
}

/** How an edge kind is drawn in draw.io: its cell, from the routed edge (for waypoints) and the page's palette. */
export interface DrawioEdge<E> {
  cell(routed: RoutedEdge<E>, ends: DrawioEnds, palette: DiagramPalette): Xml;
}
