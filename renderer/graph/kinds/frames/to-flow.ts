/** Account and region frames as React Flow nodes. */
import type { CoordinateExtent } from '@xyflow/react';

import { ACCOUNT_PADDING } from '../../../../shared/diagram/geometry';
import type { AccountFlowNode, RegionFlowNode } from '../../flow-types';
import { Z } from '../../flow-types';
import type { PlacedBox, ToFlowContext } from '../to-flow-context';

/**
 * Frames move only by their title bar; a press anywhere else on them reaches the pane and pans,
 * which is what people mean when they drag the empty inside of a big frame.
 */
const FRAME_BEHAVIOUR = {
  selectable: false,
  connectable: false,
  focusable: false,
  className: 'frame-node',
  dragHandle: '.frame-title',
  style: { pointerEvents: 'none' as const },
};

/**
 * Where a box may be dragged inside its frame: the frame less its padding (its title bar on top),
 * relative to the frame, as React Flow reads a child's extent. A box stays inside its frame and a
 * frame never grows to hold a box dragged out of it; the layout keeps the same padding
 * (shared/diagram/pack-topology.ts), so a box dropped against an edge is laid out there again.
 */
export function insideFrame(
  frame: { readonly width: number; readonly height: number } | undefined,
  padding: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number },
): CoordinateExtent | 'parent' {
  if (!frame) return 'parent';
  return [
    [padding.left, padding.top],
    [frame.width - padding.right, frame.height - padding.bottom],
  ];
}

/** The frame of an account box (drawn at its absolute position). */
export function accountNode({ box, position, size }: PlacedBox, ctx: ToFlowContext): AccountFlowNode | undefined {
  const a = ctx.accounts.get(box.id);
  if (!a) return undefined;
  return {
    id: box.id,
    type: 'account',
    position,
    ...size,
    zIndex: Z.account,
    ...FRAME_BEHAVIOUR,
    data: {
      accountId: a.accountId,
      ...(a.name ? { name: a.name } : {}),
      ...(a.alias ? { alias: a.alias } : {}),
      ...(a.ouPath !== undefined ? { ouPath: a.ouPath } : {}),
      profiles: ctx.profiles.get(a.accountId) ?? [],
      scanned: a.scanned,
      vpcCount: a.regions.reduce((n, r) => n + r.vpcs.length, 0),
      hue: ctx.hues.get(a.accountId) ?? 0,
    },
  };
}

/** The frame of a region box, inside its account. */
export function regionNode({ box, position, size, parentSize }: PlacedBox, ctx: ToFlowContext): RegionFlowNode {
  const [accountId, region] = box.id.slice('region:'.length).split('/') as [string, string];
  return {
    id: box.id,
    type: 'region',
    position,
    ...size,
    zIndex: Z.region,
    ...(box.parentId ? { parentId: box.parentId, extent: insideFrame(parentSize, ACCOUNT_PADDING) } : {}),
    ...FRAME_BEHAVIOUR,
    data: { accountId, region, vpcCount: ctx.regionCounts.get(box.id) ?? 0 },
  };
}

/** Height of an account frame's title band on the canvas (`.account-frame > .frame-title` in styles.css): edge labels keep off it. */
export const ACCOUNT_TITLE_BAND = 52;
/** Height of a region frame's title band on the canvas (`.region-frame > .frame-title`). */
export const REGION_TITLE_BAND = 36;
