/** The topology as a standalone SVG image: title block, legend, frames, VPC boxes and peering edges.
 *
 * A writer of the diagram's scene (shared/diagram/scene.ts), with no DOM, so the CLI makes
 * images without a browser window (PNG is this SVG rasterised, see electron/export/render-png.ts).
 * Each kind draws its own boxes or edges (shared/diagram/kinds/<kind>/svg.ts); this writer keeps
 * the document, its header and legend, the definitions and the order of the layers.
 * Presentation attributes only (no CSS, no remote fonts), so every SVG consumer, resvg included,
 * draws it alike. Markup is built only with the XML templates and encoders (syntax/xml.ts).
 */
import type { Rect } from '../diagram/geometry';
import { BOX_KINDS, EDGE_KINDS } from '../diagram/kinds';
import type { DiagramLayout } from '../diagram/layout';
import type { Scene } from '../diagram/scene';
import { boxesOf, boxKindOf, buildScene, edgeKindOf, edgesOf, resolveBoxStyle } from '../diagram/scene';
import { routeScene } from '../diagram/scene-routes';
import type { DiagramTheme, EdgeCategory, EdgeStyle, TgwEdgeStyle } from '../diagram/style';
import { EDGE_STYLES, TGW_ATTACHMENT_STYLES, TGW_PEERING_STYLES } from '../diagram/style';
import { fitText } from '../diagram/text-metrics';
import type { PeeringId } from '../model/ids';
import type { ExportDocument } from './export-document';
import { accountLabel, findAccount, formatTakenAt } from './labels';
import type { SvgBox, Xml, XmlPalette } from './svg-markup';
import { group, outline, stripe, text, xmlPalette } from './svg-markup';
import { xml, xmlAttr, xmlJoin, xmlNum, xmlText } from './syntax/xml';

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
  return writeSvg(buildScene(doc, layout, opts.theme ?? 'dark'));
}

/** The scene as an SVG image. */
export function writeSvg(scene: Scene): SvgImage {
  const { doc } = scene;
  const p = xmlPalette(scene.palette);
  const cards = boxesOf(scene, 'vpc');
  const conflicted = cards.filter((c) => c.conflicted).length;
  const external = cards.some((c) => c.external);

  // Geometry first, in layout coordinates, so the canvas can grow to hold bent edges and labels.
  const routed = routeScene(scene);
  const extents: Rect[] = [...scene.boxes, ...routed.map((r) => r.label), ...routed.map((r) => r.bounds)];
  const minX = Math.min(0, ...extents.map((b) => b.x - 8));
  const minY = Math.min(0, ...extents.map((b) => b.y - 8));
  const diagramWidth = Math.max(320, ...extents.map((b) => b.x + b.width + 8 - minX));
  const diagramHeight = Math.max(160, ...extents.map((b) => b.y + b.height + 8 - minY));

  const looks = edgesOf(scene, 'peering').map((e) => e.look);
  const tgwLooks = [...edgesOf(scene, 'tgw-attachment'), ...edgesOf(scene, 'tgw-peering')].map((e) => e.look);
  const hubs = boxesOf(scene, 'tgw');
  const tgwRows = tgwLegendRows(tgwLooks, hubs.length > 0, hubs.some((h) => h.unread));
  const legendHeight = legendSize(looks.map((l) => l.category), conflicted > 0, external) + tgwRows * LEGEND_ROW;
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
    xml`<defs>${xmlJoin(Object.values(EDGE_KINDS).flatMap((k) => k.svg.defs(p)), xml``)}</defs>`,
    xml`<rect x="0" y="0" width="${width}" height="${height}" fill="${p.bg}"/>`,
  );
  out.push(header(scene, p, width - 2 * MARGIN, conflicted));

  out.push(xml`<g transform="translate(${xmlNum(ox)} ${xmlNum(oy)})">`);
  // Frames under the edges, cards over them, labels over everything; each layer kind by kind.
  out.push(...boxLayer(scene, 'under-edges', p));
  out.push(...routed.map((r) => edgeKindOf(r.edge).svg.line(r, p)));
  out.push(...boxLayer(scene, 'over-edges', p));
  out.push(...routed.map((r) => edgeKindOf(r.edge).svg.label(r, p)));
  out.push(xml`</g>`);

  out.push(legend(scene, p, MARGIN + diagramWidth + GAP, MARGIN + HEADER_HEIGHT + GAP, looks, conflicted > 0, external, tgwLooks, legendHeight));
  out.push(xml`</svg>`);
  return { svg: xml`${xmlJoin(out, xml`\n`)}\n`, width, height };
}

function header(scene: Scene, p: XmlPalette, width: number, conflictedVpcs: number): Xml {
  const { doc } = scene;
  const peerings = edgesOf(scene, 'peering');
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
        `${plural(doc.accountIds.length, 'account')} · ${plural(doc.regions.length, 'region')} · ${plural(doc.topology.vpcs.length, 'VPC')} · ${plural(doc.topology.peerings.length, 'peering')}${doc.topology.transitGateways.length > 0 ? ` · ${plural(doc.topology.transitGateways.length, 'transit gateway')}` : ''} · snapshot ${formatTakenAt(doc.takenAt)}`,
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
  const active = peerings.filter((e) => e.peering.status === 'active');
  const incomplete = active.filter((e) => e.look.category === 'active-partial' || e.look.category === 'active-none').length;
  const pending = peerings.filter((e) => e.look.category === 'pending').length;
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

/** The boxes of one layer, kind by kind in the registry's order, each kind's in scene order. */
function boxLayer(scene: Scene, layer: SvgBox<unknown>['layer'], p: XmlPalette): Xml[] {
  const out: Xml[] = [];
  for (const [kind, k] of Object.entries(BOX_KINDS)) {
    if (k.svg.layer !== layer) continue;
    for (const b of scene.boxes) if (b.kind === kind) out.push(boxKindOf(b).svg.draw(b, p));
  }
  return out;
}

const LEGEND_ROW = 24;

function legendSize(categories: readonly EdgeCategory[], conflicts: boolean, external: boolean): number {
  const rows = new Set(categories).size + 2 + (conflicts ? 1 : 0) + (external ? 1 : 0);
  return 48 + rows * LEGEND_ROW + 40;
}

/** How many legend rows the transit gateway parts take: one per look drawn, one for the hub, one for an unread hub. */
function tgwLegendRows(looks: readonly TgwEdgeStyle[], hubs: boolean, unread: boolean): number {
  return new Set(looks.map((l) => l.key)).size + (hubs ? 1 : 0) + (unread ? 1 : 0);
}

function legend(scene: Scene, p: XmlPalette, x: number, y: number, styles: readonly EdgeStyle[], conflicts: boolean, external: boolean, tgwLooks: readonly TgwEdgeStyle[], height: number): Xml {
  const counts = new Map<EdgeCategory, number>();
  for (const s of styles) counts.set(s.category, (counts.get(s.category) ?? 0) + 1);
  const present = EDGE_STYLES.filter((s) => counts.has(s.category));
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
  if (present.length === 0 && tgwLooks.length === 0) {
    parts.push(text(x + 18, ry, 'No peerings in this view', { size: 12, fill: p.muted }));
    ry += LEGEND_ROW;
  }
  // Transit gateway attachments (a square at the hub) and peerings (a double line), as drawn.
  const tgwCounts = new Map<string, number>();
  for (const l of tgwLooks) tgwCounts.set(l.key, (tgwCounts.get(l.key) ?? 0) + 1);
  for (const s of [...TGW_ATTACHMENT_STYLES, ...TGW_PEERING_STYLES]) {
    const n = tgwCounts.get(s.key);
    if (n === undefined) continue;
    const dash = s.dash ? xml` stroke-dasharray="${xmlAttr(s.dash)}"` : xml``;
    const peering = TGW_PEERING_STYLES.includes(s);
    parts.push(xml`<line x1="${x + 18}" y1="${ry - 4}" x2="${x + 56}" y2="${ry - 4}" stroke="${p[s.colour]}" stroke-width="${peering ? s.width + 2 : s.width}"${dash} stroke-linecap="round"/>`);
    if (peering) parts.push(xml`<line x1="${x + 18}" y1="${ry - 4}" x2="${x + 56}" y2="${ry - 4}" stroke="${p.bg}" stroke-width="1.25"${dash}/>`);
    parts.push(xml`<rect x="${x + 53}" y="${ry - 7.5}" width="7" height="7" rx="1.5" fill="${p[s.colour]}"/>`);
    parts.push(text(x + 70, ry, fitText(`${s.label} (${n})`, LEGEND_WIDTH - 84, 12), { size: 12, fill: p.text }));
    ry += LEGEND_ROW;
  }
  // The direction of a request, and what the boxes mean.
  parts.push(xml`<circle cx="${x + 21}" cy="${ry - 4}" r="3.5" fill="${p.muted}"/>`);
  parts.push(xml`<line x1="${x + 21}" y1="${ry - 4}" x2="${x + 52}" y2="${ry - 4}" stroke="${p.muted}" stroke-width="2"/>`);
  parts.push(xml`<path d="M${x + 50} ${ry - 9} L${x + 59} ${ry - 4} L${x + 50} ${ry + 1} z" fill="${p.muted}"/>`);
  parts.push(text(x + 70, ry, 'Requester → accepter', { size: 12, fill: p.text }));
  ry += LEGEND_ROW;
  // Cards as drawn, the first account's colour standing for every account's.
  const swatch = (name: 'vpc' | 'vpc-conflict' | 'vpc-external') => {
    const style = resolveBoxStyle(name, scene.theme, 0);
    return xml`${outline({ x: x + 22, y: ry - 14, width: 32, height: 18 }, { ...style, radius: 4 })}${stripe(x + 22, ry - 11, 12, style, 3)}`;
  };
  parts.push(swatch('vpc'));
  parts.push(text(x + 70, ry, 'VPC: name, id, CIDR blocks', { size: 12, fill: p.text }));
  ry += LEGEND_ROW;
  if (conflicts) {
    parts.push(swatch('vpc-conflict'));
    parts.push(text(x + 70, ry, 'VPC whose CIDRs overlap another', { size: 12, fill: p.text }));
    ry += LEGEND_ROW;
  }
  if (external) {
    parts.push(swatch('vpc-external'));
    parts.push(text(x + 70, ry, 'Peer VPC in an unscanned account', { size: 12, fill: p.text }));
    ry += LEGEND_ROW;
  }
  const hubs = boxesOf(scene, 'tgw');
  const hubSwatch = (name: 'tgw' | 'tgw-unread') => outline({ x: x + 22, y: ry - 14, width: 32, height: 18 }, { ...resolveBoxStyle(name, scene.theme, 0), radius: 9 });
  if (hubs.length > 0) {
    parts.push(hubSwatch('tgw'));
    parts.push(text(x + 70, ry, 'Transit gateway: name, id, VPN / DX count', { size: 12, fill: p.text }));
    ry += LEGEND_ROW;
  }
  if (hubs.some((h) => h.unread)) {
    parts.push(hubSwatch('tgw-unread'));
    parts.push(text(x + 70, ry, 'Transit gateway, routing not read', { size: 12, fill: p.text }));
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
