/** Peering edges of the SVG export: curves routed around VPC boxes, and labels kept off cards and one another. */
import type { LaidOutBox } from '../diagram/layout';
import type { Peering } from '../model/topology';
import type { EdgeStyle } from '../diagram/style';
import { peeringRouteState } from '../diagram/style';
import type { ExportDocument } from './export-document';
import { routeStateWords } from './labels';
import type { Rect, Xml, XmlPalette } from './svg-markup';
import { text } from './svg-markup';
import { xml, xmlAttr, xmlJoin, xmlNum } from './syntax/xml';
import { estimateTextWidth } from '../diagram/text-metrics';

/** A drawn edge: its markup and geometry. */
export interface DrawnEdge {
  readonly path: Xml;
  /** Box around the sampled curve. */
  readonly bounds: Rect;
  /** Unit normal of the chord, pointing to the side the curve bends to. */
  readonly normal: { x: number; y: number };
  /** Point on the curve at parameter t. */
  readonly at: (t: number) => { x: number; y: number };
}

/** Boxes an edge should not run through, bucketed on a coarse grid so each test is cheap. */
export interface Obstacles {
  readonly cell: number;
  readonly buckets: ReadonlyMap<string, readonly LaidOutBox[]>;
}

/** The VPC boxes on a coarse grid, for `edgePath`. */
export function indexObstacles(boxes: readonly LaidOutBox[]): Obstacles {
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
export function edgePath(pc: Peering, style: EdgeStyle, boxById: ReadonlyMap<string, LaidOutBox>, p: XmlPalette, obstacles: Obstacles): DrawnEdge {
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
  const dash = style.dash ? xml` stroke-dasharray="${xmlAttr(style.dash)}"` : xml``;
  const d = xml`M${xmlNum(start.x)} ${xmlNum(start.y)} Q${xmlNum(ctrl.x)} ${xmlNum(ctrl.y)} ${xmlNum(end.x)} ${xmlNum(end.y)}`;
  const path = xmlJoin([
    xml`<g data-peering="${xmlAttr(pc.id)}">`,
    xml`<path d="${d}" fill="none" stroke="${p.bg}" stroke-width="${style.width + 4}" stroke-linecap="round" opacity="0.85"/>`,
    xml`<path d="${d}" fill="none" stroke="${p[style.colour]}" stroke-width="${style.width}"${dash} stroke-linecap="round" marker-end="url(#arrow-${xmlAttr(style.category)})"/>`,
    xml`<circle cx="${xmlNum(start.x)}" cy="${xmlNum(start.y)}" r="3.5" fill="${p[style.colour]}"/>`,
    xml`</g>`], xml``);
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

export function edgeLabel(pc: Peering, style: EdgeStyle, drawn: DrawnEdge, p: XmlPalette, placed: Rect[], cards: readonly Rect[], doc: ExportDocument): { markup: Xml; rect: Rect } {
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
      ? xml`<line x1="${xmlNum(spot.anchor.x)}" y1="${xmlNum(spot.anchor.y)}" x2="${xmlNum(lead.x)}" y2="${xmlNum(lead.y)}" stroke="${colour}" stroke-width="1" stroke-dasharray="2 3" opacity="0.8"/>`
      : xml``;
  const markup = xmlJoin(
    [
      xml`<g data-label="${xmlAttr(pc.id)}">`,
      xml`<rect x="${xmlNum(r.x)}" y="${xmlNum(r.y)}" width="${xmlNum(r.width)}" height="${h}" rx="7" fill="${p.panel}" stroke="${colour}" stroke-width="1.25"/>`,
      text(r.x + r.width / 2, r.y + 14.5, line1, { size: 11, fill: p.text, mono: true, anchor: 'middle' }),
      text(r.x + r.width / 2, r.y + 28, line2, { size: 10.5, fill: colour, weight: 600, anchor: 'middle' }),
      leader,
      xml`</g>`,
    ],
    xml``,
  );
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

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
