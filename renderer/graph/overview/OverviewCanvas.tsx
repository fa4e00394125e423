/** The zoomed-out view of a large network, painted on one <canvas>.
 *
 * Far out, a card is a few pixels wide and its text unreadable, yet a thousand DOM cards and two
 * thousand SVG edges cost seconds per frame in a software-rendered Chromium. Below
 * `OVERVIEW_BELOW_ZOOM` the graph therefore paints frames, cards and edges here, with the same
 * colours and emphasis, while React Flow keeps only the cards' invisible wrappers and handles, so
 * clicks, drags and the minimap work as before. Closer in, the DOM cards come back.
 *
 * With `data-measure-paint="true"` on the root element (the graph benchmark sets it) each frame
 * writes how long it took to paint, rasterising included, to the canvas's `data-paint-ms`.
 */
import { useStore as useFlowStore } from '@xyflow/react';
import { useLayoutEffect, useMemo, useRef } from 'react';

import type { DiagramLayout } from '../../../shared/diagram/layout';
import type { Topology } from '../../../shared/model/topology';
import type { DiagramTheme } from '../../../shared/diagram/style';
import { ACCOUNT_HUES, PALETTES } from '../../../shared/diagram/style';
import type { Rect } from '../edges/floating';
import type { AppEdge, AppNode } from '../flow-types';
import { entryOf, KIND_ENTRIES } from '../kinds';
import type { ViewState } from '../view-state';
import type { EdgePainter, NodePainter, PaintContext, PaintedBox, Palette } from './paint';

/** Below this zoom the canvas overview replaces the DOM cards, whatever the network's size. */
export const OVERVIEW_BELOW_ZOOM = 0.2;
/** For networks of at least `LARGE_NETWORK_VPCS` VPCs, the overview lasts up to this zoom, where card text becomes legible. */
export const LARGE_OVERVIEW_BELOW_ZOOM = 0.5;
/** From this many VPCs a network counts as large. */
export const LARGE_NETWORK_VPCS = 200;

const vpcCounts = new WeakMap<DiagramLayout, number>();

/** How many VPC cards a layout has (memoised per layout). */
export function vpcBoxCount(layout: DiagramLayout | undefined): number {
  if (!layout) return 0;
  let n = vpcCounts.get(layout);
  if (n === undefined) {
    n = layout.boxes.reduce((count, b) => count + (b.kind === 'vpc' ? 1 : 0), 0);
    vpcCounts.set(layout, n);
  }
  return n;
}

/** True when a network of `vpcCount` VPCs at `zoom` is shown as the canvas overview. */
export function isOverviewZoom(zoom: number, vpcCount: number): boolean {
  return zoom < (vpcCount >= LARGE_NETWORK_VPCS ? LARGE_OVERVIEW_BELOW_ZOOM : OVERVIEW_BELOW_ZOOM);
}

function paletteOf(theme: DiagramTheme): Palette {
  return { ...PALETTES[theme], hues: ACCOUNT_HUES[theme] };
}

/** Absolute boxes of every node, from React Flow positions relative to their parents. */
export function absoluteBoxes(nodes: readonly AppNode[]): Map<string, PaintedBox> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, PaintedBox>();
  const place = (n: AppNode): PaintedBox => {
    const hit = out.get(n.id);
    if (hit) return hit;
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    const origin = parent ? place(parent) : { x: 0, y: 0 };
    const box = { x: origin.x + n.position.x, y: origin.y + n.position.y, width: n.width ?? 0, height: n.height ?? 0, node: n };
    out.set(n.id, box);
    return box;
  };
  for (const n of nodes) place(n);
  return out;
}

/** Props of the overview. */
export interface OverviewCanvasProps {
  readonly nodes: readonly AppNode[];
  /** Every edge drawn, of every kind (peerings and would-be paths). */
  readonly edges: readonly AppEdge[];
  readonly topology: Topology;
  readonly view: ViewState;
  readonly theme: DiagramTheme;
}

/** The canvas, filling the flow area, redrawn on every viewport change. */
export function OverviewCanvas({ nodes, edges, topology, view, theme }: OverviewCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const transform = useFlowStore((s) => s.transform);
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  const palette = useMemo(() => paletteOf(theme), [theme]);
  const boxes = useMemo(() => absoluteBoxes(nodes), [nodes]);

  useLayoutEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    const pixelWidth = Math.max(1, Math.round(width * dpr));
    const pixelHeight = Math.max(1, Math.round(height * dpr));
    if (canvas.width !== pixelWidth) canvas.width = pixelWidth;
    if (canvas.height !== pixelHeight) canvas.height = pixelHeight;
    // A CPU-backed canvas: in a software-rendered Chromium a GPU-emulated one costs a slow commit per frame.
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    const measure = document.documentElement.dataset.measurePaint === 'true';
    const start = measure ? performance.now() : 0;
    draw(ctx, { boxes, edges, topology, view, palette, transform, width, height, dpr });
    if (measure) {
      // Reading a pixel makes Chromium raster what was recorded now, so the figure includes it.
      ctx.getImageData(0, 0, 1, 1);
      canvas.dataset.paintMs = (performance.now() - start).toFixed(2);
    }
  }, [boxes, edges, topology, view, palette, transform, width, height]);

  return <canvas ref={ref} className="overview-canvas" aria-hidden="true" data-testid="overview-canvas" />;
}

/** What one frame of the overview is painted from. */
interface DrawInput {
  readonly boxes: ReadonlyMap<string, PaintedBox>;
  readonly edges: readonly AppEdge[];
  readonly topology: Topology;
  readonly view: ViewState;
  readonly palette: Palette;
  readonly transform: readonly [number, number, number];
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
}

/** The painter of a node's kind, or nothing for a kind the overview does not paint. */
function painterOf(node: AppNode): NodePainter<AppNode> | undefined {
  const entry = node.type ? entryOf(node.type) : undefined;
  return entry?.drawn === 'node' ? (entry.overview as NodePainter<AppNode> | undefined) : undefined;
}

/** Paint one frame: every kind's boxes and edges, layer by layer (see ./paint.ts). */
function draw(ctx: CanvasRenderingContext2D, input: DrawInput): void {
  const { boxes, edges, topology, view, palette, transform, width, height, dpr } = input;
  const [tx, ty, k] = transform;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * tx, dpr * ty);
  // The visible part of the flow, for culling.
  const left = -tx / k;
  const top = -ty / k;
  const right = left + width / k;
  const bottom = top + height / k;
  const visible = (b: Rect) => b.x + b.width >= left && b.x <= right && b.y + b.height >= top && b.y <= bottom;
  const px = (n: number) => n / (k * dpr);
  const p: PaintContext = { ctx, topology, view, palette, boxes, transform, dpr, px, visible };
  const painted = [...boxes.values()].flatMap((b) => {
    const painter = painterOf(b.node);
    return painter ? [{ b, painter }] : [];
  });

  for (const { b, painter } of painted) if (painter.back && visible(b)) painter.back(p, b);
  ctx.globalAlpha = 1;

  const byKind = new Map<string, AppEdge[]>();
  for (const e of edges) {
    const list = byKind.get(e.type ?? '');
    if (list) list.push(e);
    else byKind.set(e.type ?? '', [e]);
  }
  for (const [kind, entry] of KIND_ENTRIES) {
    if (entry.drawn === 'edge' && entry.overview) (entry.overview as EdgePainter<AppEdge>)(p, byKind.get(kind) ?? []);
  }
  ctx.setLineDash([]);

  for (const { b, painter } of painted) if (painter.front && visible(b)) painter.front(p, b);
  ctx.globalAlpha = 1;

  // Titles at screen size.
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.textBaseline = 'top';
  for (const { b, painter } of painted) {
    if (painter.title && visible(b)) painter.title(p, b, { x: b.x * k + tx, y: b.y * k + ty, width: b.width * k, height: b.height * k });
  }
}
