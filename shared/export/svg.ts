/** The topology as a standalone SVG image: title block, legend, frames, VPC boxes and peering edges.
 *
 * An SVG writer over a `DiagramLayout`, with no DOM, so the CLI makes images without a browser
 * window (PNG is this SVG rasterised, see electron/export/render-png.ts). Presentation
 * attributes only (no CSS, no remote fonts), so every SVG consumer, resvg included, draws it alike.
 * Markup is built only with the XML templates and encoders (syntax/xml.ts).
 */
import type { LaidOutBox, DiagramLayout } from '../diagram/layout';
import { accountBoxId } from '../diagram/layout';
import type { PeeringId, VpcId } from '../model/ids';
import type { Peering, Vpc } from '../model/topology';
import type { DiagramTheme, EdgeCategory, EdgeStyle } from '../diagram/style';
import { EDGE_STYLES, PALETTES, peeringEdgeStyle } from '../diagram/style';
import type { ExportDocument } from './export-document';
import { accountLabel, findAccount, formatTakenAt, vpcCidrs, vpcTitle } from './labels';
import { edgeLabel, edgePath, indexObstacles } from './svg-edges';
import type { Rect, Xml, XmlPalette } from './svg-markup';
import { group, text, xmlPalette } from './svg-markup';
import { xml, xmlAttr, xmlJoin, xmlNum, xmlText } from './syntax/xml';
import { estimateTextWidth, fitText } from '../diagram/text-metrics';

/** Options of `exportSvg`. */
export interface SvgExportOptions {
  /** Colour theme (default `dark`, the canvas's default). */
  readonly theme?: DiagramTheme;
}

/** What `exportSvg` drew, for callers that need the image size (PNG scale checks). */
export interface SvgImage {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

const MARGIN = 28;
const GAP = 22;
const LEGEND_WIDTH = 300;
const HEADER_HEIGHT = 132;

/** Render the document as an SVG string laid out by `layout`. */
export function exportSvg(doc: ExportDocument, layout: DiagramLayout, opts: SvgExportOptions = {}): string {
  return renderSvg(doc, layout, opts).svg;
}

/** Render the document as SVG and report the image's size in CSS pixels. */
export function renderSvg(doc: ExportDocument, layout: DiagramLayout, opts: SvgExportOptions = {}): SvgImage {
  const theme = opts.theme ?? 'dark';
  const p = xmlPalette(PALETTES[theme]);
  const vpcById = new Map(doc.topology.vpcs.map((v) => [v.id, v]));
  const shownAccounts = new Set(doc.accountIds.map(accountBoxId));
  const shownRegions = new Set(doc.topology.vpcs.map((v) => `region:${v.accountId}/${v.region}`));
  const boxes = layout.boxes.filter((b) =>
    b.kind === 'vpc' ? vpcById.has(b.id as VpcId) : b.kind === 'account' ? shownAccounts.has(b.id) : shownRegions.has(b.id),
  );
  const boxById = new Map(boxes.map((b) => [b.id, b]));

  const conflicted = new Set<VpcId>(doc.analysis.cidrConflicts.flatMap((c) => [c.vpcA, c.vpcB]));
  const edges = doc.topology.peerings
    .filter((pc) => boxById.has(pc.requester.vpcId) && boxById.has(pc.accepter.vpcId) && pc.requester.vpcId !== pc.accepter.vpcId)
    .map((pc) => ({ peering: pc, style: peeringEdgeStyle(pc, doc.analysis.routeCompleteness.get(pc.id)) }));

  // Geometry first, in layout coordinates, so the canvas can grow to hold bent edges and labels.
  const vpcBoxes = boxes.filter((x) => x.kind === 'vpc');
  const obstacles = indexObstacles(vpcBoxes);
  const drawn = edges.map((e) => edgePath(e.peering, e.style, boxById, p, obstacles));
  // Labels keep off VPC boxes, frame titles and one another.
  const placed: Rect[] = [
    ...vpcBoxes,
    ...boxes.filter((b) => b.kind !== 'vpc').map((b) => ({ x: b.x, y: b.y, width: b.width, height: b.kind === 'account' ? 34 : 26 })),
  ];
  const labels = drawn.map((d, i) => edgeLabel(edges[i]!.peering, edges[i]!.style, d, p, placed, vpcBoxes, doc));

  const extents: Rect[] = [...boxes, ...labels.map((l) => l.rect), ...drawn.map((d) => d.bounds)];
  const minX = Math.min(0, ...extents.map((b) => b.x - 8));
  const minY = Math.min(0, ...extents.map((b) => b.y - 8));
  const diagramWidth = Math.max(320, ...extents.map((b) => b.x + b.width + 8 - minX));
  const diagramHeight = Math.max(160, ...extents.map((b) => b.y + b.height + 8 - minY));

  const legendHeight = legendSize(edges.map((e) => e.style.category), conflicted.size > 0, doc.externalVpcIds.size > 0);
  const width = Math.ceil(MARGIN * 2 + diagramWidth + GAP + LEGEND_WIDTH);
  const height = Math.ceil(MARGIN * 2 + HEADER_HEIGHT + GAP + Math.max(diagramHeight, legendHeight));
  const ox = MARGIN - minX;
  const oy = MARGIN + HEADER_HEIGHT + GAP - minY;

  const out: Xml[] = [];
  const summary = `${doc.topology.vpcs.length} VPCs and ${doc.topology.peerings.length} peerings in ${doc.accountIds.length} accounts and ${doc.regions.length} regions, snapshot ${formatTakenAt(doc.takenAt)}`;
  out.push(
    xml`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="ps-title ps-desc">`,
    xml`<title id="ps-title">${xmlText(`VPC peering: ${doc.title}`)}</title>`,
    xml`<desc id="ps-desc">${xmlText(summary)}</desc>`,
    xml`<defs>${xmlJoin(EDGE_STYLES.map((s) => marker(s, p)), xml``)}</defs>`,
    xml`<rect x="0" y="0" width="${width}" height="${height}" fill="${p.bg}"/>`,
  );
  out.push(header(doc, p, width - 2 * MARGIN, edges, conflicted.size));

  out.push(xml`<g transform="translate(${xmlNum(ox)} ${xmlNum(oy)})">`);
  for (const b of boxes.filter((x) => x.kind === 'account')) out.push(accountFrame(doc, b, p));
  for (const b of boxes.filter((x) => x.kind === 'region')) out.push(regionFrame(b, p));
  out.push(...drawn.map((d) => d.path));
  for (const b of vpcBoxes) {
    const v = vpcById.get(b.id as VpcId)!;
    out.push(vpcBox(v, b, p, conflicted.has(v.id), doc.externalVpcIds.has(v.id)));
  }
  out.push(...labels.map((l) => l.markup));
  out.push(xml`</g>`);

  out.push(legend(p, MARGIN + diagramWidth + GAP, MARGIN + HEADER_HEIGHT + GAP, edges.map((e) => e.style), conflicted.size > 0, doc.externalVpcIds.size > 0));
  out.push(xml`</svg>`);
  return { svg: xml`${xmlJoin(out, xml`\n`)}\n`, width, height };
}

function header(doc: ExportDocument, p: XmlPalette, width: number, edges: readonly { peering: Peering; style: EdgeStyle }[], conflictedVpcs: number): Xml {
  const x = MARGIN;
  const y = MARGIN;
  const findingsWidth = 330;
  const textWidth = width - findingsWidth - 48;
  const accounts = doc.accountIds.map((id) => accountLabel(findAccount(doc, id), id));
  const lines: Xml[] = [
    xml`<rect x="${x}" y="${y}" width="${xmlNum(width)}" height="${HEADER_HEIGHT}" rx="12" fill="${p.panel}" stroke="${p.border}"/>`,
    xml`<rect x="${x + 20}" y="${y + 20}" width="14" height="14" rx="4" fill="${p.accent}"/>`,
    xml`<rect x="${x + 25}" y="${y + 25}" width="9" height="9" rx="2.5" fill="${p.ok}"/>`,
    text(x + 42, y + 32, 'PEERSCAPE · VPC PEERING', { size: 11, fill: p.muted, weight: 600, spacing: 1.2 }),
    text(x + 20, y + 62, fitText(doc.title, textWidth, 22, { bold: true }), { size: 22, fill: p.text, weight: 650 }),
    text(
      x + 20,
      y + 86,
      fitText(
        `${plural(doc.accountIds.length, 'account')} · ${plural(doc.regions.length, 'region')} · ${plural(doc.topology.vpcs.length, 'VPC')} · ${plural(doc.topology.peerings.length, 'peering')} · snapshot ${formatTakenAt(doc.takenAt)}`,
        textWidth,
        13,
      ),
      { size: 13, fill: p.text },
    ),
    text(x + 20, y + 106, fitText(`Accounts: ${accounts.join(', ') || 'none'}`, textWidth, 12), { size: 12, fill: p.muted }),
    text(x + 20, y + 123, fitText(`Regions: ${doc.regions.join(', ') || 'none'} · source ${doc.source}`, textWidth, 12), { size: 12, fill: p.muted }),
  ];
  // Findings: what a reviewer should look at first.
  const fx = x + width - findingsWidth;
  const active = edges.filter((e) => e.peering.status === 'active');
  const incomplete = active.filter((e) => e.style.category === 'active-partial' || e.style.category === 'active-none').length;
  const pending = edges.filter((e) => e.style.category === 'pending').length;
  const findings: [Xml, string][] = [
    [doc.analysis.cidrConflicts.length > 0 ? p.bad : p.ok, `${plural(doc.analysis.cidrConflicts.length, 'CIDR conflict')} (${plural(conflictedVpcs, 'VPC')})`],
    [incomplete > 0 ? p.warn : p.ok, `${incomplete} of ${active.length} active ${active.length === 1 ? 'peering' : 'peerings'} with missing routes`],
    [doc.analysis.nonTransitivePairs.length > 0 ? p.warn : p.ok, `${plural(doc.analysis.nonTransitivePairs.length, 'non-transitive pair')}`],
    [pending > 0 ? p.pending : p.muted, `${plural(pending, 'peering')} awaiting acceptance`],
  ];
  lines.push(xml`<line x1="${fx - 20}" y1="${y + 18}" x2="${fx - 20}" y2="${y + HEADER_HEIGHT - 18}" stroke="${p.border}"/>`);
  lines.push(text(fx, y + 32, 'FINDINGS', { size: 11, fill: p.muted, weight: 600, spacing: 1.2 }));
  findings.forEach(([colour, words], i) => {
    const ly = y + 58 + i * 21;
    lines.push(xml`<circle cx="${fx + 5}" cy="${ly - 4}" r="4.5" fill="${colour}"/>`);
    lines.push(text(fx + 18, ly, fitText(words, findingsWidth - 20, 13), { size: 13, fill: p.text }));
  });
  return group(lines);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function accountFrame(doc: ExportDocument, b: LaidOutBox, p: XmlPalette): Xml {
  const id = b.id.slice('account:'.length);
  const account = findAccount(doc, id);
  const name = account?.alias ?? (doc.topology.vpcs.some((v) => v.accountId === id && !doc.externalVpcIds.has(v.id)) ? 'Account' : 'Not scanned');
  const maxWidth = b.width - 28;
  const nameText = fitText(name, maxWidth * 0.6, 14, { bold: true });
  const nameWidth = estimateTextWidth(nameText, 14, { bold: true });
  return group([
    xml`<rect x="${xmlNum(b.x)}" y="${xmlNum(b.y)}" width="${xmlNum(b.width)}" height="${xmlNum(b.height)}" rx="14" fill="${p.panel}" stroke="${p.border}" stroke-width="1.5"/>`,
    text(b.x + 16, b.y + 25, nameText, { size: 14, fill: p.text, weight: 650 }),
    text(b.x + 16 + nameWidth + 10, b.y + 25, fitText(id, maxWidth - nameWidth - 10, 12, { mono: true }), { size: 12, fill: p.muted, mono: true }),
  ]);
}

function regionFrame(b: LaidOutBox, p: XmlPalette): Xml {
  const region = b.id.slice(b.id.indexOf('/') + 1);
  return group([
    xml`<rect x="${xmlNum(b.x)}" y="${xmlNum(b.y)}" width="${xmlNum(b.width)}" height="${xmlNum(b.height)}" rx="10" fill="${p.panel2}" stroke="${p.border}" stroke-dasharray="5 4"/>`,
    xml`<circle cx="${xmlNum(b.x + 16)}" cy="${xmlNum(b.y + 16)}" r="4" fill="none" stroke="${p.accent2}" stroke-width="1.5"/>`,
    text(b.x + 26, b.y + 20, fitText(region, b.width - 40, 12, { bold: true }), { size: 12, fill: p.muted, weight: 600 }),
  ]);
}

function vpcBox(v: Vpc, b: LaidOutBox, p: XmlPalette, conflicted: boolean, external: boolean): Xml {
  const stripe = conflicted ? p.bad : external ? p.muted : p.accent;
  const inner = b.width - 28;
  const parts: Xml[] = [
    xml`<rect x="${xmlNum(b.x)}" y="${xmlNum(b.y)}" width="${xmlNum(b.width)}" height="${xmlNum(b.height)}" rx="8" fill="${p.bg}" stroke="${conflicted ? p.bad : p.border}" stroke-width="${conflicted ? 1.5 : 1}"${external ? xml` stroke-dasharray="4 3"` : xml``}/>`,
    xml`<rect x="${xmlNum(b.x)}" y="${xmlNum(b.y + 6)}" width="4" height="${xmlNum(Math.max(b.height - 12, 4))}" rx="2" fill="${stripe}"/>`,
  ];
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
  parts.push(text(b.x + 14, b.y + 22, fitText(title, titleRoom, 13.5, { bold: true }), { size: 13.5, fill: external ? p.muted : p.text, weight: 650 }));
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
}

function marker(s: EdgeStyle, p: XmlPalette): Xml {
  return xml`<marker id="arrow-${xmlAttr(s.category)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${p[s.colour]}"/></marker>`;
}

const LEGEND_ROW = 24;

function legendSize(categories: readonly EdgeCategory[], conflicts: boolean, external: boolean): number {
  const rows = new Set(categories).size + 2 + (conflicts ? 1 : 0) + (external ? 1 : 0);
  return 48 + rows * LEGEND_ROW + 40;
}

function legend(p: XmlPalette, x: number, y: number, styles: readonly EdgeStyle[], conflicts: boolean, external: boolean): Xml {
  const counts = new Map<EdgeCategory, number>();
  for (const s of styles) counts.set(s.category, (counts.get(s.category) ?? 0) + 1);
  const present = EDGE_STYLES.filter((s) => counts.has(s.category));
  const height = legendSize([...counts.keys()], conflicts, external);
  const parts: Xml[] = [
    xml`<rect x="${x}" y="${y}" width="${LEGEND_WIDTH}" height="${height}" rx="12" fill="${p.panel}" stroke="${p.border}"/>`,
    text(x + 18, y + 28, 'LEGEND', { size: 11, fill: p.muted, weight: 600, spacing: 1.2 }),
  ];
  let ry = y + 52;
  for (const s of present) {
    const dash = s.dash ? xml` stroke-dasharray="${xmlAttr(s.dash)}"` : xml``;
    parts.push(xml`<line x1="${x + 18}" y1="${ry - 4}" x2="${x + 58}" y2="${ry - 4}" stroke="${p[s.colour]}" stroke-width="${s.width}"${dash} stroke-linecap="round"/>`);
    parts.push(text(x + 70, ry, fitText(`${s.label} (${counts.get(s.category)})`, LEGEND_WIDTH - 84, 12), { size: 12, fill: p.text }));
    ry += LEGEND_ROW;
  }
  if (present.length === 0) {
    parts.push(text(x + 18, ry, 'No peerings in this view', { size: 12, fill: p.muted }));
    ry += LEGEND_ROW;
  }
  // The direction of a request, and what the boxes mean.
  parts.push(xml`<circle cx="${x + 21}" cy="${ry - 4}" r="3.5" fill="${p.muted}"/>`);
  parts.push(xml`<line x1="${x + 21}" y1="${ry - 4}" x2="${x + 52}" y2="${ry - 4}" stroke="${p.muted}" stroke-width="2"/>`);
  parts.push(xml`<path d="M${x + 50} ${ry - 9} L${x + 59} ${ry - 4} L${x + 50} ${ry + 1} z" fill="${p.muted}"/>`);
  parts.push(text(x + 70, ry, 'Requester → accepter', { size: 12, fill: p.text }));
  ry += LEGEND_ROW;
  const swatch = (stroke: Xml, stripe: Xml, dashed: boolean) =>
    xml`<rect x="${x + 22}" y="${ry - 14}" width="32" height="18" rx="4" fill="${p.bg}" stroke="${stroke}"${dashed ? xml` stroke-dasharray="4 3"` : xml``}/><rect x="${x + 22}" y="${ry - 11}" width="3" height="12" rx="1.5" fill="${stripe}"/>`;
  parts.push(swatch(p.border, p.accent, false));
  parts.push(text(x + 70, ry, 'VPC: name, id, CIDR blocks', { size: 12, fill: p.text }));
  ry += LEGEND_ROW;
  if (conflicts) {
    parts.push(swatch(p.bad, p.bad, false));
    parts.push(text(x + 70, ry, 'VPC whose CIDRs overlap another', { size: 12, fill: p.text }));
    ry += LEGEND_ROW;
  }
  if (external) {
    parts.push(swatch(p.border, p.muted, true));
    parts.push(text(x + 70, ry, 'Peer VPC in an unscanned account', { size: 12, fill: p.text }));
    ry += LEGEND_ROW;
  }
  parts.push(text(x + 18, ry + 8, 'Frames: account ▸ region (dashed)', { size: 11, fill: p.muted }));
  return group(parts);
}

/** The pcx ids drawn, in order (tests check every edge made it in). */
export function drawnPeeringIds(doc: ExportDocument, layout: DiagramLayout): readonly PeeringId[] {
  const ids = new Set(layout.boxes.map((b) => b.id));
  return doc.topology.peerings.filter((pc) => ids.has(pc.requester.vpcId) && ids.has(pc.accepter.vpcId) && pc.requester.vpcId !== pc.accepter.vpcId).map((pc) => pc.id);
}
