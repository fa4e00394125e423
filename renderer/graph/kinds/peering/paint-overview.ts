/*
 * Peerings in the zoomed-out overview. They are drawn in their diagram-style colour as
 * one-device-pixel lines without dashes: in a software-rendered Chromium, Skia strokes hairlines
 * about ten times faster than wider or dashed anti-aliased lines (measured: 2,000 long lines,
 * 17 ms a frame as hairlines, 220 ms at 1.6 px, 600 ms dashed). Closer in, the DOM edges carry
 * the dash patterns the legend shows.
 */
import { peeringEdgeStyle } from '../../../../shared/diagram/style';
import type { PeeringId } from '../../../../shared/model/ids';
import { routesOf } from '../../derive';
import { rectEnds } from '../../edges/floating';
import type { PeeringFlowEdge } from '../../flow-types';
import type { EdgePainter } from '../../overview/paint';

/** Every visible peering, batched by style and emphasis: one path per batch. */
export const paintPeerings: EdgePainter<PeeringFlowEdge> = ({ ctx, palette: p, px, dpr, view, topology, boxes, visible }, edges) => {
  const routes = routesOf(topology);
  const batches = new Map<string, { colour: string; alpha: number; width: number; segments: number[] }>();
  for (const e of edges) {
    const s = boxes.get(e.source);
    const t = boxes.get(e.target);
    if (!s || !t || !e.data) continue;
    if (!visible({ x: Math.min(s.x, t.x), y: Math.min(s.y, t.y), width: Math.abs(s.x - t.x) + s.width, height: Math.abs(s.y - t.y) + s.height })) continue;
    const cls = view.edgeClass.get(e.id as PeeringId) ?? view.defaultEdgeClass;
    const dimmed = cls.includes('is-dimmed');
    const strong = /is-(incident|selected|on-path|match)/.test(cls);
    const peering = e.data.peering;
    const look = peeringEdgeStyle(peering, peering.status === 'active' ? routes.byPeering.get(peering.id)?.detail : undefined);
    const key = `${look.category}|${dimmed ? 'd' : strong ? 's' : 'n'}`;
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { colour: p[look.colour], alpha: dimmed ? 0.1 : 0.9, width: strong ? 2.5 * dpr : 1, segments: [] }));
    const { from, to } = rectEnds(s, t, 0);
    batch.segments.push(from.x, from.y, to.x, to.y);
  }
  for (const batch of batches.values()) {
    ctx.globalAlpha = batch.alpha;
    ctx.strokeStyle = batch.colour;
    ctx.lineWidth = px(batch.width);
    ctx.beginPath();
    const seg = batch.segments;
    for (let i = 0; i < seg.length; i += 4) {
      ctx.moveTo(seg[i]!, seg[i + 1]!);
      ctx.lineTo(seg[i + 2]!, seg[i + 3]!);
    }
    ctx.stroke();
  }
};
