/** The topology as a standalone SVG image: title block, legend, frames, VPC boxes and peering edges.
 *
 * An SVG writer over a `DiagramLayout`, with no DOM, so the CLI makes images without a browser
 * window (PNG is this SVG rasterised, see electron/export/render-png.ts). Presentation
 * attributes only (no CSS, no remote fonts), so every SVG consumer, resvg included, draws it alike.
 */
import type { LaidOutBox, DiagramLayout } from '../layout/diagram-layout';
import { accountBoxId } from '../layout/diagram-layout';
import type { PeeringId, VpcId } from '../model/ids';
import type { Peering, Vpc } from '../model/topology';
import type { DiagramPalette, DiagramTheme, EdgeCategory, EdgeStyle } from './diagram-style';
import { EDGE_STYLES, FONT_MONO, FONT_SANS, PALETTES, peeringEdgeStyle, peeringRouteState } from './diagram-style';
import type { ExportDocument } from './export-document';
import { accountLabel, findAccount, formatTakenAt, routeStateWords, vpcCidrs, vpcTitle } from './labels';
import { escapeXml, estimateTextWidth, fitText, num } from './text-metrics';

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
  const p = PALETTES[theme];
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

  const out: string[] = [];
  const summary = `${doc.topology.vpcs.length} VPCs and ${doc.topology.peerings.length} peerings in ${doc.accountIds.length} accounts and ${doc.regions.length} regions, snapshot ${formatTakenAt(doc.takenAt)}`;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="ps-title ps-desc">`,
    `<title id="ps-title">${escapeXml(`VPC peering: ${doc.title}`)}</title>`,
    `<desc id="ps-desc">${escapeXml(summary)}</desc>`,
    `<defs>${EDGE_STYLES.map((s) => marker(s, p)).join('')}</defs>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${p.bg}"/>`,
  );
  out.push(header(doc, p, width - 2 * MARGIN, edges, conflicted.size));

  out.push(`<g transform="translate(${num(ox)} ${num(oy)})">`);
  for (const b of boxes.filter((x) => x.kind === 'account')) out.push(accountFrame(doc, b, p));
  for (const b of boxes.filter((x) => x.kind === 'region')) out.push(regionFrame(b, p));
  out.push(...drawn.map((d) => d.path));
  for (const b of vpcBoxes) {
    const v = vpcById.get(b.id as VpcId)!;
    out.push(vpcBox(v, b, p, conflicted.has(v.id), doc.externalVpcIds.has(v.id)));
  }
  out.push(...labels.map((l) => l.markup));
  out.push('</g>');

  out.push(legend(p, MARGIN + diagramWidth + GAP, MARGIN + HEADER_HEIGHT + GAP, edges.map((e) => e.style), conflicted.size > 0, doc.externalVpcIds.size > 0));
  out.push('</svg>');
  return { svg: out.join('\n') + '\n', width, height };
}

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function text(x: number, y: number, s: string, attrs: { size: number; fill: string; mono?: boolean; weight?: number; anchor?: 'start' | 'middle' | 'end'; spacing?: number }): string {
  const anchor = attrs.anchor && attrs.anchor !== 'start' ? ` text-anchor="${attrs.anchor}"` : '';
  const weight = attrs.weight ? ` font-weight="${attrs.weight}"` : '';
  const spacing = attrs.spacing ? ` letter-spacing="${attrs.spacing}"` : '';
  return `<text x="${num(x)}" y="${num(y)}" font-family="${escapeXml(attrs.mono ? FONT_MONO : FONT_SANS)}" font-size="${attrs.size}"${weight}${spacing}${anchor} fill="${attrs.fill}">${escapeXml(s)}</text>`;
}

function header(doc: ExportDocument, p: DiagramPalette, width: number, edges: readonly { peering: Peering; style: EdgeStyle }[], conflictedVpcs: number): string {
  const x = MARGIN;
  const y = MARGIN;
  const findingsWidth = 330;
  const textWidth = width - findingsWidth - 48;
  const accounts = doc.accountIds.map((id) => accountLabel(findAccount(doc, id), id));
  const lines = [
    `<rect x="${x}" y="${y}" width="${num(width)}" height="${HEADER_HEIGHT}" rx="12" fill="${p.panel}" stroke="${p.border}"/>`,
    `<rect x="${x + 20}" y="${y + 20}" width="14" height="14" rx="4" fill="${p.accent}"/>`,
    `<rect x="${x + 25}" y="${y + 25}" width="9" height="9" rx="2.5" fill="${p.ok}"/>`,
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
  const findings: [string, string][] = [
    [doc.analysis.cidrConflicts.length > 0 ? p.bad : p.ok, `${plural(doc.analysis.cidrConflicts.length, 'CIDR conflict')} (${plural(conflictedVpcs, 'VPC')})`],
    [incomplete > 0 ? p.warn : p.ok, `${incomplete} of ${active.length} active ${active.length === 1 ? 'peering' : 'peerings'} with missing routes`],
    [doc.analysis.nonTransitivePairs.length > 0 ? p.warn : p.ok, `${plural(doc.analysis.nonTransitivePairs.length, 'non-transitive pair')}`],
    [pending > 0 ? p.pending : p.muted, `${plural(pending, 'peering')} awaiting acceptance`],
  ];
  lines.push(`<line x1="${fx - 20}" y1="${y + 18}" x2="${fx - 20}" y2="${y + HEADER_HEIGHT - 18}" stroke="${p.border}"/>`);
  lines.push(text(fx, y + 32, 'FINDINGS', { size: 11, fill: p.muted, weight: 600, spacing: 1.2 }));
  findings.forEach(([colour, words], i) => {
    const ly = y + 58 + i * 21;
    lines.push(`<circle cx="${fx + 5}" cy="${ly - 4}" r="4.5" fill="${colour}"/>`);
    lines.push(text(fx + 18, ly, fitText(words, findingsWidth - 20, 13), { size: 13, fill: p.text }));
  });
  return `<g>${lines.join('')}</g>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function accountFrame(doc: ExportDocument, b: LaidOutBox, p: DiagramPalette): string {
  const id = b.id.slice('account:'.length);
  const account = findAccount(doc, id);
  const name = account?.alias ?? (doc.topology.vpcs.some((v) => v.accountId === id && !doc.externalVpcIds.has(v.id)) ? 'Account' : 'Not scanned');
  const maxWidth = b.width - 28;
  const nameText = fitText(name, maxWidth * 0.6, 14, { bold: true });
  const nameWidth = estimateTextWidth(nameText, 14, { bold: true });
  return (
    `<g>` +
    `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="14" fill="${p.panel}" stroke="${p.border}" stroke-width="1.5"/>` +
    text(b.x + 16, b.y + 25, nameText, { size: 14, fill: p.text, weight: 650 }) +
    text(b.x + 16 + nameWidth + 10, b.y + 25, fitText(id, maxWidth - nameWidth - 10, 12, { mono: true }), { size: 12, fill: p.muted, mono: true }) +
    `</g>`
  );
}

function regionFrame(b: LaidOutBox, p: DiagramPalette): string {
  const region = b.id.slice(b.id.indexOf('/') + 1);
  return (
    `<g>` +
    `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="10" fill="${p.panel2}" stroke="${p.border}" stroke-dasharray="5 4"/>` +
    `<circle cx="${num(b.x + 16)}" cy="${num(b.y + 16)}" r="4" fill="none" stroke="${p.accent2}" stroke-width="1.5"/>` +
    text(b.x + 26, b.y + 20, fitText(region, b.width - 40, 12, { bold: true }), { size: 12, fill: p.muted, weight: 600 }) +
    `</g>`
  );
}

function vpcBox(v: Vpc, b: LaidOutBox, p: DiagramPalette, conflicted: boolean, external: boolean): string {
  const stripe = conflicted ? p.bad : external ? p.muted : p.accent;
  const inner = b.width - 28;
  const parts = [
    `<rect x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="8" fill="${p.bg}" stroke="${conflicted ? p.bad : p.border}" stroke-width="${conflicted ? 1.5 : 1}"${external ? ' stroke-dasharray="4 3"' : ''}/>`,
    `<rect x="${num(b.x)}" y="${num(b.y + 6)}" width="4" height="${num(Math.max(b.height - 12, 4))}" rx="2" fill="${stripe}"/>`,
  ];
  const title = external ? v.id : vpcTitle(v);
  let badge = '';
  if (conflicted || external) {
    const words = conflicted ? 'CIDR overlap' : 'peer only';
    const bw = estimateTextWidth(words, 10, { bold: true }) + 12;
    badge =
      `<rect x="${num(b.x + b.width - 10 - bw)}" y="${num(b.y + 8)}" width="${num(bw)}" height="16" rx="8" fill="${conflicted ? p.bad : p.panel2}" fill-opacity="${conflicted ? 0.18 : 1}" stroke="${conflicted ? p.bad : p.border}"/>` +
      text(b.x + b.width - 10 - bw / 2, b.y + 19.5, words, { size: 10, fill: conflicted ? p.bad : p.muted, weight: 600, anchor: 'middle' });
    parts.push(badge);
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
  return `<g data-vpc="${escapeXml(v.id)}">${parts.join('')}</g>`;
}

interface DrawnEdge {
  readonly path: string;
  /** Box around the sampled curve. */
  readonly bounds: Rect;
  /** Unit normal of the chord, pointing to the side the curve bends to. */
  readonly normal: { x: number; y: number };
  /** Point on the curve at parameter t. */
  readonly at: (t: number) => { x: number; y: number };
}

function marker(s: EdgeStyle, p: DiagramPalette): string {
  return `<marker id="arrow-${s.category}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0 L10 5 L0 10 z" fill="${p[s.colour]}"/></marker>`;
}

/** Boxes an edge should not run through, bucketed on a coarse grid so each test is cheap. */
interface Obstacles {
  readonly cell: number;
  readonly buckets: ReadonlyMap<string, readonly LaidOutBox[]>;
}

function indexObstacles(boxes: readonly LaidOutBox[]): Obstacles {
  const cell = 200;
  const buckets = new Map<string, LaidOutBox[]>();
  for (const b of boxes) {
    for (let gx = Math.floor(b.x / cell); gx <= Math.floor((b.x + b.width) / cell); gx++) {
      for (let gy = Math.floor(b.y / cell); gy <= Math.floor((b.y + b.height) / cell); gy++) {
        const key = `${gx},${gy}`;
        const list = buckets.get(key);
        if (list) list.push(b);
        else buckets.set(key, [b]);
      }
    }
  }
  return { cell, buckets };
}

/** How many other VPC boxes a curve runs through (sampled), so the router can pick the clearest bend. */
function countHits(obstacles: Obstacles, at: (t: number) => { x: number; y: number }, skip: ReadonlySet<string>): number {
  const hit = new Set<string>();
  for (let i = 1; i < 32; i++) {
    const pt = at(i / 32);
    const list = obstacles.buckets.get(`${Math.floor(pt.x / obstacles.cell)},${Math.floor(pt.y / obstacles.cell)}`) ?? [];
    for (const b of list) {
      if (skip.has(b.id) || hit.has(b.id)) continue;
      if (pt.x > b.x - 8 && pt.x < b.x + b.width + 8 && pt.y > b.y - 8 && pt.y < b.y + b.height + 8) hit.add(b.id);
    }
  }
  return hit.size;
}

function quadratic(start: { x: number; y: number }, ctrl: { x: number; y: number }, end: { x: number; y: number }) {
  return (t: number) => ({
    x: (1 - t) * (1 - t) * start.x + 2 * (1 - t) * t * ctrl.x + t * t * end.x,
    y: (1 - t) * (1 - t) * start.y + 2 * (1 - t) * t * ctrl.y + t * t * end.y,
  });
}

/**
 * A curve from the requester's box to the accepter's, ending with an arrow at the accepter.
 *
 * Tries a gentle bend first, on a side chosen by a stable hash of the pcx id (so crossing
 * edges fan apart), then wider bends on both sides, and keeps the one that runs through the
 * fewest other VPC boxes.
 */
function edgePath(pc: Peering, style: EdgeStyle, boxById: ReadonlyMap<string, LaidOutBox>, p: DiagramPalette, obstacles: Obstacles): DrawnEdge {
  const a = boxById.get(pc.requester.vpcId)!;
  const b = boxById.get(pc.accepter.vpcId)!;
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  const len = Math.hypot(dx, dy) || 1;
  const sign = hash(pc.id) % 2 === 0 ? 1 : -1;
  const skip = new Set([a.id, b.id]);
  let best: { start: { x: number; y: number }; ctrl: { x: number; y: number }; end: { x: number; y: number }; score: number; side: number } | undefined;
  for (const magnitude of [Math.min(70, len * 0.14), 120, 200, 300, 420, 560]) {
    for (const side of [sign, -sign]) {
      const bend = magnitude * side;
      const ctrl = { x: (ca.x + cb.x) / 2 - (dy / len) * bend, y: (ca.y + cb.y) / 2 + (dx / len) * bend };
      const start = borderPoint(a, ctrl);
      const end = borderPoint(b, ctrl);
      const score = countHits(obstacles, quadratic(start, ctrl, end), skip) * 1000 + magnitude;
      if (!best || score < best.score) best = { start, ctrl, end, score, side };
    }
    if (best && best.score < 1000) break;
  }
  const { start, ctrl, end, side } = best!;
  const at = quadratic(start, ctrl, end);
  const samples = Array.from({ length: 17 }, (_, i) => at(i / 16));
  const xs = samples.map((q) => q.x);
  const ys = samples.map((q) => q.y);
  const bounds = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  const normal = { x: (-dy / len) * side, y: (dx / len) * side };
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const d = `M${num(start.x)} ${num(start.y)} Q${num(ctrl.x)} ${num(ctrl.y)} ${num(end.x)} ${num(end.y)}`;
  const path =
    `<g data-peering="${escapeXml(pc.id)}">` +
    `<path d="${d}" fill="none" stroke="${p.bg}" stroke-width="${style.width + 4}" stroke-linecap="round" opacity="0.85"/>` +
    `<path d="${d}" fill="none" stroke="${p[style.colour]}" stroke-width="${style.width}"${dash} stroke-linecap="round" marker-end="url(#arrow-${style.category})"/>` +
    `<circle cx="${num(start.x)}" cy="${num(start.y)}" r="3.5" fill="${p[style.colour]}"/>` +
    `</g>`;
  return { path, at, bounds, normal };
}

/** Where the line from the box's centre towards `toward` leaves the box. */
function borderPoint(b: LaidOutBox, toward: { x: number; y: number }): { x: number; y: number } {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: b.y };
  const sx = dx === 0 ? Infinity : b.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : b.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

function edgeLabel(pc: Peering, style: EdgeStyle, drawn: DrawnEdge, p: DiagramPalette, placed: Rect[], cards: readonly Rect[], doc: ExportDocument): { markup: string; rect: Rect } {
  const routes = peeringRouteState(doc.analysis.routeCompleteness.get(pc.id));
  const line1 = pc.id;
  const line2 = pc.status === 'active' ? `active · routes ${routeStateWords(routes)}` : pc.status;
  const w = Math.max(estimateTextWidth(line1, 11, { mono: true }), estimateTextWidth(line2, 10.5)) + 16;
  const h = 34;
  // On the line, from the middle outwards; then beside it (a short edge would vanish under
  // its own label), on the outside of the bend first, stepping further out until clear of the
  // cards around: a label over a card hides its name.
  const ts = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
  const onLine = ts.map((t) => {
    const c = drawn.at(t);
    return labelSpot(c, c, w, h);
  });
  const reach = Math.abs(drawn.normal.x) * (w / 2) + Math.abs(drawn.normal.y) * (h / 2) + 10;
  const beside: LabelSpot[] = [];
  for (const step of [1, 2, 3, 4, 5, 6]) {
    for (const side of [1, -1]) {
      for (const t of ts.slice(0, 5)) {
        const c = drawn.at(t);
        beside.push(labelSpot({ x: c.x + drawn.normal.x * reach * step * side, y: c.y + drawn.normal.y * reach * step * side }, c, w, h));
      }
    }
  }
  const chord = Math.hypot(drawn.at(1).x - drawn.at(0).x, drawn.at(1).y - drawn.at(0).y);
  const order = chord < w + 60 ? [...beside, ...onLine] : [...onLine, ...beside];
  // The first free spot; when none is free, the one covering the least, a card counting most.
  const cost = (q: LabelSpot) => overlapArea(cards, q.rect) * 10 + overlapArea(placed, q.rect);
  const spot = order.find((q) => !placed.some((o) => overlaps(o, q.rect))) ?? order.reduce((best, q) => (cost(q) < cost(best) ? q : best), order[0]!);
  const r = spot.rect;
  placed.push(r);
  const colour = p[style.colour];
  // A label set away from its line points back to it.
  const lead = nearestOnRect(r, spot.anchor);
  const leader =
    Math.hypot(lead.x - spot.anchor.x, lead.y - spot.anchor.y) > 12
      ? `<line x1="${num(spot.anchor.x)}" y1="${num(spot.anchor.y)}" x2="${num(lead.x)}" y2="${num(lead.y)}" stroke="${colour}" stroke-width="1" stroke-dasharray="2 3" opacity="0.8"/>`
      : '';
  const markup =
    `<g data-label="${escapeXml(pc.id)}">` +
    `<rect x="${num(r.x)}" y="${num(r.y)}" width="${num(r.width)}" height="${h}" rx="7" fill="${p.panel}" stroke="${colour}" stroke-width="1.25"/>` +
    text(r.x + r.width / 2, r.y + 14.5, line1, { size: 11, fill: p.text, mono: true, anchor: 'middle' }) +
    text(r.x + r.width / 2, r.y + 28, line2, { size: 10.5, fill: colour, weight: 600, anchor: 'middle' }) +
    leader +
    `</g>`;
  return { markup, rect: r };
}

/** A place for a label: its box, centred on a point, and the point of the line it labels. */
interface LabelSpot {
  readonly rect: Rect;
  readonly anchor: { readonly x: number; readonly y: number };
}

function labelSpot(centre: { x: number; y: number }, anchor: { x: number; y: number }, w: number, h: number): LabelSpot {
  return { rect: { x: centre.x - w / 2, y: centre.y - h / 2, width: w, height: h }, anchor };
}

/** The point of `r`'s border nearest to `q` (outside it). */
function nearestOnRect(r: Rect, q: { x: number; y: number }): { x: number; y: number } {
  return { x: Math.min(Math.max(q.x, r.x), r.x + r.width), y: Math.min(Math.max(q.y, r.y), r.y + r.height) };
}

function overlapArea(placed: readonly Rect[], r: Rect): number {
  let area = 0;
  for (const o of placed) {
    const w = Math.min(o.x + o.width, r.x + r.width) - Math.max(o.x, r.x);
    const h = Math.min(o.y + o.height, r.y + r.height) - Math.max(o.y, r.y);
    if (w > 0 && h > 0) area += w * h;
  }
  return area;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width + 4 && b.x < a.x + a.width + 4 && a.y < b.y + b.height + 4 && b.y < a.y + a.height + 4;
}

const LEGEND_ROW = 24;

function legendSize(categories: readonly EdgeCategory[], conflicts: boolean, external: boolean): number {
  const rows = new Set(categories).size + 2 + (conflicts ? 1 : 0) + (external ? 1 : 0);
  return 48 + rows * LEGEND_ROW + 40;
}

function legend(p: DiagramPalette, x: number, y: number, styles: readonly EdgeStyle[], conflicts: boolean, external: boolean): string {
  const counts = new Map<EdgeCategory, number>();
  for (const s of styles) counts.set(s.category, (counts.get(s.category) ?? 0) + 1);
  const present = EDGE_STYLES.filter((s) => counts.has(s.category));
  const height = legendSize([...counts.keys()], conflicts, external);
  const parts = [
    `<rect x="${x}" y="${y}" width="${LEGEND_WIDTH}" height="${height}" rx="12" fill="${p.panel}" stroke="${p.border}"/>`,
    text(x + 18, y + 28, 'LEGEND', { size: 11, fill: p.muted, weight: 600, spacing: 1.2 }),
  ];
  let ry = y + 52;
  for (const s of present) {
    const dash = s.dash ? ` stroke-dasharray="${s.dash}"` : '';
    parts.push(`<line x1="${x + 18}" y1="${ry - 4}" x2="${x + 58}" y2="${ry - 4}" stroke="${p[s.colour]}" stroke-width="${s.width}"${dash} stroke-linecap="round"/>`);
    parts.push(text(x + 70, ry, fitText(`${s.label} (${counts.get(s.category)})`, LEGEND_WIDTH - 84, 12), { size: 12, fill: p.text }));
    ry += LEGEND_ROW;
  }
  if (present.length === 0) {
    parts.push(text(x + 18, ry, 'No peerings in this view', { size: 12, fill: p.muted }));
    ry += LEGEND_ROW;
  }
  // The direction of a request, and what the boxes mean.
  parts.push(`<circle cx="${x + 21}" cy="${ry - 4}" r="3.5" fill="${p.muted}"/>`);
  parts.push(`<line x1="${x + 21}" y1="${ry - 4}" x2="${x + 52}" y2="${ry - 4}" stroke="${p.muted}" stroke-width="2"/>`);
  parts.push(`<path d="M${x + 50} ${ry - 9} L${x + 59} ${ry - 4} L${x + 50} ${ry + 1} z" fill="${p.muted}"/>`);
  parts.push(text(x + 70, ry, 'Requester → accepter', { size: 12, fill: p.text }));
  ry += LEGEND_ROW;
  const swatch = (stroke: string, stripe: string, dashed: boolean) =>
    `<rect x="${x + 22}" y="${ry - 14}" width="32" height="18" rx="4" fill="${p.bg}" stroke="${stroke}"${dashed ? ' stroke-dasharray="4 3"' : ''}/>` +
    `<rect x="${x + 22}" y="${ry - 11}" width="3" height="12" rx="1.5" fill="${stripe}"/>`;
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
  return `<g>${parts.join('')}</g>`;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The pcx ids drawn, in order (tests check every edge made it in). */
export function drawnPeeringIds(doc: ExportDocument, layout: DiagramLayout): readonly PeeringId[] {
  const ids = new Set(layout.boxes.map((b) => b.id));
  return doc.topology.peerings.filter((pc) => ids.has(pc.requester.vpcId) && ids.has(pc.accepter.vpcId) && pc.requester.vpcId !== pc.accepter.vpcId).map((pc) => pc.id);
}
