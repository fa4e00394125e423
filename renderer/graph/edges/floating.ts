/** Where an edge between two cards meets their borders: on the line between their centres.
 *
 * Cards sit in grids, so fixed handle sides would send lines through neighbours; React Flow's
 * "floating edges" example anchors each end where the centre line leaves the card instead.
 */
import type { InternalNode } from '@xyflow/react';

/** A point in flow coordinates. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A box in flow coordinates. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

function rectOf(node: InternalNode): Rect {
  return {
    x: node.internals.positionAbsolute.x,
    y: node.internals.positionAbsolute.y,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}

/** The point where the ray from the centre of `r` towards `to` leaves `r`, pushed out by `gap`. */
function exitPoint(r: Rect, to: Point, gap: number): Point {
  const cx = r.x + r.width / 2;
  const cy = r.y + r.height / 2;
  const dx = to.x - cx;
  const dy = to.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: cy };
  const hw = r.width / 2 + gap;
  const hh = r.height / 2 + gap;
  const scale = Math.min(dx === 0 ? Infinity : hw / Math.abs(dx), dy === 0 ? Infinity : hh / Math.abs(dy));
  return { x: cx + dx * scale, y: cy + dy * scale };
}

/** Both ends of the floating edge between `source` and `target`. */
export function floatingEnds(source: InternalNode, target: InternalNode, gap = 4): { from: Point; to: Point } {
  return rectEnds(rectOf(source), rectOf(target), gap);
}

/** Both ends of the line between two boxes, where it leaves each of them. */
export function rectEnds(s: Rect, t: Rect, gap = 4): { from: Point; to: Point } {
  const sc = { x: s.x + s.width / 2, y: s.y + s.height / 2 };
  const tc = { x: t.x + t.width / 2, y: t.y + t.height / 2 };
  return { from: exitPoint(s, tc, gap), to: exitPoint(t, sc, gap) };
}

/**
 * A gently curved path from `from` to `to`, bowing by `bend` px to one side, so two edges
 * between neighbouring cards, or an edge and a would-be path, do not sit on top of each other.
 */
export function curvedPath(from: Point, to: Point, bend: number): { path: string; labelX: number; labelY: number } {
  const mx = (from.x + to.x) / 2;
  const my = (from.y + to.y) / 2;
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy) || 1;
  const cx = mx - (dy / length) * bend;
  const cy = my + (dx / length) * bend;
  // The label sits on the curve's midpoint (half-way between the chord midpoint and the control point).
  return { path: `M ${from.x},${from.y} Q ${cx},${cy} ${to.x},${to.y}`, labelX: (mx + cx) / 2, labelY: (my + cy) / 2 };
}
