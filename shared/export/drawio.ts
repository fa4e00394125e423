/** The topology as a draw.io (diagrams.net) file: account and region containers, VPC boxes, peering edges.
 *
 * An uncompressed `mxfile` (diagrams.net reads plain XML inside `<diagram>`). Accounts and regions
 * are `container=1` swimlanes; each child names its container with `parent=` and is positioned
 * relative to it, as mxGraph stores children. Edges connect VPC cells by `source`/`target`, so
 * they follow the boxes when a user moves them, and carry the pcx id and status as their label.
 * Every id, label and style goes through the XML encoders (syntax/xml.ts).
 */
import type { DiagramLayout, LaidOutBox } from '../diagram/layout';
import type { VpcId } from '../model/ids';
import type { DiagramTheme } from '../diagram/style';
import { PALETTES, peeringEdgeStyle, peeringRouteState } from '../diagram/style';
import type { ExportDocument } from './export-document';
import { accountLabel, findAccount, formatTakenAt, routeStateWords, vpcCidrs, vpcTitle } from './labels';
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
  const p = PALETTES[opts.theme ?? 'light'];
  const vpcById = new Map(doc.topology.vpcs.map((v) => [v.id, v]));
  const boxById = new Map(layout.boxes.map((b) => [b.id, b]));
  const conflicted = new Set(doc.analysis.cidrConflicts.flatMap((c) => [c.vpcA, c.vpcB]));
  // Frames of accounts and regions that hold a shown VPC; children's geometry is relative.
  const shownVpcBoxes = layout.boxes.filter((b) => b.kind === 'vpc' && vpcById.has(b.id as VpcId));
  const shownFrames = new Set<string>();
  for (const b of shownVpcBoxes) {
    for (let parent = b.parentId; parent; parent = boxById.get(parent)?.parentId) shownFrames.add(parent);
  }
  const cells: Xml[] = [];
  const cellId = (id: string) => xmlAttr(id);
  const geometry = (b: LaidOutBox) => {
    const parent = b.parentId ? boxById.get(b.parentId) : undefined;
    const x = b.x - (parent?.x ?? 0);
    const y = b.y - (parent?.y ?? 0);
    return xml`<mxGeometry x="${xmlNum(x)}" y="${xmlNum(y)}" width="${xmlNum(b.width)}" height="${xmlNum(b.height)}" as="geometry"/>`;
  };
  for (const b of layout.boxes) {
    if (b.kind === 'vpc' || !shownFrames.has(b.id)) continue;
    const parent = b.parentId && shownFrames.has(b.parentId) ? cellId(b.parentId) : xml`1`;
    if (b.kind === 'account') {
      const id = b.id.slice('account:'.length);
      const label = `Account ${accountLabel(findAccount(doc, id), id)}`;
      const s = style({ swimlane: '', container: 1, collapsible: 0, rounded: 1, arcSize: 4, startSize: 34, fontStyle: 1, fontSize: 14, align: 'left', spacingLeft: 12, fillColor: p.panel, swimlaneFillColor: p.panel, strokeColor: p.border, fontColor: p.text, html: 0 });
      cells.push(xml`<mxCell id="${cellId(b.id)}" value="${xmlAttr(label)}" style="${s}" vertex="1" parent="${parent}">${geometry(b)}</mxCell>`);
    } else {
      const region = b.id.slice(b.id.indexOf('/') + 1);
      const s = style({ swimlane: '', container: 1, collapsible: 0, rounded: 1, arcSize: 6, startSize: 26, dashed: 1, fontStyle: 1, fontSize: 12, align: 'left', spacingLeft: 10, fillColor: p.panel2, swimlaneFillColor: p.panel2, strokeColor: p.border, fontColor: p.muted, html: 0 });
      cells.push(xml`<mxCell id="${cellId(b.id)}" value="${xmlAttr(region)}" style="${s}" vertex="1" parent="${parent}">${geometry(b)}</mxCell>`);
    }
  }
  for (const b of shownVpcBoxes) {
    const v = vpcById.get(b.id as VpcId)!;
    const external = doc.externalVpcIds.has(v.id);
    const lines = [external ? `${v.id} (not scanned)` : vpcTitle(v), ...(v.name && !external ? [v.id] : []), ...vpcCidrs(v)];
    const stroke = conflicted.has(v.id) ? p.bad : external ? p.muted : p.accent;
    const s = style({
      rounded: 1,
      arcSize: 6,
      whiteSpace: 'wrap',
      html: 0,
      align: 'left',
      verticalAlign: 'top',
      spacingLeft: 12,
      spacingTop: 6,
      fontFamily: 'Helvetica',
      fontSize: 11,
      fillColor: p.panel,
      strokeColor: stroke,
      strokeWidth: conflicted.has(v.id) ? 2 : 1,
      fontColor: external ? p.muted : p.text,
      ...(external ? { dashed: 1 } : {}),
    });
    const parent = b.parentId && shownFrames.has(b.parentId) ? cellId(b.parentId) : xml`1`;
    const tooltip = conflicted.has(v.id) ? xml` tooltip="CIDR blocks overlap another VPC"` : xml``;
    cells.push(xml`<UserObject id="${cellId(v.id)}" label="${xmlAttrLines(lines)}"${tooltip}><mxCell style="${s}" vertex="1" parent="${parent}">${geometry(b)}</mxCell></UserObject>`);
  }
  for (const pc of doc.topology.peerings) {
    if (!boxById.has(pc.requester.vpcId) || !boxById.has(pc.accepter.vpcId) || pc.requester.vpcId === pc.accepter.vpcId) continue;
    const completeness = doc.analysis.routeCompleteness.get(pc.id);
    const es = peeringEdgeStyle(pc, completeness);
    const label = pc.status === 'active' ? [pc.id, `active · routes ${routeStateWords(peeringRouteState(completeness))}`] : [pc.id, pc.status];
    const s = style({
      edgeStyle: 'none',
      curved: 1,
      html: 0,
      endArrow: 'block',
      endFill: 1,
      startArrow: 'oval',
      startFill: 1,
      startSize: 5,
      strokeColor: p[es.colour],
      strokeWidth: es.width,
      fontColor: p[es.colour],
      fontSize: 10,
      fontStyle: 1,
      labelBackgroundColor: p.panel,
      labelBorderColor: p[es.colour],
      ...(es.dash ? { dashed: 1, dashPattern: es.dash } : {}),
    });
    cells.push(
      xml`<mxCell id="${cellId(pc.id)}" value="${xmlAttrLines(label)}" style="${s}" edge="1" parent="1" source="${cellId(pc.requester.vpcId)}" target="${cellId(pc.accepter.vpcId)}"><mxGeometry relative="1" as="geometry"/></mxCell>`,
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
