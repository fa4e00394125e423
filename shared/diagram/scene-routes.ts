/** Where a scene's edges run and where their labels sit: curves around cards, labels off cards, frame titles and one another.
 *
 * Pure geometry in layout coordinates, for the writers that place edges themselves (SVG, and
 * draw.io's waypoints). What each box kind keeps edges and labels off (`keepOff`) and the size of
 * each edge kind's label (`labelSize`) come from the kinds' registry.
 */
import type { Point, Rect } from './geometry';
import { quadraticAt } from './geometry';
import type { Scene, SceneBox, SceneEdge } from './scene';
import { boxKindOf, edgeKindOf } from './scene';

/** An edge with its route and its label's place. */
export interface RoutedEdge<E = SceneEdge> {
  readonly edge: E;
  /** A quadratic curve from the border of the box it starts at to the border of the box it ends at. */
  readonly start: Point;
  readonly ctrl: Point;
  readonly end: Point;
  /** Box around the sampled curve. */
  readonly bounds: Rect;
  /** The label's box. */
  readonly label: Rect;
  /** The point of the line the label belongs to; a label set away from it draws a leader. */
  readonly anchor: Point;
  /** True when the label sits far enough from its line to need a leader. */
  readonly leader: boolean;
  /** The end of a leader on the label's border. */
  readonly leaderEnd: Point;
}

/** Boxes an edge should not run through, bucketed on a coarse grid so each test is cheap. */
interface Obstacles {
  readonly cell: number;
  readonly buckets: ReadonlyMap<string, readonly SceneBox[]>;
}

function indexObstacles(boxes: readonly SceneBox[]): Obstacles {
  const cell = 200;
  const buckets = new Map<string, SceneBox[]>();
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

/** How many other cards a curve runs through (sampled), so the router can pick the clearest bend. */
function countHits(obstacles: Obstacles, at: (t: number) => Point, skip: ReadonlySet<string>): number {
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

interface Curve {
  readonly start: Point;
  readonly ctrl: Point;
  readonly end: Point;
  readonly at: (t: number) => Point;
  readonly bounds: Rect;
  /** Unit normal of the chord, pointing to the side the curve bends to. */
  readonly normal: Point;
}

/**
 * A curve from the edge's first box to its second.
 *
 * Tries a gentle bend first, on a side chosen by a stable hash of the edge's id (so crossing
 * edges fan apart), then wider bends on both sides, and keeps the one that runs through the
 * fewest other cards.
 */
function routeEdge(edge: SceneEdge, boxById: ReadonlyMap<string, SceneBox>, obstacles: Obstacles): Curve {
  const a = boxById.get(edge.from)!;
  const b = boxById.get(edge.to)!;
  const ca = { x: a.x + a.width / 2, y: a.y + a.height / 2 };
  const cb = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  const len = Math.hypot(dx, dy) || 1;
  const sign = hash(edge.id) % 2 === 0 ? 1 : -1;
  const skip = new Set([a.id, b.id]);
  let best: { start: Point; ctrl: Point; end: Point; score: number; side: number } | undefined;
  for (const magnitude of [Math.min(70, len * 0.14), 120, 200, 300, 420, 560]) {
    for (const side of [sign, -sign]) {
      const bend = magnitude * side;
      const ctrl = { x: (ca.x + cb.x) / 2 - (dy / len) * bend, y: (ca.y + cb.y) / 2 + (dx / len) * bend };
      const start = borderPoint(a, ctrl);
      const end = borderPoint(b, ctrl);
      const score = countHits(obstacles, (t) => quadraticAt(start, ctrl, end, t), skip) * 1000 + magnitude;
      if (!best || score < best.score) best = { start, ctrl, end, score, side };
    }
    if (best && best.score < 1000) break;
  }
  const { start, ctrl, end, side } = best!;
  const at = (t: number) => quadraticAt(start, ctrl, end, t);
  const samples = Array.from({ length: 17 }, (_, i) => at(i / 16));
  const xs = samples.map((q) => q.x);
  const ys = samples.map((q) => q.y);
  const bounds = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  return { start, ctrl, end, at, bounds, normal: { x: (-dy / len) * side, y: (dx / len) * side } };
}

/** Where the line from the box's centre towards `toward` leaves the box. */
function borderPoint(b: Rect, toward: Point): Point {
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

/** A place for a label: its box, centred on a point, and the point of the line it labels. */
interface LabelSpot {
  readonly rect: Rect;
  readonly anchor: Point;
}

function labelSpot(centre: Point, anchor: Point, w: number, h: number): LabelSpot {
  return { rect: { x: centre.x - w / 2, y: centre.y - h / 2, width: w, height: h }, anchor };
}

/**
 * A label's place: on the line, from the middle outwards; then beside it (a short edge would
 * vanish under its own label), on the outside of the bend first, stepping further out until
 * clear of the cards around: a label over a card hides its name.
 */
function placeLabel(edge: SceneEdge, curve: Curve, placed: Rect[], cards: readonly Rect[]): LabelSpot {
  const { width: w, height: h } = edgeKindOf(edge).labelSize(edge);
  const ts = [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82];
  const onLine = ts.map((t) => {
    const c = curve.at(t);
    return labelSpot(c, c, w, h);
  });
  const reach = Math.abs(curve.normal.x) * (w / 2) + Math.abs(curve.normal.y) * (h / 2) + 10;
  const beside: LabelSpot[] = [];
  for (const step of [1, 2, 3, 4, 5, 6]) {
    for (const side of [1, -1]) {
      for (const t of ts.slice(0, 5)) {
        const c = curve.at(t);
        beside.push(labelSpot({ x: c.x + curve.normal.x * reach * step * side, y: c.y + curve.normal.y * reach * step * side }, c, w, h));
      }
    }
  }
  const chord = Math.hypot(curve.at(1).x - curve.at(0).x, curve.at(1).y - curve.at(0).y);
  const order = chord < w + 60 ? [...beside, ...onLine] : [...onLine, ...beside];
  // The first free spot; when none is free, the one covering the least of the cards, then the least of the rest.
  const cost = (q: LabelSpot) => [overlapArea(cards, q.rect), overlapArea(placed, q.rect)] as const;
  const cheaper = (a: readonly [number, number], b: readonly [number, number]) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const spot = order.find((q) => !placed.some((o) => overlaps(o, q.rect))) ?? order.reduce((best, q) => (cheaper(cost(q), cost(best)) ? q : best), order[0]!);
  placed.push(spot.rect);
  return spot;
}

/** Every edge of the scene routed, with its label placed; in the scene's edge order. */
export function routeScene(scene: Scene): readonly RoutedEdge[] {
  const boxById = new Map(scene.boxes.map((b) => [b.id, b]));
  const cards = scene.boxes.filter((b) => boxKindOf(b).keepOff === 'whole');
  const obstacles = indexObstacles(cards);
  const curves = scene.edges.map((e) => routeEdge(e, boxById, obstacles));
  // Labels keep off cards, frame titles and one another.
  const titleBands = scene.boxes.flatMap((b) => {
    const keepOff = boxKindOf(b).keepOff;
    return keepOff === 'whole' ? [] : [{ x: b.x, y: b.y, width: b.width, height: keepOff.titleBand }];
  });
  const placed: Rect[] = [...cards, ...titleBands];
  return scene.edges.map((edge, i) => {
    const curve = curves[i]!;
    const spot = placeLabel(edge, curve, placed, cards);
    const leaderEnd = nearestOnRect(spot.rect, spot.anchor);
    const leader = Math.hypot(leaderEnd.x - spot.anchor.x, leaderEnd.y - spot.anchor.y) > 12;
    return { edge, start: curve.start, ctrl: curve.ctrl, end: curve.end, bounds: curve.bounds, label: spot.rect, anchor: spot.anchor, leader, leaderEnd };
  });
}

/** The point of `r`'s border nearest to `q` (outside it). */
function nearestOnRect(r: Rect, q: Point): Point {
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
