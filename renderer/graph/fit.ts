/** How the canvas fits the network in view: clear of the banner and zoom controls at the top, and of the legend and the minimap at the bottom.
 *
 * The legend (bottom left) and the minimap (bottom right) float over the canvas. A fit leaves
 * their room: each is cleared either from below (the view ends above it) or from its side (the
 * view ends beside it), whichever combination lets the network be drawn largest, measured from
 * their boxes at the moment of the fit (the legend may be collapsed, the minimap absent).
 */
import type { FitViewOptions, ReactFlowInstance, Viewport } from '@xyflow/react';
import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';

import type { AppEdge, AppNode } from './flow-types';
import { LARGE_NETWORK_VPCS, SUMMARY_BELOW_ZOOM } from './overview/zoom-levels';

/** Room at each side when nothing floats there: the banner's at the top, the zoom controls' at the right. */
const BASE = { top: 52, right: 60, bottom: 24, left: 24 } as const;
/** Space kept between the network and a floating panel. */
const GAP = 16;
/**
 * A network whose whole fit would fall below the card zoom by no more than this factor is small
 * enough to pan: its fit stops at the card zoom (cards readable, the rest a pan away) instead of
 * showing region summaries.
 */
const PANNABLE_FACTOR = 2;
/** The zoom such a fit ends at: a hair above the card zoom, so no rounding of the transform tips it into summaries. */
const READABLE_FIT_ZOOM = SUMMARY_BELOW_ZOOM + 0.001;

/** Fit options with the base padding, for a fit before anything is measured. */
export const FIT_VIEW_OPTIONS: FitViewOptions<AppNode> = {
  padding: { top: `${BASE.top}px`, bottom: `${BASE.bottom + 64}px`, left: `${BASE.left}px`, right: `${BASE.right}px` },
  // The overview hides React Flow's nodes (the canvas paints them); they still count for the fit.
  includeHiddenNodes: true,
};

/** A box relative to the canvas. */
interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** Per-side padding in pixels. */
export interface FitPadding {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/**
 * The padding that draws `content` (its width and height at zoom 1) largest in a `width` ×
 * `height` canvas while keeping clear of each floating panel, by clearing each one either from
 * below or from its side (`anchor`: the canvas side it is pinned to).
 */
export function fitPadding(width: number, height: number, content: { width: number; height: number }, panels: readonly (Box & { anchor: 'left' | 'right' })[]): FitPadding {
  let best: { padding: FitPadding; zoom: number } | undefined;
  for (let combo = 0; combo < 1 << panels.length; combo++) {
    const p: { -readonly [K in keyof FitPadding]: number } = { ...BASE };
    panels.forEach((panel, i) => {
      const fromSide = (combo >> i) & 1;
      if (!fromSide) p.bottom = Math.max(p.bottom, height - panel.top + GAP);
      else if (panel.anchor === 'left') p.left = Math.max(p.left, panel.right + GAP);
      else p.right = Math.max(p.right, width - panel.left + GAP);
    });
    const zoom = Math.min((width - p.left - p.right) / Math.max(1, content.width), (height - p.top - p.bottom) / Math.max(1, content.height));
    if (!best || zoom > best.zoom) best = { padding: p, zoom };
  }
  return best!.padding;
}

/**
 * The zoom a fit ends at instead of the whole network's: the card zoom for a small network (fewer VPCs than a large one)
 * whose whole fit `fitZoom` would be summary-size but within `PANNABLE_FACTOR` of the card zoom;
 * otherwise none (the whole network in view, summaries if that is what fits).
 */
export function readableZoom(fitZoom: number, vpcCount: number): number | undefined {
  if (vpcCount === 0 || vpcCount >= LARGE_NETWORK_VPCS) return undefined;
  if (fitZoom >= SUMMARY_BELOW_ZOOM || fitZoom * PANNABLE_FACTOR < SUMMARY_BELOW_ZOOM) return undefined;
  return READABLE_FIT_ZOOM;
}

/** The floating panels over the bottom of the canvas, measured now. */
function bottomPanels(flow: Element): (Box & { anchor: 'left' | 'right' })[] {
  const origin = flow.getBoundingClientRect();
  const panels: (Box & { anchor: 'left' | 'right' })[] = [];
  for (const [selector, anchor] of [
    ['.legend', 'left'],
    ['.react-flow__minimap', 'right'],
  ] as const) {
    const el = flow.querySelector(selector);
    if (!el) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    panels.push({ left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top, anchor });
  }
  return panels;
}

/**
 * The viewport that draws `bounds` at `zoom` in a `width` × `height` canvas inside `padding`: on
 * each axis centred when it fits, else from its start (its top, its left), where a reader starts.
 */
export function viewportAt(width: number, height: number, bounds: { x: number; y: number; width: number; height: number }, padding: FitPadding, zoom: number): Viewport {
  const axis = (size: number, start: number, end: number, from: number, extent: number) => {
    const room = size - start - end;
    const drawn = extent * zoom;
    return (drawn <= room ? start + (room - drawn) / 2 : start) - from * zoom;
  };
  return { x: axis(width, padding.left, padding.right, bounds.x, bounds.width), y: axis(height, padding.top, padding.bottom, bounds.y, bounds.height), zoom };
}

/** How to fit the canvas as it is now (its size, its panels, the network's bounds): fit options, or for a small network too big for its cards the viewport at the card zoom. */
export function fitNow(rf: Pick<ReactFlowInstance<AppNode, AppEdge>, 'getNodes' | 'getNodesBounds'>, extra: FitViewOptions<AppNode> = {}): { options: FitViewOptions<AppNode> } | { viewport: Viewport } {
  const flow = document.querySelector('[data-testid="topology-canvas"] .react-flow');
  const nodes = rf.getNodes();
  if (!flow || nodes.length === 0) return { options: { ...FIT_VIEW_OPTIONS, ...extra } };
  const { width, height } = flow.getBoundingClientRect();
  const bounds = rf.getNodesBounds(nodes);
  const p = fitPadding(width, height, bounds, bottomPanels(flow));
  const fitZoom = Math.min((width - p.left - p.right) / Math.max(1, bounds.width), (height - p.top - p.bottom) / Math.max(1, bounds.height));
  const readable = readableZoom(fitZoom, nodes.filter((n) => n.type === 'vpc').length);
  if (readable !== undefined) return { viewport: viewportAt(width, height, bounds, p, readable) };
  return { options: { ...FIT_VIEW_OPTIONS, padding: { top: `${p.top}px`, right: `${p.right}px`, bottom: `${p.bottom}px`, left: `${p.left}px` }, ...extra } };
}

/**
 * A fit of the whole network that leaves the floating panels their room (the Fit button, `f`, a
 * new layout); a small network too big for its cards is shown at the card zoom instead, from its
 * top (and its left when it is too wide), the rest a pan away.
 */
export function useFitNetwork(): (extra?: FitViewOptions<AppNode>) => Promise<boolean> {
  const rf = useReactFlow<AppNode, AppEdge>();
  return useCallback(
    (extra: FitViewOptions<AppNode> = {}) => {
      const fit = fitNow(rf, extra);
      return 'viewport' in fit ? rf.setViewport(fit.viewport, extra.duration ? { duration: extra.duration } : undefined) : rf.fitView(fit.options);
    },
    [rf],
  );
}
