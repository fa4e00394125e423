/** Account and region frames in the zoomed-out overview: a tinted account, an outlined region, their titles. */
import { accountName } from '../../../../shared/diagram/names';
import type { AccountFlowNode, RegionFlowNode } from '../../flow-types';
import type { NodePainter } from '../../overview/paint';
import { fitText } from '../../overview/paint';

/** An account frame: a faint fill and an outline in the account's colour, its name when wide enough. */
export const ACCOUNT_PAINTER: NodePainter<AccountFlowNode> = {
  back({ ctx, palette: p, px }, b) {
    const hue = p.hues[b.node.data.hue] ?? p.accent;
    ctx.globalAlpha = 0.06;
    ctx.fillStyle = hue;
    ctx.fillRect(b.x, b.y, b.width, b.height);
    ctx.globalAlpha = 0.55;
    ctx.strokeStyle = hue;
    ctx.lineWidth = px(1);
    ctx.strokeRect(b.x, b.y, b.width, b.height);
  },
  title({ ctx, palette: p }, b, screen) {
    if (screen.width < 70) return;
    ctx.font = '600 13px system-ui, sans-serif';
    ctx.fillStyle = p.hues[b.node.data.hue] ?? p.text;
    ctx.fillText(fitText(ctx, accountName(b.node.data) ?? b.node.data.accountId, screen.width - 12), screen.x + 6, screen.y + 5);
  },
};

/** A region frame: a thin outline, its code when wide enough and not too far out. */
export const REGION_PAINTER: NodePainter<RegionFlowNode> = {
  back({ ctx, palette: p, px }, b) {
    ctx.globalAlpha = 0.7;
    ctx.strokeStyle = p.regionBorder;
    ctx.lineWidth = px(1);
    ctx.strokeRect(b.x, b.y, b.width, b.height);
  },
  title({ ctx, palette: p, transform }, b, screen) {
    if (!(screen.width > 90 && transform[2] > 0.12)) return;
    ctx.font = '500 10.5px ui-monospace, monospace';
    ctx.fillStyle = p.muted;
    ctx.fillText(fitText(ctx, b.node.data.region, screen.width - 10), screen.x + 5, screen.y + 4);
  },
};
