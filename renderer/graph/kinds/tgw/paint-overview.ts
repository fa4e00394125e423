/**
 * Transit gateway hubs in the zoomed-out overview: each hub a small screen-size badge (a ring in
 * its owner's colour and its name) along the bottom of its region's summary box, below the
 * region's text (which leaves that band free: `HUB_BAND`), so the hubs stay visible where the
 * cards give way to region summaries. The badge keeps a readable size however far out (at most
 * the region box wide); a search match gets the match colour.
 */
import type { VpcId } from '../../../../shared/model/ids';
import { regionBoxId } from '../../../../shared/diagram/layout';
import { FONT_SANS } from '../../../../shared/diagram/style';
import type { Topology } from '../../../../shared/model/topology';
import type { Rect } from '../../edges/floating';
import type { TgwFlowNode } from '../../flow-types';
import type { NodePainter } from '../../overview/paint';
import { fitText } from '../../overview/paint';

/** The badge's sizes on screen, in CSS pixels. */
const BADGE = { height: 18, ring: 5, padX: 5, gap: 5, font: `650 10.5px ${FONT_SANS}`, minWidth: 24 } as const;
/** The band at the bottom of a region's summary box, in CSS pixels, that holds its hubs' badges. */
export const HUB_BAND = BADGE.height + 6;

const hubRegions = new WeakMap<Topology, ReadonlySet<string>>();

/** The region boxes that hold a transit gateway hub (memoised per topology). */
export function regionsWithHubs(topology: Topology): ReadonlySet<string> {
  let set = hubRegions.get(topology);
  if (!set) hubRegions.set(topology, (set = new Set(topology.transitGateways.map((g) => regionBoxId(g.accountId, g.region)))));
  return set;
}

/** A hub: its badge at screen size, under the hub's middle in its region's bottom band, kept inside the region's box. */
export const TGW_PAINTER: NodePainter<TgwFlowNode> = {
  title(p, b, screen) {
    const { ctx, palette } = p;
    const parent = b.node.parentId ? p.boxes.get(b.node.parentId) : undefined;
    const [tx, ty, k] = p.transform;
    const room: Rect = parent ? { x: parent.x * k + tx, y: parent.y * k + ty, width: parent.width * k, height: parent.height * k } : screen;
    if (room.width < BADGE.minWidth || room.height < BADGE.height) return [];
    const g = b.node.data.gateway;
    ctx.font = BADGE.font;
    const maxText = room.width - 2 * BADGE.padX - 2 * BADGE.ring - BADGE.gap - 4;
    const text = maxText > 12 ? fitText(ctx, g.name ?? g.id, maxText) : '';
    const width = Math.min(room.width - 2, 2 * BADGE.padX + 2 * BADGE.ring + (text ? BADGE.gap + ctx.measureText(text).width : 0));
    const cx = screen.x + screen.width / 2;
    const x = Math.min(Math.max(cx - width / 2, room.x + 1), room.x + room.width - width - 1);
    const y = Math.max(room.y + 1, room.y + room.height - HUB_BAND + (HUB_BAND - BADGE.height) / 2);
    const hue = palette.hues[b.node.data.hue] ?? palette.accent;
    const match = p.view.vpcClass.get(b.node.id as VpcId)?.includes('is-match') ?? false;
    const dimmed = !match && p.view.defaultVpcClass.includes('is-dimmed');
    ctx.globalAlpha = dimmed ? 0.5 : 1;
    ctx.beginPath();
    ctx.roundRect(x, y, width, BADGE.height, BADGE.height / 2);
    ctx.fillStyle = palette.card;
    ctx.fill();
    ctx.lineWidth = match ? 2.5 : 1.5;
    ctx.strokeStyle = match ? palette.accent2 : hue;
    ctx.setLineDash(g.routing.state === 'unread' ? [3, 2] : []);
    ctx.stroke();
    ctx.setLineDash([]);
    const ringX = x + BADGE.padX + BADGE.ring;
    ctx.beginPath();
    ctx.arc(ringX, y + BADGE.height / 2, BADGE.ring - 1, 0, 2 * Math.PI);
    ctx.lineWidth = 1.75;
    ctx.strokeStyle = hue;
    ctx.stroke();
    if (text) {
      ctx.fillStyle = palette.text;
      ctx.fillText(text, ringX + BADGE.ring + BADGE.gap, y + (BADGE.height - 10.5) / 2);
    }
    ctx.globalAlpha = 1;
    return [{ x, y, width, height: BADGE.height }];
  },
};
