/** Account and region frames in the zoomed-out overview: each region a summary box, each account its name and totals.
 *
 * Text is drawn at a fixed screen size, so it stays legible however far out; a box shows as many
 * lines as it has room for (its name and counts, then its worst peering state, then the peerings
 * inside it) and the hover tooltip and the summary list say the rest. An account's header band
 * lies in its top padding, and far out over the top of its first row of regions, whose text then
 * starts below it.
 */
import { ACCOUNT_PADDING } from '../../../../shared/diagram/geometry';
import { accountName } from '../../../../shared/diagram/names';
import type { Rect } from '../../edges/floating';
import type { AccountFlowNode, RegionFlowNode } from '../../flow-types';
import type { NodePainter, PaintContext, PaintedBox } from '../../overview/paint';
import { toScreen } from '../../overview/paint';
import type { RegionMark } from '../../overview/summary-emphasis';
import type { Token } from '../../overview/summary-text';
import { HUB_BAND, regionsWithHubs } from '../tgw/paint-overview';
import { bodyToken, drawLine, FONT_ACCOUNT, FONT_REGION, FONT_REGION_SMALL, HEADER, measureWith, separatorWidth, TEXT, TextBitmaps } from '../../overview/summary-text';
import { accountTokens, countOf, flowTokens, regionLines, regionTokens, worstToken } from '../../overview/summary-words';

/** The outline colour of each region mark (the colours the cards' emphasis uses). */
const MARK_COLOUR = { selected: 'accent', conflict: 'bad', peer: 'ok', indirect: 'warn', match: 'accent2' } as const satisfies Record<RegionMark, string>;

const bitmaps = new TextBitmaps();

const ids = new WeakMap<object, number>();
let lastId = 0;
/** A number for each summary, so a bitmap of an older summary is never taken for a newer one. */
function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = ++lastId));
  return id;
}

/** An account's header on screen: its lines of tokens and the band they take. */
interface Header {
  readonly key: string;
  readonly lines: readonly (readonly Token[])[];
  readonly band: Rect;
}

const headers = new Map<string, Omit<Header, 'band'> & { readonly height: number }>();

/** The header of an account box: laid out again only when its width, room or summary change. */
function headerOf(p: PaintContext, b: PaintedBox<AccountFlowNode>): Header {
  const screen = toScreen(b, p.transform);
  // As many lines as its top padding holds on screen, so that it covers its first regions only far out.
  const maxLines = Math.max(1, Math.floor((ACCOUNT_PADDING.top * p.transform[2] - 2 * HEADER.pad) / HEADER.line));
  const key = `${b.node.id}|${idOf(p.summary)}|${p.palette.bg}|${Math.round(screen.width)}|${maxLines}`;
  let layout = headers.get(key);
  if (!layout) {
    const summary = p.summary.accounts.find((a) => a.id === b.node.id);
    const tokens: Token[] = [
      // The name in the account's colour, as the frame's title is.
      { text: accountName(b.node.data) ?? b.node.data.accountId, colour: 'text', font: FONT_ACCOUNT, paint: p.palette.hues[b.node.data.hue] ?? p.palette.accent },
      ...(summary ? accountTokens(summary) : []).map(bodyToken),
    ];
    const lines = flowTokens(tokens, screen.width - 2 * TEXT.pad, maxLines, measureWith(p.ctx), separatorWidth(p.ctx));
    if (headers.size > 400) headers.clear();
    headers.set(key, (layout = { key, lines, height: lines.length * HEADER.line + 2 * HEADER.pad }));
  }
  return { key: layout.key, lines: layout.lines, band: { x: screen.x, y: screen.y, width: screen.width, height: layout.height } };
}

/** An account frame: a faint fill and an outline in the account's colour; its name and totals in a band along its top. */
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
  title(p, b, screen) {
    if (screen.width < 40 || screen.height < HEADER.line + 2 * HEADER.pad) return [];
    const { ctx, palette, dpr } = p;
    const { key, lines, band } = headerOf(p, b);
    ctx.globalAlpha = 1;
    ctx.fillStyle = palette.canvas;
    ctx.fillRect(band.x, band.y, band.width, band.height);
    ctx.globalAlpha = 0.14;
    ctx.fillStyle = palette.hues[b.node.data.hue] ?? palette.accent;
    ctx.fillRect(band.x, band.y, band.width, band.height);
    ctx.globalAlpha = 1;
    const width = band.width - 2 * TEXT.pad;
    bitmaps.draw(ctx, key, band.x + TEXT.pad, band.y + HEADER.pad, width, band.height - 2 * HEADER.pad, dpr, (c) =>
      lines.forEach((line, i) => drawLine(c, palette, line, 0, i * HEADER.line + 2, width)),
    );
    return [band];
  },
};

/** Where a region's text may go on screen: its box below its account's header band, above its hubs' band. */
function textArea(p: PaintContext, b: PaintedBox<RegionFlowNode>, screen: Rect): Rect {
  const parent = b.node.parentId ? p.boxes.get(b.node.parentId) : undefined;
  const band = parent?.node.type === 'account' ? headerOf(p, parent as PaintedBox<AccountFlowNode>).band : undefined;
  const top = band && band.x < screen.x + screen.width && screen.x < band.x + band.width ? Math.max(screen.y, band.y + band.height) : screen.y;
  // A region holding transit gateways keeps its bottom band for their badges.
  const bottom = screen.y + screen.height - (regionsWithHubs(p.topology).has(b.node.id) ? HUB_BAND : 0);
  return { x: screen.x, y: top, width: screen.width, height: bottom - top };
}

/** A region: a summary box over the edges, in the colour of its worst peering state, outlined when it holds what is emphasised. */
export const REGION_PAINTER: NodePainter<RegionFlowNode> = {
  front({ ctx, palette: p, px, dpr, summary, emphasis, transform }, b) {
    const region = summary.regions.get(b.node.id);
    const e = emphasis.regions.get(b.node.id);
    ctx.globalAlpha = e?.dimmed ? 0.45 : 1;
    ctx.fillStyle = p.card;
    ctx.fillRect(b.x, b.y, b.width, b.height);
    if (region?.worst) {
      ctx.fillStyle = p[worstToken(region.worst).swatch!];
      ctx.fillRect(b.x, b.y, Math.min(b.width / 4, TEXT.stripe / transform[2]), b.height);
    }
    ctx.strokeStyle = e?.mark ? p[MARK_COLOUR[e.mark]] : p.regionBorder;
    ctx.lineWidth = px(e?.mark ? 3 * dpr : 1);
    ctx.strokeRect(b.x, b.y, b.width, b.height);
    ctx.globalAlpha = 1;
  },
  title(p, b, screen) {
    const region = p.summary.regions.get(b.node.id);
    if (!region) return [screen];
    const { ctx, palette, dpr } = p;
    const area = textArea(p, b, screen);
    const width = Math.floor(area.width - TEXT.stripe - 2 * TEXT.pad);
    const room = Math.floor((area.height - 2 * TEXT.padY) / TEXT.line);
    if (width < 24 || room < 1) return [screen];
    const e = p.emphasis.regions.get(b.node.id);
    const key = `${region.id}|${idOf(p.summary)}|${palette.bg}|${e?.selected ?? 0}|${e?.matches ?? 0}|${width}|${room}`;
    ctx.globalAlpha = e?.dimmed ? 0.5 : 1;
    bitmaps.draw(ctx, key, area.x + TEXT.stripe + TEXT.pad, area.y + TEXT.padY, width, room * TEXT.line, dpr, (c) => {
      const marks: Token[] = [
        ...(e && e.selected > 0 ? [bodyToken({ text: 'selected', colour: 'accent' })] : []),
        ...(e && e.matches > 0 ? [bodyToken({ text: countOf(e.matches, 'match', 'matches'), colour: 'accent2' })] : []),
      ];
      const measure = measureWith(c);
      const gap = separatorWidth(c);
      const tokens = regionTokens(region);
      const title: Token = { text: region.region, colour: 'text', font: FONT_REGION, fallbacks: [{ text: region.region, font: FONT_REGION_SMALL }] };
      const main = flowTokens([title, ...marks, ...tokens.main.map(bodyToken)], width, room, measure, gap);
      const extra = flowTokens(tokens.extra.map(bodyToken), width, room, measure, gap);
      const lines = regionLines(main, [bodyToken(worstToken(region.worst))], extra, room);
      lines.forEach((line, i) => drawLine(c, palette, line, 0, i * TEXT.line + 1, width));
    });
    ctx.globalAlpha = 1;
    return [screen];
  },
};
