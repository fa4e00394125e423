/** The topology as a draw.io (diagrams.net) file: account and region containers, VPC boxes, peering edges.
 *
 * A writer of the diagram's scene (shared/diagram/scene.ts). An uncompressed `mxfile`
 * (diagrams.net reads plain XML inside `<diagram>`). Accounts and regions are `container=1`
 * swimlanes; each child names its container with `parent=` and is positioned relative to it, as
 * mxGraph stores children. Edges connect VPC cells by `source`/`target`, so they follow the boxes
 * when a user moves them, bend through the middle of the scene's curve, and carry the pcx id and
 * status as their label. Dash patterns are fixed (`fixDash=1`: draw.io otherwise scales them by
 * the line width). Every id, label and style goes through the XML encoders (syntax/xml.ts).
 */
import type { DiagramLayout } from '../diagram/layout';
import type { ResolvedBoxStyle, Scene, SceneBox } from '../diagram/scene';
import { accountFrameLabel, buildScene, vpcLabelLines } from '../diagram/scene';
import { quadraticAt, routeScene } from '../diagram/scene-routes';
import type { DiagramTheme } from '../diagram/style';
import type { ExportDocument } from './export-document';
import { formatTakenAt } from './labels';
import type { Encoded } from './syntax/encoded';
import { xml, xmlAttr, xmlAttrLines, xmlJoin, xmlNum } from './syntax/xml';

type Xml = Encoded<'xml'>;

/** Options of `exportDrawio`. */
export interface DrawioExportOptions {
  /** Palette (default `light`: diagrams.net pages are white). */
  readonly theme?: DiagramTheme;
}

/** A draw.io style attribute value from key/value pairs (a `;` in a value becomes `,`). */
function style(parts: Record<string, string | number>): Xml {
  return xmlAttr(
    Object.entries(parts)
      .map(([k, v]) => (v === '' ? k : `${k}=${String(v).replace(/;/g, ',')}`))
      .join(';') + ';',
  );
}

/** The document as a `.drawio` file, boxes placed by `layout`. */
export function exportDrawio(doc: ExportDocument, layout: DiagramLayout, opts: DrawioExportOptions = {}): string {
  return writeDrawio(buildScene(doc, layout, opts.theme ?? 'light'), layout);
}

/** Corners and border of a box in draw.io's terms: an absolute arc (draw.io's `arcSize` is the diameter) and a fixed dash. */
function outline(style: ResolvedBoxStyle): Record<string, string | number> {
  return {
    rounded: 1,
    absoluteArcSize: 1,
    arcSize: style.radius * 2,
    strokeColor: style.stroke,
    strokeWidth: style.strokeWidth,
    ...(style.dash ? { dashed: 1, dashPattern: style.dash, fixDash: 1 } : {}),
  };
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
  for (const b of scene.boxes) {
    if (b.kind === 'account') {
      const s = style({ swimlane: '', container: 1, collapsible: 0, ...outline(b.style), startSize: 34, fontStyle: 1, fontSize: 14, align: 'left', spacingLeft: 12, fillColor: b.style.fill, swimlaneFillColor: b.style.fill, fontColor: b.style.text, html: 0 });
      cells.push(xml`<mxCell id="${cellId(b.id)}" value="${xmlAttr(accountFrameLabel(b))}" style="${s}" vertex="1" parent="${parentOf(b)}">${geometry(b)}</mxCell>`);
    } else if (b.kind === 'region') {
      const s = style({ swimlane: '', container: 1, collapsible: 0, ...outline(b.style), startSize: 26, fontStyle: 1, fontSize: 12, align: 'left', spacingLeft: 10, fillColor: b.style.fill, swimlaneFillColor: b.style.fill, fontColor: b.style.text, html: 0 });
      cells.push(xml`<mxCell id="${cellId(b.id)}" value="${xmlAttr(b.region)}" style="${s}" vertex="1" parent="${parentOf(b)}">${geometry(b)}</mxCell>`);
    }
  }
  for (const b of scene.boxes) {
    if (b.kind !== 'vpc') continue;
    // No stripe in draw.io: the border carries the card's colour (its account's, or its mark's).
    const s = style({
      ...outline({ ...b.style, stroke: b.style.stripe }),
      whiteSpace: 'wrap',
      html: 0,
      align: 'left',
      verticalAlign: 'top',
      spacingLeft: 12,
      spacingTop: 6,
      fontFamily: 'Helvetica',
      fontSize: 11,
      fillColor: b.style.fill,
      fontColor: b.style.text,
    });
    const tooltip = b.conflicted ? xml` tooltip="CIDR blocks overlap another VPC"` : xml``;
    cells.push(xml`<UserObject id="${cellId(b.id)}" label="${xmlAttrLines(vpcLabelLines(b))}"${tooltip}><mxCell style="${s}" vertex="1" parent="${parentOf(b)}">${geometry(b)}</mxCell></UserObject>`);
  }
  for (const r of routeScene(scene)) {
    const { edge } = r;
    const s = style({
      edgeStyle: 'none',
      curved: 1,
      html: 0,
      endArrow: 'block',
      endFill: 1,
      startArrow: 'oval',
      startFill: 1,
      startSize: 5,
      strokeColor: edge.colour,
      strokeWidth: edge.look.width,
      fontColor: edge.colour,
      fontSize: 10,
      fontStyle: 1,
      labelBackgroundColor: p.panel,
      labelBorderColor: edge.colour,
      ...(edge.look.dash ? { dashed: 1, dashPattern: edge.look.dash, fixDash: 1 } : {}),
    });
    // One waypoint, the middle of the scene's curve, so draw.io bends the edge as the image does.
    const mid = quadraticAt(r.start, r.ctrl, r.end, 0.5);
    cells.push(
      xml`<mxCell id="${cellId(edge.id)}" value="${xmlAttrLines([edge.label.id, edge.label.detail])}" style="${s}" edge="1" parent="1" source="${cellId(edge.from)}" target="${cellId(edge.to)}"><mxGeometry relative="1" as="geometry"><Array as="points"><mxPoint x="${xmlNum(mid.x)}" y="${xmlNum(mid.y)}"/></Array></mxGeometry></mxCell>`,
    );
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
