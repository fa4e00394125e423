/** The zoomed-out view of a network, painted on one <canvas>: region summaries instead of cards.
 *
 * Far out a card's name is too small to read and a thousand cards and two thousand edges are a
 * hairball. Below `SUMMARY_BELOW_ZOOM` the graph therefore paints, whatever the network's size,
 * each account frame with its name and totals, each region frame as a summary box (VPCs,
 * peerings, CIDR conflicts, worst peering state: shared/diagram/region-summaries.ts) and one line
 * per pair of regions that peerings join. React Flow keeps its nodes hidden, so the minimap rule
 * and the fit work as before; a click on a region zooms into it (region-hit.ts), where the DOM
 * cards come back. The same summaries are listed, in words, for screen readers (SummaryList).
 *
 * With `data-measure-paint="true"` on the root element (the graph benchmark sets it) each frame
 * writes how long it took to paint, rasterising included, to the canvas's `data-paint-ms`.
 */
import { useStore as useFlowStore } from '@xyflow/react';
import { useLayoutEffect, useMemo, useRef } from 'react';

import type { DiagramLayout } from '../../../shared/diagram/layout';
import type { NetworkSummary } from '../../../shared/diagram/region-summaries';
import type { Topology } from '../../../shared/model/topology';
import type { DiagramTheme } from '../../../shared/diagram/style';
import { ACCOUNT_HUES, PALETTES } from '../../../shared/diagram/style';
import { useAppStore } from '../../store/store-context';
import type { Rect } from '../edges/floating';
import type { AppEdge, AppNode } from '../flow-types';
import { entryOf, KIND_ENTRIES } from '../kinds';
import type { ViewState } from '../view-state';
import type { EdgePainter, NodePainter, PaintContext, PaintedBox, Palette } from './paint';
import { toScreen } from './paint';
import type { SummaryEmphasis } from './summary-emphasis';
import { summaryEmphasis } from './summary-emphasis';
import { SummaryHover } from './SummaryHover';
import { SummaryList } from './SummaryList';
import { summaryOf } from './summary-of';

export { isOverviewZoom, LARGE_NETWORK_VPCS, SUMMARY_BELOW_ZOOM } from './zoom-levels';

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

/** The canvas, filling the flow area, redrawn on every viewport change; the summaries in words beside it. */
export function OverviewCanvas({ nodes, edges, topology, view, theme }: OverviewCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const transform = useFlowStore((s) => s.transform);
  const width = useFlowStore((s) => s.width);
  const height = useFlowStore((s) => s.height);
  const showDeleted = useAppStore((s) => s.showDeleted);
  const palette = useMemo(() => paletteOf(theme), [theme]);
  const boxes = useMemo(() => absoluteBoxes(nodes), [nodes]);
  const summary = summaryOf(topology, showDeleted);
  const emphasis = useMemo(() => summaryEmphasis(summary, view), [summary, view]);

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
    draw(ctx, { boxes, edges, topology, view, summary, emphasis, palette, transform, width, height, dpr });
    if (measure) {
      // Reading a pixel makes Chromium raster what was recorded now, so the figure includes it.
      ctx.getImageData(0, 0, 1, 1);
      canvas.dataset.paintMs = (performance.now() - start).toFixed(2);
    }
  }, [boxes, edges, topology, view, summary, emphasis, palette, width, height, transform]);

  return (
    <>
      <canvas ref={ref} className="overview-canvas" aria-hidden="true" data-testid="overview-canvas" />
      <SummaryList summary={summary} boxes={boxes} emphasis={emphasis} />
      <SummaryHover summary={summary} boxes={boxes} emphasis={emphasis} />
    </>
  );
}

/** What one frame of the overview is painted from. */
interface DrawInput {
  readonly boxes: ReadonlyMap<string, PaintedBox>;
  readonly edges: readonly AppEdge[];
  readonly topology: Topology;
  readonly view: ViewState;
  readonly summary: NetworkSummary;
  readonly emphasis: SummaryEmphasis;
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
  const { boxes, edges, topology, view, summary, emphasis, palette, transform, width, height, dpr } = input;
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
  const p: PaintContext = { ctx, topology, view, summary, emphasis, palette, boxes, transform, dpr, px, visible };
  const painted = [...boxes.values()].flatMap((b) => {
    const painter = painterOf(b.node);
    return painter && visible(b) ? [{ b, painter }] : [];
  });

  for (const { b, painter } of painted) painter.back?.(p, b);
  ctx.globalAlpha = 1;

  const byKind = new Map<string, AppEdge[]>();
  for (const e of edges) {
    const list = byKind.get(e.type ?? '');
    if (list) list.push(e);
    else byKind.set(e.type ?? '', [e]);
  }
  const edgePainters = KIND_ENTRIES.flatMap(([kind, entry]) =>
    entry.drawn === 'edge' && entry.overview ? [{ painter: entry.overview as EdgePainter<AppEdge>, edges: byKind.get(kind) ?? [] }] : [],
  );
  for (const { painter, edges: own } of edgePainters) painter.lines(p, own);
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;

  for (const { b, painter } of painted) painter.front?.(p, b);
  ctx.globalAlpha = 1;

  // Text and labels at screen size; labels keep off what the text layer covered.
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.textBaseline = 'top';
  const taken: Rect[] = [];
  for (const { b, painter } of painted) {
    const covered = painter.title?.(p, b, toScreen(b, transform));
    if (covered) taken.push(...covered);
  }
  for (const { painter, edges: own } of edgePainters) painter.labels?.(p, own, taken);
  ctx.globalAlpha = 1;
}
