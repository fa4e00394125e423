/*
 * Peerings in the zoomed-out overview: one line per pair of regions they join (the summary's
 * links), wider the more peerings it stands for, in the colour of the worst of their states (the
 * peering edges' colours), labelled with the count where a label fits between the boxes. Peerings
 * inside one region are a count in its box. Lines are solid: in a software-rendered Chromium,
 * Skia strokes dashed anti-aliased lines many times slower than solid ones, and the colour
 * already tells the state. A link is drawn as hairlines one device pixel wide, side by side for
 * a wider link: Skia strokes hairlines about ten times faster than wide anti-aliased lines
 * (measured with `npm run bench:graph`: 1.2 ms a frame for the links of 1,000 VPCs as single
 * hairlines, 3.8 ms as wide strokes).
 */
import type { RegionLink } from '../../../../shared/diagram/region-summaries';
import { FONT_SANS } from '../../../../shared/diagram/style';
import type { Rect } from '../../edges/floating';
import { rectEnds } from '../../edges/floating';
import type { PeeringFlowEdge } from '../../flow-types';
import type { EdgePainter, PaintContext } from '../../overview/paint';
import { overlaps } from '../../overview/paint';
import { worstToken } from '../../overview/summary-words';

/**
 * Screen width of a link standing for `count` peerings, in CSS pixels: one pixel more each time
 * the count doubles (1 for one, 2 for two or three, 3 from four…), at most 7. Whole pixels, as
 * wide lines cost the rasteriser in proportion to their width.
 */
export function linkWidth(count: number): number {
  return Math.min(1 + Math.floor(Math.log2(Math.max(1, count))), 7);
}

/** Extra width of a link holding an emphasised peering. */
const STRONG_EXTRA_PX = 2;
const LABEL = { font: `650 10.5px ${FONT_SANS}`, height: 16, padX: 5 } as const;
/** Where along the visible part of a link its label may sit, tried in this order. */
const LABEL_AT = [0.5, 0.35, 0.65, 0.2, 0.8] as const;

/** A visible link with its ends on screen. */
interface Placed {
  readonly link: RegionLink;
  readonly from: { x: number; y: number };
  readonly to: { x: number; y: number };
}

/** The visible links with their ends (where the line between two region boxes leaves each), in flow coordinates. */
function visibleLinks({ summary, boxes, visible }: PaintContext): Placed[] {
  const out: Placed[] = [];
  for (const link of summary.links) {
    const s = boxes.get(link.a);
    const t = boxes.get(link.b);
    if (!s || !t) continue;
    const x = Math.min(s.x, t.x);
    const y = Math.min(s.y, t.y);
    if (!visible({ x, y, width: Math.max(s.x + s.width, t.x + t.width) - x, height: Math.max(s.y + s.height, t.y + t.height) - y })) continue;
    out.push({ link, ...rectEnds(s, t, 0) });
  }
  return out;
}

/** Every link, batched by colour, width and emphasis: one path per batch, dimmed first and emphasised last. */
function paintLinks(p: PaintContext): void {
  const { ctx, palette, px, dpr, emphasis } = p;
  const batches = new Map<string, { order: number; colour: string; alpha: number; width: number; segments: number[] }>();
  for (const { link, from, to } of visibleLinks(p)) {
    const e = emphasis.links.get(link.id) ?? 'normal';
    const width = linkWidth(link.count) + (e === 'strong' ? STRONG_EXTRA_PX : 0);
    const key = `${link.worst}|${e}|${width}`;
    let batch = batches.get(key);
    if (!batch) {
      const order = e === 'dimmed' ? 0 : e === 'strong' ? 2 : 1;
      batches.set(key, (batch = { order, colour: palette[worstToken(link.worst).swatch!], alpha: e === 'dimmed' ? 0.12 : 1, width, segments: [] }));
    }
    batch.segments.push(from.x, from.y, to.x, to.y);
  }
  // A link W device pixels wide is W hairlines side by side, one device pixel apart.
  ctx.lineWidth = px(1);
  for (const batch of [...batches.values()].sort((a, b) => a.order - b.order || a.width - b.width)) {
    ctx.globalAlpha = batch.alpha;
    ctx.strokeStyle = batch.colour;
    const strands = Math.max(1, Math.round(batch.width * dpr));
    ctx.beginPath();
    const seg = batch.segments;
    for (let i = 0; i < seg.length; i += 4) {
      const x1 = seg[i]!;
      const y1 = seg[i + 1]!;
      const x2 = seg[i + 2]!;
      const y2 = seg[i + 3]!;
      const length = Math.hypot(x2 - x1, y2 - y1) || 1;
      // One device pixel along the normal, in flow units.
      const nx = (-(y2 - y1) / length) * px(1);
      const ny = ((x2 - x1) / length) * px(1);
      for (let j = 0; j < strands; j++) {
        const o = j - (strands - 1) / 2;
        ctx.moveTo(x1 + nx * o, y1 + ny * o);
        ctx.lineTo(x2 + nx * o, y2 + ny * o);
      }
    }
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/** Count labels where they fit: off every box and every other label, on screen; the largest counts first. */
function paintLabels(p: PaintContext, taken: Rect[]): void {
  const { ctx, palette, transform, emphasis } = p;
  const [tx, ty, k] = transform;
  const screen = { x: 0, y: 0, width: ctx.canvas.width / p.dpr, height: ctx.canvas.height / p.dpr };
  ctx.font = LABEL.font;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  const links = visibleLinks(p)
    .filter(({ link }) => emphasis.links.get(link.id) !== 'dimmed')
    .sort((a, b) => b.link.count - a.link.count);
  for (const { link, from, to } of links) {
    const fx = from.x * k + tx;
    const fy = from.y * k + ty;
    const dx = to.x * k + tx - fx;
    const dy = to.y * k + ty - fy;
    const text = String(link.count);
    const width = ctx.measureText(text).width + 2 * LABEL.padX;
    if (Math.hypot(dx, dy) < width + 8) continue;
    for (const t of LABEL_AT) {
      const box = { x: fx + dx * t - width / 2, y: fy + dy * t - LABEL.height / 2, width, height: LABEL.height };
      if (box.x < 0 || box.y < 0 || box.x + box.width > screen.width || box.y + box.height > screen.height) continue;
      if (taken.some((r) => overlaps(r, box))) continue;
      taken.push(box);
      const colour = palette[worstToken(link.worst).swatch!];
      ctx.fillStyle = palette.panel;
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.roundRect(box.x + 0.5, box.y + 0.5, box.width - 1, box.height - 1, 6);
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = palette.text;
      ctx.fillText(text, box.x + box.width / 2, box.y + box.height / 2 + 0.5);
      break;
    }
  }
  ctx.textAlign = 'start';
  ctx.textBaseline = 'top';
}

/** Peerings as the summary's links between regions (the edges given are not drawn one by one). */
export const PEERING_PAINTER: EdgePainter<PeeringFlowEdge> = {
  lines: (p) => paintLinks(p),
  labels: (p, _edges, taken) => paintLabels(p, taken),
};
