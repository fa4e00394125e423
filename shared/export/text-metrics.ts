/** Text measuring without a DOM, and XML escaping, for the exporters that draw. */

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

/** `text` cut with an ellipsis so that it fits `maxWidthPx`. */
export function fitText(text: string, maxWidthPx: number, fontSizePx: number, opts: { mono?: boolean; bold?: boolean } = {}): string {
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

/** Escape text for XML character data and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Escape text for an XML attribute value, keeping line breaks and tabs (attribute normalisation would turn them into spaces). */
export function escapeXmlAttr(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#xa;').replace(/\r/g, '&#xd;').replace(/\t/g, '&#x9;');
}

/** A number for SVG/XML attributes: at most one decimal, no `-0`. */
export function num(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}
