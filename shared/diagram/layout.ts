/** Positions of every box of the topology diagram: the graph view and the exporters share it. */

/** What a box can stand for: the one list the layout, the scene's kinds and the API's schema read. */
export const LAID_OUT_KINDS = ['account', 'region', 'vpc', 'tgw'] as const;
/** What a box stands for. */
export type LaidOutKind = (typeof LAID_OUT_KINDS)[number];

/** One laid-out box, in absolute diagram coordinates (pixels at zoom 1). */
export interface LaidOutBox {
  /** `account:<id>`, `region:<account>/<region>`, the VPC id or the transit gateway id. */
  readonly id: string;
  readonly kind: LaidOutKind;
  /** The containing box (a VPC's or a hub's region, a region's account). */
  readonly parentId?: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A whole laid-out diagram. */
export interface DiagramLayout {
  readonly boxes: readonly LaidOutBox[];
  readonly width: number;
  readonly height: number;
}

/** The id of an account's frame. */
export function accountBoxId(accountId: string): string {
  return `account:${accountId}`;
}

/** The id of a region frame inside an account. */
export function regionBoxId(accountId: string, region: string): string {
  return `region:${accountId}/${region}`;
}
