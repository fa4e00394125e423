/** Sizes of the diagram's boxes, shared by the layout, the graph's node components and the exporters.
 *
 * The graph draws each VPC card at exactly the size the layout reserved for it, so these numbers
 * and the card's CSS (renderer/styles.css, `.vpc-card`) must agree.
 */

/** Width of a VPC card. */
export const VPC_CARD_WIDTH = 252;
/** Card height without CIDR lines: padding, name, id, gaps and the account/region footer. */
export const VPC_CARD_BASE_HEIGHT = 92;
/** Height of one CIDR line on a card. */
export const VPC_CARD_CIDR_LINE_HEIGHT = 22;
/** A card lists at most this many blocks, then a "+N more" line. */
export const VPC_CARD_MAX_CIDR_LINES = 4;

/** Width of a transit gateway hub box. */
export const TGW_HUB_WIDTH = 208;
/** Height of a transit gateway hub box: its name, id and a line of badges. */
export const TGW_HUB_HEIGHT = 78;
/** Space between a region's row of hubs and its cards: room for an attachment's label between them. */
export const TGW_HUB_GAP_Y = 60;

/** Space between cards in a region frame. */
export const VPC_GAP_X = 28;
/** Vertical space between rows of cards. */
export const VPC_GAP_Y = 28;

/** Inner padding of a region frame; `top` leaves room for its title. */
export const REGION_PADDING = { top: 44, right: 20, bottom: 20, left: 20 } as const;
/** Inner padding of an account frame; `top` leaves room for its title and profiles. */
export const ACCOUNT_PADDING = { top: 64, right: 24, bottom: 24, left: 24 } as const;
/** Space between region frames inside an account. */
export const REGION_GAP = 28;
/** Space between account frames. */
export const ACCOUNT_GAP = 72;

/** How many lines of CIDR blocks a card with `cidrCount` blocks shows. */
export function cidrLineCount(cidrCount: number): number {
  if (cidrCount <= 1) return 1;
  return cidrCount > VPC_CARD_MAX_CIDR_LINES ? VPC_CARD_MAX_CIDR_LINES + 1 : cidrCount;
}

/** Height of a card listing `cidrCount` blocks. */
export function vpcCardHeight(cidrCount: number): number {
  return VPC_CARD_BASE_HEIGHT + cidrLineCount(cidrCount) * VPC_CARD_CIDR_LINE_HEIGHT;
}

/** Columns of the card grid in a region of `count` VPCs: about square in cards, so wider than tall. */
export function regionGridColumns(count: number): number {
  if (count <= 3) return Math.max(1, count);
  return Math.ceil(Math.sqrt(count));
}

/** A box in layout coordinates. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A point in layout coordinates. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A point on a quadratic curve. */
export function quadraticAt(start: Point, ctrl: Point, end: Point, t: number): Point {
  return {
    x: (1 - t) * (1 - t) * start.x + 2 * (1 - t) * t * ctrl.x + t * t * end.x,
    y: (1 - t) * (1 - t) * start.y + 2 * (1 - t) * t * ctrl.y + t * t * end.y,
  };
}
