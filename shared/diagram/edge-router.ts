/** Where edges run between boxes and where their labels sit: one router for the canvas and the exported files.
 *
 * Pure geometry over plain boxes and edges in layout coordinates. Each edge is a quadratic curve
 * from one box's border to the other's; the router tries bends of growing size on both sides and
 * keeps the one through the fewest other cards, so an edge goes round a card it does not join
 * wherever one bend can. Their labels are placed by edge-labels.ts.
 *
 * The canvas passes its cards and frames from React Flow's node positions (and reroutes only
 * what a moved card can change, `previous`); the exports pass the scene's boxes
 * (scene-routes.ts). Rectangles are kept in grid buckets, so routing and placing N edges and
 * labels costs about N tests, not N².
 */
import type { Point, Rect } from './geometry';
import { quadraticAt } from './geometry';
import { grow, intersects, RectGrid } from './rect-grid';

/**
 * What routed edges keep off a box: all of it (edges bend round it and labels stay off it, as
 * for a card), or only its title band of that height (labels stay off it, as for a frame).
 */
export type KeepOff = 'whole' | { readonly titleBand: number };

/** A box to route around or between. */
export interface RouteBox extends Rect {
  readonly id: string;
  readonly keepOff: KeepOff;
}

/** An edge to route, from one box to another (by id). */
export interface RouteEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

/** An edge's route: a quadratic curve from the border of the box it starts at to the border of the box it ends at. */
export interface EdgeCurve {
  /** The ids of the boxes it joins. */
  readonly from: string;
  readonly to: string;
  readonly start: Point;
  readonly ctrl: Point;
  readonly end: Point;
  /** Box around the sampled curve. */
  readonly bounds: Rect;
  /** Unit normal of the chord, pointing to the side the curve bends to. */
  readonly normal: Point;
  /** How many other cards the curve still runs through (0 unless no bend could avoid them). */
  readonly crossings: number;
  /** Box around every curve tried for this edge: only a card moving into or out of it can change the route. */
  readonly searched: Rect;
}

/** Options of `routeCurves`. */
export interface RouteOptions {
  /** How far outside a box's border an edge ends (the canvas leaves room for its end dots). */
  readonly endGap?: number;
  /**
   * The boxes and curves of the last routing of the same edges: an edge whose ends did not move
   * and whose tried curves no moved card enters keeps its curve (the result is the same as a
   * full routing, at the cost of the edges a move can change).
   */
  readonly previous?: { readonly boxes: ReadonlyMap<string, Rect>; readonly curves: ReadonlyMap<string, EdgeCurve> };
}

/** How far around a card a curve counts as running through it. */
const CARD_MARGIN = 8;
/** Every edge routed, by id: curves around the cards they do not join. Edges whose boxes are missing are left out. */
export function routeCurves(boxes: readonly RouteBox[], edges: readonly RouteEdge[], opts: RouteOptions = {}): Map<string, EdgeCurve> {
  const boxById = new Map(boxes.map((b) => [b.id, b]));
  const cards = new RectGrid<RouteBox>(200);
  for (const b of boxes) if (b.keepOff === 'whole') cards.add(b, CARD_MARGIN);
  const moved = opts.previous ? movedRects(opts.previous.boxes, boxes) : undefined;
  const gap = opts.endGap ?? 0;
  const out = new Map<string, EdgeCurve>();
  for (const e of edges) {
    const a = boxById.get(e.from);
    const b = boxById.get(e.to);
    if (!a || !b) continue;
    const before = opts.previous?.curves.get(e.id);
    if (before && moved && before.from === e.from && before.to === e.to && !moved.ids.has(e.from) && !moved.ids.has(e.to) && !moved.rects.some((r) => intersects(r, before.searched))) {
      out.set(e.id, before);
      continue;
    }
    out.set(e.id, routeEdge(e.id, a, b, cards, gap));
  }
  return out;
}

/** Boxes that moved, appeared or went since `before`, with their old and new rectangles (grown by the card margin). */
function movedRects(before: ReadonlyMap<string, Rect>, boxes: readonly RouteBox[]): { ids: Set<string>; rects: Rect[] } {
  const ids = new Set<string>();
  const rects: Rect[] = [];
  const seen = new Set<string>();
  for (const b of boxes) {
    seen.add(b.id);
    const old = before.get(b.id);
    if (old && old.x === b.x && old.y === b.y && old.width === b.width && old.height === b.height) continue;
    ids.add(b.id);
    if (b.keepOff === 'whole') rects.push(grow(b, CARD_MARGIN));
    if (old) rects.push(grow(old, CARD_MARGIN));
  }
  for (const [id, old] of before) {
    if (seen.has(id)) continue;
    ids.add(id);
    rects.push(grow(old, CARD_MARGIN));
  }
  return { ids, rects };
}

/**
 * How many cards a curve runs through (sampled every few pixels), besides its own two; counting
 * stops past `cap` (a curve through more cards than the best so far cannot win). Grows `box` to
 * hold every point sampled.
 */
function countHits(cards: RectGrid<RouteBox>, at: (t: number) => Point, samples: number, skip: readonly string[], cap: number, box: { x0: number; y0: number; x1: number; y1: number }): number {
  const hit = new Set<string>();
  for (let i = 1; i < samples && hit.size <= cap; i++) {
    const pt = at(i / samples);
    if (pt.x < box.x0) box.x0 = pt.x;
    if (pt.y < box.y0) box.y0 = pt.y;
    if (pt.x > box.x1) box.x1 = pt.x;
    if (pt.y > box.y1) box.y1 = pt.y;
    cards.some({ x: pt.x, y: pt.y, width: 0, height: 0 }, (b) => {
      if (b.id !== skip[0] && b.id !== skip[1] && pt.x > b.x - CARD_MARGIN && pt.x < b.x + b.width + CARD_MARGIN && pt.y > b.y - CARD_MARGIN && pt.y < b.y + b.height + CARD_MARGIN) hit.add(b.id);
      return false;
    });
  }
  return hit.size;
}

/** Bends tried, in pixels of the control point's offset from the chord's middle. */
const BENDS = [120, 200, 300, 420, 560];
/** Where along the chord a bend's control point sits, as a shift from the middle (a fraction of the chord). */
const SHIFTS = [0, -0.2, 0.2, -0.35, 0.35];
/** An edge whose centred bend still runs through more cards than this is not tried with shifted ones (few would clear it, at a high cost in a large network). */
const SHIFT_WORTH = 2;

/**
 * A curve from box `a` to box `b`.
 *
 * Tries a gentle bend first, on a side chosen by a stable hash of the edge's id (so crossing
 * edges fan apart), then wider bends on both sides, and keeps the first that runs through no
 * other card, else the one through the fewest.
 */
function routeEdge(id: string, a: Rect & { id: string }, b: Rect & { id: string }, cards: RectGrid<RouteBox>, gap: number): EdgeCurve {
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  const len = Math.hypot(dx, dy) || 1;
  // Dense enough that a card (over 100 px each way) is never stepped over.
  const samples = Math.max(32, Math.ceil(len / 40));
  const sign = hash(id) % 2 === 0 ? 1 : -1;
  const skip = [a.id, b.id];
  const tried = { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
  let best: { start: Point; ctrl: Point; end: Point; hits: number; score: number; side: number } | undefined;
  search: for (const magnitude of [Math.min(70, len * 0.14), ...BENDS]) {
    // The bend's top in the middle first, then nearer either end (round a card near one end).
    for (const shift of SHIFTS) {
      // Only an edge that a centred bend nearly clears is worth the shifted ones.
      if (shift !== 0 && best && best.hits > SHIFT_WORTH) break;
      for (const side of [sign, -sign]) {
        const bend = magnitude * side;
        const mx = ca.x + dx * (0.5 + shift);
        const my = ca.y + dy * (0.5 + shift);
        const ctrl = { x: mx - (dy / len) * bend, y: my + (dx / len) * bend };
        const start = borderPoint(a, ctrl, gap);
        const end = borderPoint(b, ctrl, gap);
        const hits = countHits(cards, (t) => quadraticAt(start, ctrl, end, t), samples, skip, best?.hits ?? Infinity, tried);
        const score = hits * 1000 + magnitude + Math.abs(shift) * 100;
        if (!best || score < best.score) best = { start, ctrl, end, hits, score, side };
        // Candidates come in order of score among curves through no card: the first clear one wins.
        if (hits === 0) break search;
      }
    }
  }
  const { start, ctrl, end, side, hits } = best!;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= 16; i++) {
    const q = quadraticAt(start, ctrl, end, i / 16);
    xs.push(q.x);
    ys.push(q.y);
  }
  const bounds = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  const searched = { x: tried.x0, y: tried.y0, width: tried.x1 - tried.x0, height: tried.y1 - tried.y0 };
  return { from: a.id, to: b.id, start, ctrl, end, bounds, normal: { x: (-dy / len) * side, y: (dx / len) * side }, crossings: hits, searched };
}

/** Where the line from the box's centre towards `toward` leaves the box grown by `gap`. */
function borderPoint(b: Rect, toward: Point, gap: number): Point {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: b.y - gap };
  const sx = dx === 0 ? Infinity : (b.width / 2 + gap) / Math.abs(dx);
  const sy = dy === 0 ? Infinity : (b.height / 2 + gap) / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: cx + dx * s, y: cy + dy * s };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
