/** Transit gateway hubs as React Flow nodes, inside their owner's region frame. */
import { tgwEndpointCounts } from '../../../../shared/diagram/kinds/tgw/scene';
import { accountName } from '../../../../shared/diagram/names';
import { REGION_PADDING } from '../../../../shared/diagram/geometry';
import type { TgwFlowNode } from '../../flow-types';
import { Z } from '../../flow-types';
import { insideFrame } from '../frames/to-flow';
import type { PlacedBox, ToFlowContext } from '../to-flow-context';

/** The hub of a gateway box. Hubs stay where the layout put them (not dragged): a click selects one (the canvas's node click). */
export function tgwNode({ box, position, size, parentSize }: PlacedBox, ctx: ToFlowContext): TgwFlowNode | undefined {
  const g = ctx.tgws.get(box.id);
  if (!g) return undefined;
  const account = ctx.accounts.get(`account:${g.accountId}`);
  return {
    id: box.id,
    type: 'tgw',
    position,
    ...size,
    zIndex: Z.card,
    ...(box.parentId ? { parentId: box.parentId, extent: insideFrame(parentSize, REGION_PADDING) } : {}),
    draggable: false,
    connectable: false,
    // React Flow lets a press on a node that is not draggable pan the canvas, and the pan then takes the click; a hub is clicked, not panned from.
    className: 'nopan',
    ariaLabel: `Transit gateway ${g.label}`,
    data: {
      gateway: g.gateway,
      accountLabel: accountName({ name: account?.name, alias: account?.alias, profiles: ctx.profiles.get(g.accountId) ?? [] }) ?? g.accountId,
      hue: ctx.hues.get(g.accountId) ?? 0,
      endpoints: tgwEndpointCounts(ctx.topology, g.gateway),
    },
  };
}
