/** Would-be paths in the zoomed-out overview: dashed, in the style's ghost colour. */
import { GHOST_EDGE } from '../../../../shared/diagram/style';
import { rectEnds } from '../../edges/floating';
import type { GhostFlowEdge } from '../../flow-types';
import type { EdgePainter } from '../../overview/paint';

/** Every would-be path as one dashed path. */
export const paintGhosts: EdgePainter<GhostFlowEdge> = ({ ctx, palette: p, px, dpr, boxes }, ghosts) => {
  if (ghosts.length === 0) return;
  ctx.globalAlpha = 0.95;
  ctx.strokeStyle = p[GHOST_EDGE.colour];
  ctx.lineWidth = px(2 * dpr);
  ctx.setLineDash(GHOST_EDGE.dash.split(' ').map((n) => px(Number(n) * dpr)));
  ctx.beginPath();
  for (const g of ghosts) {
    const s = boxes.get(g.source);
    const t = boxes.get(g.target);
    if (!s || !t) continue;
    const { from, to } = rectEnds(s, t, 0);
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
  }
  ctx.stroke();
};
