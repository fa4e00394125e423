/** VPC cards in the zoomed-out overview: a tile in the account's colour, its emphasis as an outline. */
import type { VpcId } from '../../../../shared/model/ids';
import { conflictsOf, routesOf } from '../../derive';
import type { VpcFlowNode } from '../../flow-types';
import type { NodePainter } from '../../overview/paint';

/** A card: the account's colour; a red or amber corner for an overlap or a route gap. */
export const VPC_PAINTER: NodePainter<VpcFlowNode> = {
  front({ ctx, palette: p, px, dpr, view, topology }, b) {
    const id = b.node.id as VpcId;
    const cls = view.vpcClass.get(id) ?? view.defaultVpcClass;
    const dimmed = cls.includes('is-dimmed');
    const hue = p.hues[b.node.data.hue] ?? p.accent;
    const external = b.node.data.vpc === undefined;
    ctx.globalAlpha = dimmed ? 0.14 : 1;
    ctx.fillStyle = p.card;
    ctx.fillRect(b.x, b.y, b.width, b.height);
    ctx.globalAlpha = dimmed ? 0.08 : external ? 0.15 : 0.45;
    ctx.fillStyle = cls.includes('is-conflict') ? p.bad : hue;
    ctx.fillRect(b.x, b.y, b.width, b.height);
    ctx.globalAlpha = dimmed ? 0.2 : 1;
    const outline = cls.includes('is-selected')
      ? p.accent
      : cls.includes('is-conflict')
        ? p.bad
        : cls.includes('is-peer')
          ? p.ok
          : cls.includes('is-indirect') || cls.includes('is-on-path')
            ? p.warn
            : cls.includes('is-match')
              ? p.accent2
              : hue;
    const emphasised = outline !== hue;
    ctx.strokeStyle = outline;
    ctx.lineWidth = px(emphasised ? 3 * dpr : 1);
    ctx.strokeRect(b.x, b.y, b.width, b.height);
    if (!dimmed) {
      const conflict = conflictsOf(topology).byVpc.has(id);
      const corner = Math.min(b.width, b.height) * 0.28;
      if (conflict) {
        ctx.fillStyle = p.bad;
        ctx.fillRect(b.x + b.width - corner, b.y, corner, corner);
      }
      if (routesOf(topology).incompleteByVpc.has(id)) {
        ctx.fillStyle = p.warn;
        ctx.fillRect(b.x + b.width - corner * (conflict ? 2.1 : 1), b.y, corner, corner);
      }
    }
  },
};
