/** The topology as a draw.io (diagrams.net) file: account and region containers, VPC boxes, peering edges.
 *
 * A writer of the diagram's scene (shared/diagram/scene.ts); each kind writes its own cells
 * (shared/diagram/kinds/<kind>/drawio.ts). An uncompressed `mxfile`
 * (diagrams.net reads plain XML inside `<diagram>`). Accounts and regions are `container=1`
 * swimlanes; each child names its container with `parent=` and is positioned relative to it, as
 * mxGraph stores children. Edges connect VPC cells by `source`/`target`, so they follow the boxes
 * when a user moves them, bend through the middle of the scene's curve, and carry their title
 * (Name tag, else pcx id) and status as their label. Dash patterns are fixed (`fixDash=1`:
 * draw.io otherwise scales them by the line width). Every id, label and style goes through the XML encoders (syntax/xml.ts).
 */
import type { DiagramLayout } from '../diagram/layout';
import type { Scene, SceneBox } from '../diagram/scene';
import { boxKindOf, buildScene, edgeKindOf } from '../diagram/scene';
import { routeScene } from '../diagram/scene-routes';
import type { DiagramTheme } from '../diagram/style';
import type { Xml } from './drawio-markup';
import type { ExportDocument } from './export-document';
import { formatTakenAt } from './labels';
import { xml, xmlAttr, xmlJoin, xmlNum } from './syntax/xml';

/** Options of `exportDrawio`. */
export interface DrawioExportOptions {
  /** Palette (default `light`: diagrams.net pages are white). */
  readonly theme?: DiagramTheme;
}

/** The document as a `.drawio` file, boxes placed by `layout`. */
export function exportDrawio(doc: ExportDocument, layout: DiagramLayout, opts: DrawioExportOptions = {}): string {
  return writeDrawio(buildScene(doc, layout, opts.theme ?? 'light'), layout);
}

/** The scene as a `.drawio` file; `layout` sizes the page. */
export function writeDrawio(scene: Scene, layout: DiagramLayout): string {
  const { doc } = scene;
  const p = scene.palette;
  const byId = new Map(scene.boxes.map((b) => [b.id, b]));
  const cells: Xml[] = [];
  const cellId = (id: string) => xmlAttr(id);
  const parentOf = (b: SceneBox) => (b.parentId && byId.has(b.parentId) ? cellId(b.parentId) : xml`1`);
  // mxGraph stores a child's position relative to its container.
  const geometry = (b: SceneBox) => {
    const parent = b.parentId ? byId.get(b.parentId) : undefined;
    const x = b.x - (parent?.x ?? 0);
    const y = b.y - (parent?.y ?? 0);
    return xml`<mxGeometry x="${xmlNum(x)}" y="${xmlNum(y)}" width="${xmlNum(b.width)}" height="${xmlNum(b.height)}" as="geometry"/>`;
  };
  // Containers first, so every cell's container exists before it; then the other boxes; then the edges.
  for (const container of [true, false]) {
    for (const b of scene.boxes) {
      const k = boxKindOf(b).drawio;
      if (k.container === container) cells.push(k.cell(b, { id: cellId(b.id), parent: parentOf(b), geometry: geometry(b) }));
    }
  }
  for (const r of routeScene(scene)) {
    const { edge } = r;
    cells.push(edgeKindOf(edge).drawio.cell(r, { id: cellId(edge.id), source: cellId(edge.from), target: cellId(edge.to) }, p));
  }
  const name = `VPC peering: ${doc.title} (${formatTakenAt(doc.takenAt)})`;
  return xmlJoin(
    [
      xml`<?xml version="1.0" encoding="UTF-8"?>`,
      xml`<mxfile host="Peerscape" type="device">`,
      xml`<diagram id="peerscape" name="${xmlAttr(name)}">`,
      xml`<mxGraphModel dx="${xmlNum(layout.width)}" dy="${xmlNum(layout.height)}" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="0" pageScale="1" pageWidth="${Math.ceil(layout.width)}" pageHeight="${Math.ceil(layout.height)}" background="${xmlAttr(p.bg)}" math="0" shadow="0">`,
      xml`<root>`,
      xml`<mxCell id="0"/>`,
      xml`<mxCell id="1" parent="0"/>`,
      ...cells,
      xml`</root>`,
      xml`</mxGraphModel>`,
      xml`</diagram>`,
      xml`</mxfile>`,
      xml``,
    ],
    xml`\n`,
  );
}
