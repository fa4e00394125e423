/** What the overview's painters share: the 2D context, the visible part of the flow, the colours, the summaries.
 *
 * OverviewCanvas paints in five layers, each kind with its own painter (renderer/graph/kinds):
 * boxes' backs (account frames), then edges (one call per kind with all its edges, so it can
 * batch them; peerings are drawn as the summary's links between regions), then boxes' fronts
 * (region summaries), then text at screen size (titles and summaries), then edge labels at
 * screen size, kept off the boxes and off each other.
 */
import type { NetworkSummary } from '../../../shared/diagram/region-summaries';
import type { DiagramPalette } from '../../../shared/diagram/style';
import type { Topology } from '../../../shared/model/topology';
import type { Rect } from '../edges/floating';
import type { AppEdge, AppNode } from '../flow-types';
import type { ViewState } from '../view-state';
import type { SummaryEmphasis } from './summary-emphasis';

/** The theme's colours, from the diagram style the stylesheet and the exporters use. */
export interface Palette extends DiagramPalette {
  readonly hues: readonly string[];
}

/** A node's box in absolute flow coordinates. */
export type PaintedBox<N extends AppNode = AppNode> = Rect & { readonly node: N };

/** Everything a painter reads. */
export interface PaintContext {
  readonly ctx: CanvasRenderingContext2D;
  readonly topology: Topology;
  readonly view: ViewState;
  /** What each account and region sums up to, and the links between regions. */
  readonly summary: NetworkSummary;
  /** The view's emphasis carried to the summaries. */
  readonly emphasis: SummaryEmphasis;
  readonly palette: Palette;
  /** Every node's box, by node id (edges find their ends here). */
  readonly boxes: ReadonlyMap<string, PaintedBox>;
  /** React Flow's viewport: translation in screen pixels, then zoom. */
  readonly transform: readonly [number, number, number];
  readonly dpr: number;
  /** `n` device pixels in flow units; a width of `px(1)` strokes as a fast hairline. */
  px(n: number): number;
  /** Whether a flow rectangle is on screen. */
  visible(r: Rect): boolean;
}

/** How a node kind is painted; each layer is optional. Boxes come one by one, visible ones only. */
export interface NodePainter<N extends AppNode> {
  /** Under the edges, in flow coordinates (frames). */
  readonly back?: (p: PaintContext, box: PaintedBox<N>) => void;
  /** Over the edges, in flow coordinates (region summaries). */
  readonly front?: (p: PaintContext, box: PaintedBox<N>) => void;
  /**
   * Text at screen size: the context is in CSS pixels; `screen` is the box on screen. Returns
   * the screen rectangles edge labels must keep off, if any.
   */
  readonly title?: (p: PaintContext, box: PaintedBox<N>, screen: Rect) => readonly Rect[] | void;
}

/** How an edge kind is painted. */
export interface EdgePainter<E extends AppEdge> {
  /** Every edge of the kind, in flow coordinates. */
  readonly lines: (p: PaintContext, edges: readonly E[]) => void;
  /** Labels at screen size (CSS pixels), kept off `taken` screen rectangles; adds its own to `taken`. */
  readonly labels?: (p: PaintContext, edges: readonly E[], taken: Rect[]) => void;
}

/** The flow rectangle `r` on screen, in CSS pixels. */
export function toScreen(r: Rect, transform: readonly [number, number, number]): Rect {
  const [tx, ty, k] = transform;
  return { x: r.x * k + tx, y: r.y * k + ty, width: r.width * k, height: r.height * k };
}

/** Whether two rectangles overlap. */
export function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** `text`, cut with an ellipsis to fit `maxWidth` pixels. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > maxWidth) t = t.slice(0, -1);
  return `${t}…`;
}
