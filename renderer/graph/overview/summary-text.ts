/** Text of the overview's summaries on the canvas: fonts, lines of tokens, and bitmaps of text blocks kept between frames.
 *
 * Text is drawn at a fixed screen size. Rasterising a few hundred strings costs a software
 * rasteriser a few milliseconds a frame, so each block of text (a region's lines, an account's
 * header) is drawn once into a bitmap of its own and copied onto the canvas while it stays the
 * same: a pan draws no glyph, a zoom redraws only blocks whose room changed.
 */
import { FONT_SANS } from '../../../shared/diagram/style';
import { fitText } from './paint';
import type { Palette } from './paint';
import type { SummaryToken } from './summary-words';

/** Screen sizes of a summary's text, in CSS pixels. */
export const TEXT = { size: 11, line: 14, pad: 5, padY: 2, stripe: 3 } as const;
/** Screen sizes of an account's header. */
export const HEADER = { size: 12.5, line: 16, pad: 2 } as const;
export const FONT_BODY = `500 ${TEXT.size}px ${FONT_SANS}`;
export const FONT_REGION = `700 ${TEXT.size}px ${FONT_SANS}`;
export const FONT_REGION_SMALL = `700 ${TEXT.size - 1}px ${FONT_SANS}`;
export const FONT_ACCOUNT = `650 ${HEADER.size}px ${FONT_SANS}`;
/** Between two tokens on a line. */
export const SEPARATOR = ' · ';
const SWATCH = { width: 12, height: 4, gap: 4 } as const;

/**
 * A token of a header or a box, with its font; `paint` overrides its palette colour (an
 * account's hue); `fallbacks` are tried in order when it does not fit its line.
 */
export type Token = SummaryToken & {
  readonly font: string;
  readonly paint?: string;
  readonly fallbacks?: readonly { readonly text: string; readonly font: string }[];
};

/** A summary token in the body font, its short words as the fallback. */
export function bodyToken(t: SummaryToken): Token {
  return { ...t, font: FONT_BODY, ...(t.short ? { fallbacks: [{ text: t.short, font: FONT_BODY }] } : {}) };
}

/** The width of a token as drawn, swatch included. */
export function measureWith(ctx: CanvasRenderingContext2D): (t: Token) => number {
  return (t) => {
    ctx.font = t.font;
    return ctx.measureText(t.text).width + (t.swatch ? SWATCH.width + SWATCH.gap : 0);
  };
}

/** The width of the separator between tokens. */
export function separatorWidth(ctx: CanvasRenderingContext2D): number {
  ctx.font = FONT_BODY;
  return ctx.measureText(SEPARATOR).width;
}

/** Draw one line of tokens from (x, y) (baseline at the top), cut to `maxWidth`. */
export function drawLine(ctx: CanvasRenderingContext2D, palette: Palette, tokens: readonly Token[], x: number, y: number, maxWidth: number): void {
  const end = x + maxWidth;
  let at = x;
  tokens.forEach((t, i) => {
    if (i > 0) {
      ctx.font = FONT_BODY;
      ctx.fillStyle = palette.muted;
      ctx.fillText(SEPARATOR, at, y);
      at += ctx.measureText(SEPARATOR).width;
    }
    if (t.swatch) {
      ctx.fillStyle = palette[t.swatch];
      ctx.fillRect(at, y + TEXT.line / 2 - SWATCH.height + 1, SWATCH.width, SWATCH.height);
      at += SWATCH.width + SWATCH.gap;
    }
    let { text: full, font } = t;
    ctx.font = font;
    for (const f of t.fallbacks ?? []) {
      if (ctx.measureText(full).width <= end - at) break;
      ({ text: full, font } = f);
      ctx.font = font;
    }
    ctx.fillStyle = t.paint ?? palette[t.colour];
    const text = fitText(ctx, full, end - at);
    ctx.fillText(text, at, y);
    at += ctx.measureText(text).width;
  });
}

/** At most this many bitmaps are kept; past it the cache starts again. */
const MAX_BITMAPS = 400;

/** Bitmaps of text blocks by what they show (the caller's key), drawn again only when the key changes. */
export class TextBitmaps {
  private readonly bitmaps = new Map<string, HTMLCanvasElement>();

  /**
   * Copy the block `key` of `width` × `height` CSS pixels to (x, y) on `ctx` (in CSS pixels,
   * scaled by `dpr`), drawing it first with `paint` (in CSS pixels from its top left) if needed.
   */
  draw(ctx: CanvasRenderingContext2D, key: string, x: number, y: number, width: number, height: number, dpr: number, paint: (c: CanvasRenderingContext2D) => void): void {
    const w = Math.ceil(width * dpr);
    const h = Math.ceil(height * dpr);
    if (w <= 0 || h <= 0) return;
    const full = `${key}|${w}x${h}@${dpr}`;
    let bitmap = this.bitmaps.get(full);
    if (!bitmap) {
      if (this.bitmaps.size >= MAX_BITMAPS) this.bitmaps.clear();
      bitmap = document.createElement('canvas');
      bitmap.width = w;
      bitmap.height = h;
      const c = bitmap.getContext('2d');
      if (!c) return;
      c.setTransform(dpr, 0, 0, dpr, 0, 0);
      c.textBaseline = 'top';
      paint(c);
      this.bitmaps.set(full, bitmap);
    }
    // Whole device pixels, so the copy is not resampled.
    ctx.drawImage(bitmap, Math.round(x * dpr) / dpr, Math.round(y * dpr) / dpr, w / dpr, h / dpr);
  }
}
