/** What the overview's painters share: the 2D context, the visible part of the flow, the colours.
 *
 * OverviewCanvas paints in four layers, each kind with its own painter (renderer/graph/kinds):
 * boxes' backs (frames), then edges (one call per kind with all its edges, so it can batch
 * them), then boxes' fronts (cards), then titles at screen size.
 */
import type { DiagramPalette } from '../../../shared/diagram/style';
import type { Topology } from '../../../shared/model/topology';
import type { Rect } from '../edges/floating';
import type { AppEdge, AppNode } from '../flow-types';
import type { ViewState } from '../view-state';

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
  /** Over the edges, in flow coordinates (cards). */
  readonly front?: (p: PaintContext, box: PaintedBox<N>) => void;
  /** Text at screen size: the context is in CSS pixels; `screen` is the box on screen. */
  readonly title?: (p: PaintContext, box: PaintedBox<N>, screen: Rect) => void;
}

/** Paints every edge of one kind, in flow coordinates. */
export type EdgePainter<E extends AppEdge> = (p: PaintContext, edges: readonly E[]) => void;

/** `text`, cut with an ellipsis to fit `maxWidth` pixels. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > maxWidth) t = t.slice(0, -1);
  return `${t}…`;
}
