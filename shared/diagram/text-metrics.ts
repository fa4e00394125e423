/** Text measuring without a DOM, for the exporters that draw. */
import { revealHidden } from '../export/syntax/reveal';

/**
 * Approximate advance width of `text` in pixels.
 *
 * No DOM or font files in shared/, so widths come from average glyph advances of the fallback
 * fonts (DejaVu Sans ≈ 0.6 em for mixed lower case and digits, monospace exactly 0.602 em):
 * slightly generous, so text fitted with it never overflows a box in the fonts we name.
 */
export function estimateTextWidth(text: string, fontSizePx: number, opts: { mono?: boolean; bold?: boolean } = {}): number {
  const em = opts.mono ? 0.61 : opts.bold ? 0.64 : 0.59;
  let units = 0;
  for (const ch of text) {
    if (opts.mono) units += 1;
    // Narrow glyphs (i, l, punctuation) and wide ones (M, W, CJK) differ a lot in a proportional font.
    else if (/[ilj.,:;'|!1 ()[\]]/.test(ch)) units += 0.55;
    else if (/[MWmw@%]/.test(ch) || ch.codePointAt(0)! > 0x2e80) units += 1.45;
    else if (/[A-Z]/.test(ch)) units += 1.15;
    else units += 1;
  }
  return units * em * fontSizePx;
}

/** `text`, with hidden characters shown (`revealHidden`) as they will be drawn, cut with an ellipsis so that it fits `maxWidthPx`. */
export function fitText(raw: string, maxWidthPx: number, fontSizePx: number, opts: { mono?: boolean; bold?: boolean } = {}): string {
  const text = revealHidden(raw);
  if (estimateTextWidth(text, fontSizePx, opts) <= maxWidthPx) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTextWidth(chars.slice(0, mid).join('') + '…', fontSizePx, opts) <= maxWidthPx) lo = mid;
    else hi = mid - 1;
  }
  return lo === 0 ? '…' : chars.slice(0, lo).join('').trimEnd() + '…';
}
