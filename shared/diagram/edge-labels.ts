/** Where routed edges' labels sit: on their line or beside it, off every card, every frame's title
 * band and every label placed before (edge-router.ts routes the lines). */
import type { Point, Rect } from './geometry';
import { quadraticAt } from './geometry';
import type { EdgeCurve, RouteBox, RouteEdge, RouteOptions } from './edge-router';
import { routeCurves } from './edge-router';
import { grow, RectGrid } from './rect-grid';

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

/** Space kept between a label and anything else. */
const LABEL_GAP = 4;

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
