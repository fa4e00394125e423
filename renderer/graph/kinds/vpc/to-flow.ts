/** VPC cards as React Flow nodes. */
import { accountName } from '../../../../shared/diagram/names';
import { REGION_PADDING } from '../../../../shared/diagram/geometry';
import type { VpcFlowNode } from '../../flow-types';
import { Z } from '../../flow-types';
import { insideFrame } from '../frames/to-flow';
import type { PlacedBox, ToFlowContext } from '../to-flow-context';

/** The class of a card's grip: the only part of a card that moves it (the rest starts a peering). */
export const VPC_GRIP_CLASS = 'vpc-grip';

/** The card of a VPC box, inside its region. */
export function vpcNode({ box, position, size, parentSize }: PlacedBox, ctx: ToFlowContext): VpcFlowNode | undefined {
  const v = ctx.vpcs.get(box.id);
  if (!v) return undefined;
  const account = ctx.accounts.get(`account:${v.accountId}`);
  return {
    id: box.id,
    type: 'vpc',
    position,
    ...size,
    zIndex: Z.card,
    ...(box.parentId ? { parentId: box.parentId, extent: insideFrame(parentSize, REGION_PADDING) } : {}),
    dragHandle: `.${VPC_GRIP_CLASS}`,
    ariaLabel: `VPC ${v.label}`,
    data: {
      vpcId: v.id,
      label: v.label,
      ...(v.vpc ? { vpc: v.vpc } : {}),
      cidrs: v.cidrs,
      accountId: v.accountId,
      accountLabel: accountName({ name: account?.name, alias: account?.alias, profiles: ctx.profiles.get(v.accountId) ?? [] }) ?? v.accountId,
      region: v.region,
      hue: ctx.hues.get(v.accountId) ?? 0,
    },
  };
}
