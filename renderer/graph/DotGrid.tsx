/**
 * The canvas's dot grid, drawn inside the viewport as one CSS background.
 *
 * React Flow's `<Background>` is an SVG pattern over the whole pane whose offset follows the
 * viewport: every frame of a pan repaints and re-rasters it, and in a software-rendered window
 * that was the largest single cost of panning a 1,000-VPC network. Here the dots move with the
 * viewport's compositor layer like the cards do, so a pan only rasters newly exposed tiles. The
 * grid covers the laid-out network with a margin as large as the network on every side; the same
 * 28 px gap and 1.2 px dots as before, scaled with the zoom like everything in the viewport.
 */
import { ViewportPortal } from '@xyflow/react';

import type { DiagramLayout } from '../../shared/diagram/layout';

/** Distance between dots, in flow pixels. */
export const DOT_GAP = 28;

export function DotGrid({ layout }: { layout: DiagramLayout | undefined }) {
  if (!layout) return null;
  const marginX = Math.max(layout.width, 2000);
  const marginY = Math.max(layout.height, 2000);
  // Aligned to the gap, so dots sit where they sat on the flow's own grid.
  const left = Math.floor(-marginX / DOT_GAP) * DOT_GAP;
  const top = Math.floor(-marginY / DOT_GAP) * DOT_GAP;
  return (
    <ViewportPortal>
      <div
        className="dot-grid"
        data-testid="dot-grid"
        aria-hidden
        style={{ transform: `translate(${left}px, ${top}px)`, width: layout.width + marginX - left, height: layout.height + marginY - top }}
      />
    </ViewportPortal>
  );
}
