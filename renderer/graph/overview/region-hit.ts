/** Which region summary is under the pointer, and how a click on one zooms into it. */
import type { FitViewOptions } from '@xyflow/react';

import type { Point } from '../edges/floating';
import type { AppNode, RegionFlowNode } from '../flow-types';
import type { PaintedBox } from './paint';
import { SUMMARY_BELOW_ZOOM } from './zoom-levels';

/** The region box at a point in flow coordinates, if any. */
export function regionAt(boxes: ReadonlyMap<string, PaintedBox<AppNode>>, at: Point): PaintedBox<RegionFlowNode> | undefined {
  for (const b of boxes.values()) {
    if (b.node.type === 'region' && at.x >= b.x && at.x <= b.x + b.width && at.y >= b.y && at.y <= b.y + b.height) return b as PaintedBox<RegionFlowNode>;
  }
  return undefined;
}

/**
 * Fit the view to one region, at least far enough in for its cards to show (a region too big to
 * fit at that zoom is centred instead), and at most to the cards' full size.
 */
export function zoomIntoRegion(regionId: string): FitViewOptions {
  return {
    nodes: [{ id: regionId }],
    // The overview's nodes are hidden from React Flow; the region still has its size.
    includeHiddenNodes: true,
    padding: 0.08,
    minZoom: SUMMARY_BELOW_ZOOM * 1.2,
    maxZoom: 1,
    duration: 300,
  };
}
