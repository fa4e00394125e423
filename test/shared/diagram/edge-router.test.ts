import { describe, expect, it } from 'vitest';

import type { LabelRequest } from '../../../shared/diagram/edge-labels';
import { placeLabels } from '../../../shared/diagram/edge-labels';
import type { EdgeCurve, RouteBox, RouteEdge } from '../../../shared/diagram/edge-router';
import { routeCurves } from '../../../shared/diagram/edge-router';
import { RectGrid } from '../../../shared/diagram/rect-grid';
import type { Point, Rect } from '../../../shared/diagram/geometry';
import { quadraticAt } from '../../../shared/diagram/geometry';

const card = (id: string, x: number, y: number, width = 252, height = 114): RouteBox => ({ id, x, y, width, height, keepOff: 'whole' });
const frame = (id: string, x: number, y: number, width: number, height: number, titleBand = 34): RouteBox => ({ id, x, y, width, height, keepOff: { titleBand } });

function inside(p: Point, r: Rect): boolean {
  return p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height;
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Points along a routed curve, every pixel or so. */
function along(c: EdgeCurve): Point[] {
  return Array.from({ length: 1001 }, (_, i) => quadraticAt(c.start, c.ctrl, c.end, i / 1000));
}

/** mulberry32, so the crowded fixture is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Accounts of regions of cards in grids, as the layout packs them, and edges between random cards. */
function crowded(seed: number, edgeCount: number): { boxes: RouteBox[]; edges: RouteEdge[]; labels: LabelRequest[] } {
  const rnd = random(seed);
  const boxes: RouteBox[] = [];
  const cards: string[] = [];
  for (let a = 0; a < 3; a++) {
    const ax = a * 1900;
    boxes.push(frame(`account:${a}`, ax, 0, 1840, 1400, 34));
    for (let r = 0; r < 2; r++) {
      const rx = ax + 24 + r * 900;
      boxes.push(frame(`region:${a}/${r}`, rx, 64, 880, 1300, 26));
      for (let i = 0; i < 9; i++) {
        const id = `vpc-${a}-${r}-${i}`;
        cards.push(id);
        boxes.push(card(id, rx + 20 + (i % 3) * 280, 64 + 44 + Math.floor(i / 3) * 400, 252, 114 + (i % 2) * 22));
      }
    }
  }
  const edges: RouteEdge[] = [];
  for (let i = 0; i < edgeCount; i++) {
    const from = cards[Math.floor(rnd() * cards.length)]!;
    let to = cards[Math.floor(rnd() * cards.length)]!;
    if (to === from) to = cards[(cards.indexOf(from) + 1) % cards.length]!;
    edges.push({ id: `pcx-${i}`, from, to });
  }
  const labels = edges.map((e, i) => ({ id: e.id, width: 90 + (i % 5) * 20, height: 34 }));
  return { boxes, edges, labels };
}

describe('routeCurves', () => {
  it('takes an edge round a card that stands on the straight line between its two cards', () => {
    const boxes = [card('a', 0, 0), card('middle', 400, 0), card('b', 800, 0)];
    const curve = routeCurves(boxes, [{ id: 'pcx-1', from: 'a', to: 'b' }]).get('pcx-1')!;
    const middle = boxes[1]!;
    expect(along(curve).filter((p) => inside(p, middle))).toEqual([]);
    expect(curve.crossings).toBe(0);
    // It still joins the two cards: each end on its card's border.
    expect(curve.start.x).toBeCloseTo(252, 0);
    expect(curve.end.x).toBeCloseTo(800, 0);
  });

  it('goes straight-ish between neighbours with nothing between them, its ends `endGap` outside the borders', () => {
    const curve = routeCurves([card('a', 0, 0), card('b', 400, 0)], [{ id: 'pcx-1', from: 'a', to: 'b' }], { endGap: 5 }).get('pcx-1')!;
    expect(curve.start.x).toBeCloseTo(257, 0);
    expect(curve.end.x).toBeCloseTo(395, 0);
    expect(Math.abs(curve.ctrl.y - 57)).toBeLessThanOrEqual(70);
  });

  it('leaves out edges whose boxes are not given', () => {
    expect(routeCurves([card('a', 0, 0)], [{ id: 'pcx-1', from: 'a', to: 'gone' }]).size).toBe(0);
  });

  it('reroutes after a move exactly as a full routing would, reusing the curves the move cannot change', () => {
    const { boxes, edges } = crowded(7, 80);
    const before = routeCurves(boxes, edges);
    const moved = boxes.map((b) => (b.id === 'vpc-1-0-4' ? { ...b, x: b.x + 130, y: b.y - 170 } : b));
    const incremental = routeCurves(moved, edges, { previous: { boxes: new Map(boxes.map((b) => [b.id, b])), curves: before } });
    expect(incremental).toEqual(routeCurves(moved, edges));
    const reused = [...incremental].filter(([id, c]) => before.get(id) === c).length;
    expect(reused).toBeGreaterThan(0);
    expect(reused).toBeLessThan(edges.length);
  });

  it('is deterministic: the same routes whatever the order of the boxes', () => {
    const { boxes, edges } = crowded(3, 60);
    const once = routeCurves(boxes, edges);
    expect(routeCurves([...boxes].reverse(), edges)).toEqual(once);
  });
});

describe('placeLabels', () => {
  it('keeps every label of a crowded diagram off the cards, the frames’ title bands and the other labels', () => {
    const { boxes, edges, labels } = crowded(11, 60);
    const curves = routeCurves(boxes, edges);
    const placed = placeLabels(boxes, curves, labels);
    expect(placed.size).toBe(labels.length);
    const rects = [...placed.values()].map((p) => p.rect);
    const cards = boxes.filter((b) => b.keepOff === 'whole');
    const bands = boxes.flatMap((b) => (b.keepOff === 'whole' ? [] : [{ ...b, height: b.keepOff.titleBand }]));
    expect(rects.filter((r) => cards.some((c) => overlaps(c, r)))).toEqual([]);
    expect(rects.filter((r) => bands.some((c) => overlaps(c, r)))).toEqual([]);
    expect(rects.filter((r, i) => rects.some((o, j) => i !== j && overlaps(o, r)))).toEqual([]);
  });

  it('draws a leader from a label set away from its line to the line', () => {
    const { boxes, edges, labels } = crowded(11, 60);
    const placed = placeLabels(boxes, routeCurves(boxes, edges), labels);
    const away = [...placed.values()].filter((p) => p.leader);
    expect(away.length).toBeGreaterThan(0);
    for (const p of away) {
      expect(inside(p.anchor, p.rect)).toBe(false);
      // The leader ends on the label's border.
      const r = p.rect;
      const onBorder = [r.x, r.x + r.width].some((x) => Math.abs(p.leaderEnd.x - x) < 1e-6) || [r.y, r.y + r.height].some((y) => Math.abs(p.leaderEnd.y - y) < 1e-6);
      expect(onBorder).toBe(true);
    }
  });

  it('places only the labels asked for, in the order asked, and the same way every time', () => {
    const { boxes, edges, labels } = crowded(5, 40);
    const curves = routeCurves(boxes, edges);
    const some = labels.filter((_, i) => i % 3 === 0);
    const placed = placeLabels(boxes, curves, some);
    expect([...placed.keys()]).toEqual(some.map((l) => l.id));
    expect(placeLabels(boxes, curves, some)).toEqual(placed);
  });
});

describe('RectGrid', () => {
  it('finds each rectangle near a query once, however many buckets they share', () => {
    const grid = new RectGrid(100);
    const big = { x: -50, y: -50, width: 400, height: 400 };
    const small = { x: 510, y: 10, width: 10, height: 10 };
    grid.add(big);
    grid.add(small);
    expect(grid.near({ x: 0, y: 0, width: 300, height: 300 })).toEqual([big]);
    expect(grid.near({ x: 0, y: 0, width: 600, height: 50 })).toEqual([big, small]);
    expect(grid.at({ x: -10, y: -10 })).toEqual([big]);
  });
});
