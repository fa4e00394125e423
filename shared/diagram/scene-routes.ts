/** Where a scene's edges run and where their labels sit, from the one edge router (edge-router.ts).
 *
 * For the writers that place edges themselves (SVG, and draw.io's waypoints). What each box kind
 * keeps edges and labels off (`keepOff`) and the size of each edge kind's label (`labelSize`)
 * come from the kinds' registry; the canvas routes its own nodes with the same router.
 */
import type { Point, Rect } from './geometry';
import type { RouteBox } from './edge-router';
import { routeEdges } from './edge-labels';
import type { Scene, SceneEdge } from './scene';
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

/** The scene's boxes as the router takes them. */
export function sceneRouteBoxes(scene: Scene): RouteBox[] {
  return scene.boxes.map((b) => ({ id: b.id, x: b.x, y: b.y, width: b.width, height: b.height, keepOff: boxKindOf(b).keepOff }));
}

/** Every edge of the scene routed, with its label placed; in the scene's edge order. */
export function routeScene(scene: Scene): readonly RoutedEdge[] {
  const edges = scene.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, label: edgeKindOf(e).labelSize(e) }));
  const { curves, labels } = routeEdges(sceneRouteBoxes(scene), edges);
  return scene.edges.map((edge) => {
    const c = curves.get(edge.id)!;
    const l = labels.get(edge.id)!;
    return { edge, start: c.start, ctrl: c.ctrl, end: c.end, bounds: c.bounds, label: l.rect, anchor: l.anchor, leader: l.leader, leaderEnd: l.leaderEnd };
  });
}
