/** How the canvas fits the network in view: room at the top for the banner and at the bottom for the legend. */
import type { FitViewOptions } from '@xyflow/react';

/** Fit options used on every new layout, by the Fit button and by the `f` shortcut. */
export const FIT_VIEW_OPTIONS: FitViewOptions = {
  padding: { top: '52px', bottom: '88px', left: '24px', right: '60px' },
  // The overview hides React Flow's nodes (the canvas paints them); they still count for the fit.
  includeHiddenNodes: true,
};
