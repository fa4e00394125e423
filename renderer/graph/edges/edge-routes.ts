/** The canvas's edge routes: every drawn edge routed round the cards, and the labels shown placed, by the exports' router.
 *
 * Computed once per change of the nodes (positions from React Flow, so a card moved by its grip
 * reroutes), the drawn edges or the labels shown, and memoised, so each edge component reads its
 * own route in O(1) and re-renders only when that route changes. While a card is being dragged
 * only the edges of the moved cards are rerouted (a frame of a drag stays cheap in a large
 * network); when it is dropped the routing is exact again, rerouting every edge the move can
 * change (`routeCurves`' `previous`).
 */
import type { LabelPlace, LabelRequest } from '../../../shared/diagram/edge-labels';
import { placeLabels } from '../../../shared/diagram/edge-labels';
import type { EdgeCurve, RouteBox, RouteEdge } from '../../../shared/diagram/edge-router';
import { routeCurves } from '../../../shared/diagram/edge-router';
import type { Rect } from '../../../shared/diagram/geometry';
import { estimateTextWidth } from '../../../shared/diagram/text-metrics';
import type { Topology } from '../../../shared/model/topology';
import type { AppState } from '../../store/app-state';
import type { AppEdge, AppNode } from '../flow-types';
import { entryOf, TOPOLOGY_EDGE_KINDS } from '../kinds';
import { viewStateOf } from '../view-state';
import { updatingOf } from '../../store/updates';

/** How far outside a card's border an edge ends: its end dot sits there, clear of the card. */
export const EDGE_END_GAP = 5;

/** A label the canvas draws beside an edge: its lines and its size, which the router keeps clear. */
export interface CanvasLabel {
  readonly title: string;
  readonly detail?: string;
  readonly width: number;
  readonly height: number;
  /** Labels of a lower rank are placed first, so they sit nearest their lines (0: the selected edge's). */
  readonly rank?: number;
}

/** The label box of the canvas (`.edge-label`): 11 px text at line height 1.3, the title line in 10.5 px mono, 2 × 8 px padding and a 1 px border. */
export const CANVAS_LABEL = { titleSize: 10.5, detailSize: 11, lineHeight: 1.3, paddingX: 8, paddingY: 2, border: 1 } as const;

/** The size of a canvas label with a mono title line and an optional bold detail line. */
export function canvasLabel(title: string, detail?: string, opts: { titleMono?: boolean } = { titleMono: true }): CanvasLabel {
  const L = CANVAS_LABEL;
  const titleSize = opts.titleMono ? L.titleSize : L.detailSize;
  const textWidth = Math.max(estimateTextWidth(title, titleSize, opts.titleMono ? { mono: true } : { bold: true }), detail ? estimateTextWidth(detail, L.detailSize, { bold: true }) : 0);
  const textHeight = titleSize * L.lineHeight + (detail ? L.detailSize * L.lineHeight : 0);
  return {
    title,
    ...(detail ? { detail } : {}),
    width: Math.ceil(textWidth + 2 * (L.paddingX + L.border)),
    height: Math.ceil(textHeight + 2 * (L.paddingY + L.border)),
  };
}

/** One edge's route on the canvas, and its label when it shows one. */
export interface CanvasRoute {
  readonly curve: EdgeCurve;
  readonly label?: { readonly text: CanvasLabel; readonly place: LabelPlace };
}

/** Absolute boxes of the nodes, from React Flow positions relative to their parents, with what edges keep off each. */
export function routeBoxesOf(nodes: readonly AppNode[]): RouteBox[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const origin = new Map<string, { x: number; y: number }>();
  const place = (n: AppNode): { x: number; y: number } => {
    const hit = origin.get(n.id);
    if (hit) return hit;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    const base = parent ? place(parent) : { x: 0, y: 0 };
    const at = { x: base.x + n.position.x, y: base.y + n.position.y };
    origin.set(n.id, at);
    return at;
  };
  const boxes: RouteBox[] = [];
  for (const n of nodes) {
    if (n.hidden || !n.type) continue;
    const entry = entryOf(n.type);
    const keepOff = entry.drawn === 'node' ? entry.keepOff : undefined;
    if (!keepOff) continue;
    const at = place(n);
    boxes.push({ id: n.id, x: at.x, y: at.y, width: n.measured?.width ?? n.width ?? 0, height: n.measured?.height ?? n.height ?? 0, keepOff });
  }
  return boxes;
}

let drawn: { topology?: Topology; layout?: AppState['layout']; showDeleted?: boolean; ghosts?: readonly AppEdge[]; edges: readonly AppEdge[] } = { edges: [] };

/** The edges the canvas draws now: every kind's from the topology between drawn cards, then the view's would-be paths (memoised). */
export function drawnEdgesOf(s: AppState): readonly AppEdge[] {
  const topology = s.snapshot?.topology;
  const ghosts = viewStateOf(s).ghosts;
  if (drawn.topology === topology && drawn.layout === s.layout && drawn.showDeleted === s.showDeleted && drawn.ghosts === ghosts) return drawn.edges;
  let edges: readonly AppEdge[] = [];
  if (topology) {
    const nodeIds = new Set((s.layout?.boxes ?? []).map((b) => b.id));
    const fromTopology = TOPOLOGY_EDGE_KINDS.flatMap((toEdges) => toEdges(topology, nodeIds, s.showDeleted));
    edges = ghosts.length > 0 ? [...fromTopology, ...ghosts] : fromTopology;
  }
  drawn = { topology, layout: s.layout, showDeleted: s.showDeleted, ghosts, edges };
  return edges;
}

interface Memo {
  nodes?: readonly AppNode[];
  boxes: RouteBox[];
  boxById: ReadonlyMap<string, Rect>;
  edges?: readonly AppEdge[];
  curves: ReadonlyMap<string, EdgeCurve>;
  /** The boxes and curves of the last exact routing (not of a drag's frames). */
  settled?: { readonly boxes: ReadonlyMap<string, Rect>; readonly curves: ReadonlyMap<string, EdgeCurve> };
  labelInputs?: readonly unknown[];
  routes: ReadonlyMap<string, CanvasRoute>;
}

let memo: Memo = { boxes: [], boxById: new Map(), curves: new Map(), routes: new Map() };

/** The label of `edge` now, from its kind. */
function labelOf(s: AppState, edge: AppEdge): CanvasLabel | undefined {
  if (!edge.type) return undefined;
  const entry = entryOf(edge.type);
  return entry.drawn === 'edge' ? (entry.label as ((s: AppState, e: AppEdge) => CanvasLabel | undefined) | undefined)?.(s, edge) : undefined;
}

/** Every drawn edge's route and label, by edge id (memoised; see the module's comment). */
export function canvasRoutesOf(s: AppState): ReadonlyMap<string, CanvasRoute> {
  const edges = drawnEdgesOf(s);
  const nodes = s.nodes;
  let { boxes, boxById, curves, settled } = memo;
  let changed = false;
  if (memo.nodes !== nodes || memo.edges !== edges) {
    const started = performance.now();
    boxes = memo.nodes === nodes ? memo.boxes : routeBoxesOf(nodes);
    const byId = new Map(boxes.map((b) => [b.id, b]));
    if (settled && nodes.some((n) => n.dragging)) {
      curves = quickReroute(boxes, edges, { boxes: boxById, curves });
    } else {
      curves = routeCurves(boxes, edges.map(routeEdgeOf), { endGap: EDGE_END_GAP, ...(settled ? { previous: { boxes: settled.boxes, curves } } : {}) });
      settled = { boxes: byId, curves };
    }
    boxById = byId;
    changed = true;
    // For the graph benchmark: how often and how long the canvas routes.
    performance.measure('peerscape:edge-routes', { start: started, detail: { edges: edges.length } });
  }
  // Labels depend on the curves and on which labels show: the view (selection, mode, search), changes being confirmed, the topology.
  const labelInputs = [curves, edges, viewStateOf(s), updatingOf(s), s.snapshot?.topology];
  let routes = memo.routes;
  if (changed || !memo.labelInputs || labelInputs.some((v, i) => v !== memo.labelInputs![i])) {
    const texts = new Map<string, CanvasLabel>();
    const requests: LabelRequest[] = [];
    for (const e of edges) {
      const text = labelOf(s, e);
      if (!text) continue;
      texts.set(e.id, text);
      requests.push({ id: e.id, width: text.width, height: text.height });
    }
    // A stable sort: within a rank, in the edges' order.
    requests.sort((a, b) => (texts.get(a.id)!.rank ?? 2) - (texts.get(b.id)!.rank ?? 2));
    routes = reuse(memo.routes, curves, texts, placeLabels(boxes, curves, requests));
  }
  memo = { nodes, boxes, boxById, edges, curves, ...(settled ? { settled } : {}), labelInputs, routes };
  return routes;
}

function routeEdgeOf(e: AppEdge): RouteEdge {
  return { id: e.id, from: e.source, to: e.target };
}

/** During a drag: only the edges of moved boxes get new curves. */
function quickReroute(boxes: readonly RouteBox[], edges: readonly AppEdge[], previous: { boxes: ReadonlyMap<string, Rect>; curves: ReadonlyMap<string, EdgeCurve> }): ReadonlyMap<string, EdgeCurve> {
  const moved = new Set<string>();
  for (const b of boxes) {
    const old = previous.boxes.get(b.id);
    if (!old || old.x !== b.x || old.y !== b.y || old.width !== b.width || old.height !== b.height) moved.add(b.id);
  }
  const stale = edges.filter((e) => moved.has(e.source) || moved.has(e.target) || !previous.curves.has(e.id));
  if (stale.length === 0) return previous.curves;
  const fresh = routeCurves(boxes, stale.map(routeEdgeOf), { endGap: EDGE_END_GAP });
  const out = new Map<string, EdgeCurve>();
  for (const e of edges) {
    const c = fresh.get(e.id) ?? previous.curves.get(e.id);
    if (c) out.set(e.id, c);
  }
  return out;
}

function samePlace(a: LabelPlace, b: LabelPlace): boolean {
  return a.rect.x === b.rect.x && a.rect.y === b.rect.y && a.rect.width === b.rect.width && a.rect.height === b.rect.height && a.leader === b.leader && a.anchor.x === b.anchor.x && a.anchor.y === b.anchor.y;
}

/** Routes by edge id, keeping last time's object for an edge whose curve and label did not change (its component then does not re-render). */
function reuse(before: ReadonlyMap<string, CanvasRoute>, curves: ReadonlyMap<string, EdgeCurve>, texts: ReadonlyMap<string, CanvasLabel>, places: ReadonlyMap<string, LabelPlace>): Map<string, CanvasRoute> {
  const out = new Map<string, CanvasRoute>();
  for (const [id, curve] of curves) {
    const text = texts.get(id);
    const place = places.get(id);
    const old = before.get(id);
    const sameLabel = old?.label && text && place ? old.label.text === text || (old.label.text.title === text.title && old.label.text.detail === text.detail) : !old?.label && !(text && place);
    if (old && old.curve === curve && sameLabel && (!place || (old.label && samePlace(old.label.place, place)))) {
      out.set(id, old);
      continue;
    }
    out.set(id, text && place ? { curve, label: { text, place } } : { curve });
  }
  return out;
}

/** The route of one drawn edge. */
export function canvasRouteOf(s: AppState, id: string): CanvasRoute | undefined {
  return canvasRoutesOf(s).get(id);
}

/** The SVG path of a routed curve. */
export function curvePath(c: EdgeCurve): string {
  return `M ${c.start.x},${c.start.y} Q ${c.ctrl.x},${c.ctrl.y} ${c.end.x},${c.end.y}`;
}
