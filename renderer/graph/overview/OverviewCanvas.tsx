/** The zoomed-out view of a large network, painted on one <canvas>.
 *
 * Far out, a card is a few pixels wide and its text unreadable, yet a thousand DOM cards and two
 * thousand SVG edges cost seconds per frame in a software-rendered Chromium. Below
 * `OVERVIEW_BELOW_ZOOM` the graph therefore paints frames, cards and edges here, with the same
 * colours and emphasis, while React Flow keeps only the cards' invisible wrappers and handles, so
 * clicks, drags and the minimap work as before. Closer in, the DOM cards come back.
 */
import { useStore as useFlowStore } from '@xyflow/react';
import { useLayoutEffect, useMemo, useRef } from 'react';

import { accountName } from '../../../shared/diagram/names';
import type { DiagramLayout } from '../../../shared/diagram/layout';
import type { PeeringId, VpcId } from '../../../shared/model/ids';
import type { Topology } from '../../../shared/model/topology';
import type { DiagramPalette, DiagramTheme } from '../../../shared/diagram/style';
import { ACCOUNT_HUES, GHOST_EDGE, PALETTES, peeringEdgeStyle } from '../../../shared/diagram/style';
import type { AppNode, GhostFlowEdge, PeeringFlowEdge } from '../flow-types';
import { rectEnds } from '../edges/floating';
import type { Rect } from '../edges/floating';
import type { ViewState } from '../view-state';
import { conflictsOf, routesOf } from '../derive';

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

/** The theme's colours, from the diagram style the stylesheet and the exporters use. */
interface Palette extends DiagramPalette {
  readonly hues: readonly string[];
}

function paletteOf(theme: DiagramTheme): Palette {
  return { ...PALETTES[theme], hues: ACCOUNT_HUES[theme] };
}

/*
 * Edges are drawn in their diagram-style colour as one-device-pixel lines without dashes: in a
 * software-rendered Chromium, Skia strokes hairlines about ten times faster than wider or dashed
 * anti-aliased lines (measured: 2,000 long lines, 17 ms a frame as hairlines, 220 ms at 1.6 px,
 * 600 ms dashed). Closer in, the DOM edges carry the dash patterns the legend shows.
 */

/** Absolute boxes of every node, from React Flow positions relative to their parents. */
export function absoluteBoxes(nodes: readonly AppNode[]): Map<string, Rect & { readonly node: AppNode }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<string, Rect & { readonly node: AppNode }>();
  const place = (n: AppNode): Rect & { readonly node: AppNode } => {
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
  readonly edges: readonly PeeringFlowEdge[];
  readonly ghosts: readonly GhostFlowEdge[];
  readonly topology: Topology;
  readonly view: ViewState;
  readonly theme: DiagramTheme;
}

/** The canvas, filling the flow area, redrawn on every viewport change. */
export function OverviewCanvas({ nodes, edges, ghosts, topology, view, theme }: OverviewCanvasProps) {
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
    draw(ctx, { boxes, edges, ghosts, topology, view, palette, transform, width, height, dpr });
  }, [boxes, edges, ghosts, topology, view, palette, transform, width, height]);

  return <canvas ref={ref} className="overview-canvas" aria-hidden="true" data-testid="overview-canvas" />;
}

interface DrawInput {
  readonly boxes: ReadonlyMap<string, Rect & { readonly node: AppNode }>;
  readonly edges: readonly PeeringFlowEdge[];
  readonly ghosts: readonly GhostFlowEdge[];
  readonly topology: Topology;
  readonly view: ViewState;
  readonly palette: Palette;
  readonly transform: readonly [number, number, number];
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
}

function draw(ctx: CanvasRenderingContext2D, input: DrawInput): void {
  const { boxes, edges, ghosts, topology, view, palette: p, transform, width, height, dpr } = input;
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
  // `px(n)` is n device pixels in flow units; a width of px(1) strokes as a fast hairline.
  const px = (n: number) => n / (k * dpr);

  // Frames.
  for (const b of boxes.values()) {
    if (b.node.type === 'vpc' || !visible(b)) continue;
    if (b.node.type === 'account') {
      const hue = p.hues[b.node.data.hue] ?? p.accent;
      ctx.globalAlpha = 0.06;
      ctx.fillStyle = hue;
      ctx.fillRect(b.x, b.y, b.width, b.height);
      ctx.globalAlpha = 0.55;
      ctx.strokeStyle = hue;
      ctx.lineWidth = px(1);
      ctx.strokeRect(b.x, b.y, b.width, b.height);
    } else {
      ctx.globalAlpha = 0.7;
      ctx.strokeStyle = p.regionBorder;
      ctx.lineWidth = px(1);
      ctx.strokeRect(b.x, b.y, b.width, b.height);
    }
  }
  ctx.globalAlpha = 1;

  // Edges, batched by style and emphasis: one path per batch.
  const routes = routesOf(topology);
  const batches = new Map<string, { colour: string; alpha: number; width: number; segments: number[] }>();
  for (const e of edges) {
    const s = boxes.get(e.source);
    const t = boxes.get(e.target);
    if (!s || !t || !e.data) continue;
    if (!visible({ x: Math.min(s.x, t.x), y: Math.min(s.y, t.y), width: Math.abs(s.x - t.x) + s.width, height: Math.abs(s.y - t.y) + s.height })) continue;
    const cls = view.edgeClass.get(e.id as PeeringId) ?? view.defaultEdgeClass;
    const dimmed = cls.includes('is-dimmed');
    const strong = /is-(incident|selected|on-path)/.test(cls);
    const peering = e.data.peering;
    const look = peeringEdgeStyle(peering, peering.status === 'active' ? routes.byPeering.get(peering.id)?.detail : undefined);
    const key = `${look.category}|${dimmed ? 'd' : strong ? 's' : 'n'}`;
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { colour: p[look.colour], alpha: dimmed ? 0.1 : 0.9, width: strong ? 2.5 * dpr : 1, segments: [] }));
    const { from, to } = rectEnds(s, t, 0);
    batch.segments.push(from.x, from.y, to.x, to.y);
  }
  for (const batch of batches.values()) {
    ctx.globalAlpha = batch.alpha;
    ctx.strokeStyle = batch.colour;
    ctx.lineWidth = px(batch.width);
    ctx.beginPath();
    const seg = batch.segments;
    for (let i = 0; i < seg.length; i += 4) {
      ctx.moveTo(seg[i]!, seg[i + 1]!);
      ctx.lineTo(seg[i + 2]!, seg[i + 3]!);
    }
    ctx.stroke();
  }
  if (ghosts.length > 0) {
    ctx.globalAlpha = 0.95;
    ctx.strokeStyle = p[GHOST_EDGE.colour];
    ctx.lineWidth = px(2 * dpr);
    ctx.setLineDash(GHOST_EDGE.dash.split(' ').map((n) => px(Number(n) * dpr)));
    ctx.beginPath();
    for (const g of ghosts) {
      const s = boxes.get(g.source);
      const t = boxes.get(g.target);
      if (!s || !t) continue;
      const { from, to } = rectEnds(s, t, 0);
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
    }
    ctx.stroke();
  }
  ctx.setLineDash([]);

  // Cards: the account's colour; a red or amber corner for an overlap or a route gap.
  const conflicts = conflictsOf(topology).byVpc;
  const gaps = routes.incompleteByVpc;
  for (const b of boxes.values()) {
    if (b.node.type !== 'vpc' || !visible(b)) continue;
    const cls = view.vpcClass.get(b.node.id as VpcId) ?? view.defaultVpcClass;
    const dimmed = cls.includes('is-dimmed');
    const hue = p.hues[b.node.data.hue] ?? p.accent;
    const external = b.node.data.vpc === undefined;
    ctx.globalAlpha = dimmed ? 0.14 : 1;
    ctx.fillStyle = p.card;
    ctx.fillRect(b.x, b.y, b.width, b.height);
    ctx.globalAlpha = dimmed ? 0.08 : external ? 0.15 : 0.45;
    ctx.fillStyle = cls.includes('is-conflict') ? p.bad : hue;
    ctx.fillRect(b.x, b.y, b.width, b.height);
    ctx.globalAlpha = dimmed ? 0.2 : 1;
    const outline = cls.includes('is-selected')
      ? p.accent
      : cls.includes('is-conflict')
        ? p.bad
        : cls.includes('is-peer')
          ? p.ok
          : cls.includes('is-indirect') || cls.includes('is-on-path')
            ? p.warn
            : cls.includes('is-match')
              ? p.accent2
              : hue;
    const emphasised = outline !== hue;
    ctx.strokeStyle = outline;
    ctx.lineWidth = px(emphasised ? 3 * dpr : 1);
    ctx.strokeRect(b.x, b.y, b.width, b.height);
    if (!dimmed) {
      const corner = Math.min(b.width, b.height) * 0.28;
      if (conflicts.has(b.node.id as VpcId)) {
        ctx.fillStyle = p.bad;
        ctx.fillRect(b.x + b.width - corner, b.y, corner, corner);
      }
      if (gaps.has(b.node.id as VpcId)) {
        ctx.fillStyle = p.warn;
        ctx.fillRect(b.x + b.width - corner * (conflicts.has(b.node.id as VpcId) ? 2.1 : 1), b.y, corner, corner);
      }
    }
  }
  ctx.globalAlpha = 1;

  // Titles at screen size, where a frame is wide enough on screen to hold one.
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.textBaseline = 'top';
  for (const b of boxes.values()) {
    if (b.node.type === 'vpc' || !visible(b)) continue;
    const sx = b.x * k + tx;
    const sy = b.y * k + ty;
    const sw = b.width * k;
    if (b.node.type === 'account') {
      if (sw < 70) continue;
      ctx.font = '600 13px system-ui, sans-serif';
      ctx.fillStyle = p.hues[b.node.data.hue] ?? p.text;
      ctx.fillText(fit(ctx, accountName(b.node.data) ?? b.node.data.accountId, sw - 12), sx + 6, sy + 5);
    } else if (b.node.type === 'region' && sw > 90 && k > 0.12) {
      ctx.font = '500 10.5px ui-monospace, monospace';
      ctx.fillStyle = p.muted;
      ctx.fillText(fit(ctx, b.node.data.region, sw - 10), sx + 5, sy + 4);
    }
  }
}

/** `text`, cut with an ellipsis to fit `maxWidth` pixels. */
function fit(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let t = text;
  while (t.length > 1 && ctx.measureText(`${t}…`).width > maxWidth) t = t.slice(0, -1);
  return `${t}…`;
}
