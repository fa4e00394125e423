/** Where edges run between boxes and where their labels sit: one router for the canvas and the exported files.
 *
 * Pure geometry over plain boxes and edges in layout coordinates. Each edge is a quadratic curve
 * from one box's border to the other's; the router tries bends of growing size on both sides and
 * keeps the one through the fewest other cards, so an edge goes round a card it does not join
 * wherever one bend can. Labels are then placed, in the order given, on their line or beside it,
 * off every card, every frame's title band and every label placed before.
 *
 * The canvas passes its cards and frames from React Flow's node positions (and reroutes only
 * what a moved card can change, `previous`); the exports pass the scene's boxes
 * (scene-routes.ts). Rectangles are kept in grid buckets, so routing and placing N edges and
 * labels costs about N tests, not N².
 */
import type { Point, Rect } from './geometry';
import { quadraticAt } from './geometry';

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

/** A label to place beside a routed edge: its edge's id and its size. */
export interface LabelRequest {
  readonly id: string;
  readonly width: number;
  readonly height: number;
}

/** A placed label. */
export interface LabelPlace {
  /** The label's box. */
  readonly rect: Rect;
  /** The point of the line the label belongs to; a label set away from it draws a leader. */
  readonly anchor: Point;
  /** True when the label sits far enough from its line to need a leader. */
  readonly leader: boolean;
  /** The end of a leader on the label's border. */
  readonly leaderEnd: Point;
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
/** Space kept between a label and anything else. */
const LABEL_GAP = 4;

/** Rectangles in grid buckets, for the tests of what a rectangle or point meets. */
export class RectGrid<T extends Rect = Rect> {
  private readonly buckets = new Map<number, number[]>();
  private readonly items: T[] = [];
  private stamps = new Uint32Array(64);
  private stamp = 0;

  constructor(private readonly cell = 256) {}

  private static key(gx: number, gy: number): number {
    // Coordinates of a diagram fit easily in ±2^20 cells.
    return (gx + 1_048_576) * 2_097_152 + (gy + 1_048_576);
  }

  /** Add `r`, `pad` counting as part of it. */
  add(r: T, pad = 0): void {
    const { cell } = this;
    const index = this.items.push(r) - 1;
    if (index >= this.stamps.length) {
      const grown = new Uint32Array(this.stamps.length * 2);
      grown.set(this.stamps);
      this.stamps = grown;
    }
    for (let gx = Math.floor((r.x - pad) / cell); gx <= Math.floor((r.x + r.width + pad) / cell); gx++) {
      for (let gy = Math.floor((r.y - pad) / cell); gy <= Math.floor((r.y + r.height + pad) / cell); gy++) {
        const key = RectGrid.key(gx, gy);
        const list = this.buckets.get(key);
        if (list) list.push(index);
        else this.buckets.set(key, [index]);
      }
    }
  }

  /** True when `test` holds for one of the rectangles in the buckets that `q` touches (each tested once). */
  some(q: Rect, test: (r: T) => boolean): boolean {
    const { cell } = this;
    const stamp = ++this.stamp;
    for (let gx = Math.floor(q.x / cell); gx <= Math.floor((q.x + q.width) / cell); gx++) {
      for (let gy = Math.floor(q.y / cell); gy <= Math.floor((q.y + q.height) / cell); gy++) {
        const list = this.buckets.get(RectGrid.key(gx, gy));
        if (!list) continue;
        for (const i of list) {
          if (this.stamps[i] === stamp) continue;
          this.stamps[i] = stamp;
          if (test(this.items[i]!)) return true;
        }
      }
    }
    return false;
  }

  /** The rectangles added in the buckets that `q` touches, each once. */
  near(q: Rect): T[] {
    const out: T[] = [];
    this.some(q, (r) => void out.push(r) as unknown as boolean);
    return out;
  }

  /** The rectangles added in the bucket of point `p`. */
  at(p: Point): readonly T[] {
    return (this.buckets.get(RectGrid.key(Math.floor(p.x / this.cell), Math.floor(p.y / this.cell))) ?? []).map((i) => this.items[i]!);
  }
}

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
  const grow = (r: Rect) => ({ x: r.x - CARD_MARGIN, y: r.y - CARD_MARGIN, width: r.width + 2 * CARD_MARGIN, height: r.height + 2 * CARD_MARGIN });
  const seen = new Set<string>();
  for (const b of boxes) {
    seen.add(b.id);
    const old = before.get(b.id);
    if (old && old.x === b.x && old.y === b.y && old.width === b.width && old.height === b.height) continue;
    ids.add(b.id);
    if (b.keepOff === 'whole') rects.push(grow(b));
    if (old) rects.push(grow(old));
  }
  for (const [id, old] of before) {
    if (seen.has(id)) continue;
    ids.add(id);
    rects.push(grow(old));
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

/** A place for a label: its box, centred on a point, and the point of the line it labels. */
interface LabelSpot {
  readonly rect: Rect;
  readonly anchor: Point;
}

function labelSpot(centre: Point, anchor: Point, w: number, h: number): LabelSpot {
  return { rect: { x: centre.x - w / 2, y: centre.y - h / 2, width: w, height: h }, anchor };
}

const ON_LINE = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];

/**
 * Labels placed in the order asked, by edge id: each on its line, from the middle outwards;
 * then beside it (a short edge would vanish under its own label), on the outside of the bend
 * first, stepping further out until clear. Clear means off every card, every frame's title band
 * and every label placed before: a label over a card hides its name. Only when nothing near is
 * clear does a label take the spot covering the least of the cards, then of the rest.
 */
export function placeLabels(boxes: readonly RouteBox[], curves: ReadonlyMap<string, EdgeCurve>, requests: readonly LabelRequest[]): Map<string, LabelPlace> {
  const cards = new RectGrid();
  const placed = new RectGrid();
  for (const b of boxes) {
    if (b.keepOff === 'whole') {
      cards.add(b);
      placed.add(b);
    } else {
      placed.add({ x: b.x, y: b.y, width: b.width, height: b.keepOff.titleBand });
    }
  }
  const out = new Map<string, LabelPlace>();
  for (const req of requests) {
    const curve = curves.get(req.id);
    if (!curve) continue;
    const spot = placeLabel(req, curve, placed, cards);
    placed.add(spot.rect);
    const leaderEnd = nearestOnRect(spot.rect, spot.anchor);
    const leader = Math.hypot(leaderEnd.x - spot.anchor.x, leaderEnd.y - spot.anchor.y) > 12;
    out.set(req.id, { rect: spot.rect, anchor: spot.anchor, leader, leaderEnd });
  }
  return out;
}

function placeLabel({ width: w, height: h }: LabelRequest, curve: EdgeCurve, placed: RectGrid, cards: RectGrid): LabelSpot {
  const at = (t: number) => quadraticAt(curve.start, curve.ctrl, curve.end, t);
  const onLine = ON_LINE.map((t) => {
    const c = at(t);
    return labelSpot(c, c, w, h);
  });
  const reach = Math.abs(curve.normal.x) * (w / 2) + Math.abs(curve.normal.y) * (h / 2) + 10;
  const besideAt = (steps: readonly number[], ts: readonly number[] = ON_LINE.slice(0, 5)) => {
    const spots: LabelSpot[] = [];
    for (const step of steps) {
      for (const side of [1, -1]) {
        for (const t of ts) {
          const c = at(t);
          spots.push(labelSpot({ x: c.x + curve.normal.x * reach * step * side, y: c.y + curve.normal.y * reach * step * side }, c, w, h));
        }
      }
    }
    return spots;
  };
  const beside = besideAt([1, 2, 3, 4, 5, 6]);
  const chord = Math.hypot(curve.end.x - curve.start.x, curve.end.y - curve.start.y);
  const order = chord < w + 60 ? [...beside, ...onLine] : [...onLine, ...beside];
  // Clear: off everything placed, and a leader back to the line (if any) crossing no card.
  const clear = (q: LabelSpot) => {
    if (placed.some(grow(q.rect, LABEL_GAP), (o) => overlaps(o, q.rect))) return false;
    const end = nearestOnRect(q.rect, q.anchor);
    if (end.x === q.anchor.x && end.y === q.anchor.y) return true;
    const span = { x: Math.min(end.x, q.anchor.x), y: Math.min(end.y, q.anchor.y), width: Math.abs(end.x - q.anchor.x), height: Math.abs(end.y - q.anchor.y) };
    return !cards.some(span, (c) => segmentCrosses(q.anchor, end, c));
  };
  // Then, nearest first, spots around the line's points in every direction (stacked above or
  // below a neighbour's label, say), before going further out.
  const around = (): LabelSpot | undefined => {
    const offsets: { x: number; y: number; distance: number }[] = [];
    for (let i = 1; i <= 3; i++) {
      for (let j = -2; j <= 2; j++) {
        for (const [dx, dy] of [
          [j / 2, i],
          [j / 2, -i],
          [i, j / 2],
          [-i, j / 2],
        ] as const) {
          const x = dx * (w + LABEL_GAP * 2);
          const y = dy * (h + LABEL_GAP * 2);
          offsets.push({ x, y, distance: Math.hypot(x, y) });
        }
      }
    }
    offsets.sort((a, b) => a.distance - b.distance);
    const points = ON_LINE.slice(0, 5).map(at);
    for (const o of offsets) {
      for (const c of points) {
        const spot = labelSpot({ x: c.x + o.x, y: c.y + o.y }, c, w, h);
        if (clear(spot)) return spot;
      }
    }
    return undefined;
  };
  const free = order.find(clear) ?? around() ?? besideAt([7, 8, 9, 10, 11, 12], ON_LINE).find(clear);
  if (free) return free;
  // None is free: the one covering the least of the cards, then the least of the rest.
  const cost = (q: LabelSpot) => [overlapArea(cards.near(q.rect), q.rect), overlapArea(placed.near(q.rect), q.rect)] as const;
  let best = order[0]!;
  let bestCost = cost(best);
  for (const q of order.slice(1)) {
    const c = cost(q);
    if (c[0] < bestCost[0] || (c[0] === bestCost[0] && c[1] < bestCost[1])) {
      best = q;
      bestCost = c;
    }
  }
  return best;
}

/** Every edge routed and its label placed (every edge has one), for the writers that draw labels for all. */
export function routeEdges(
  boxes: readonly RouteBox[],
  edges: readonly (RouteEdge & { readonly label: { readonly width: number; readonly height: number } })[],
  opts: RouteOptions = {},
): { curves: Map<string, EdgeCurve>; labels: Map<string, LabelPlace> } {
  const curves = routeCurves(boxes, edges, opts);
  const labels = placeLabels(
    boxes,
    curves,
    edges.map((e) => ({ id: e.id, ...e.label })),
  );
  return { curves, labels };
}

/** The point of `r`'s border nearest to `q` (outside it). */
function nearestOnRect(r: Rect, q: Point): Point {
  return { x: Math.min(Math.max(q.x, r.x), r.x + r.width), y: Math.min(Math.max(q.y, r.y), r.y + r.height) };
}

/** True when the segment from `a` to `b` passes through the inside of `r` (Liang–Barsky clipping). */
function segmentCrosses(a: Point, b: Point, r: Rect): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [
    [-dx, a.x - r.x],
    [dx, r.x + r.width - a.x],
    [-dy, a.y - r.y],
    [dy, r.y + r.height - a.y],
  ] as const) {
    if (p === 0) {
      if (q <= 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  return t1 - t0 > 1e-9;
}

function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

function overlapArea(others: readonly Rect[], r: Rect): number {
  let area = 0;
  for (const o of others) {
    const w = Math.min(o.x + o.width, r.x + r.width) - Math.max(o.x, r.x);
    const h = Math.min(o.y + o.height, r.y + r.height) - Math.max(o.y, r.y);
    if (w > 0 && h > 0) area += w * h;
  }
  return area;
}

/** True when `a` and `b` come closer than the label gap. */
function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width + LABEL_GAP && b.x < a.x + a.width + LABEL_GAP && a.y < b.y + b.height + LABEL_GAP && b.y < a.y + a.height + LABEL_GAP;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
