/** Where the canvas switches between region summaries and cards. */

/**
 * Below this zoom region summaries replace the cards, whatever the network's size: a card's name
 * is 14 px (`.vpc-name` in renderer/styles.css), so further out it would render under 6 px, which
 * nobody reads. (Not higher: the demo's fitted view on a 1280×800 screen, with the legend's room,
 * is 0.44, and a first look at the demo should show its cards.)
 */
export const SUMMARY_BELOW_ZOOM = 6 / 14;

/** From this many VPCs a network counts as large: it starts in the overview, and its edges are hairlines. */
export const LARGE_NETWORK_VPCS = 200;

/** True when the network at `zoom` is shown as region summaries. */
export function isOverviewZoom(zoom: number): boolean {
  return zoom < SUMMARY_BELOW_ZOOM;
}
